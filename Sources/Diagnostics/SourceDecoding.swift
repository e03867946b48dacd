import Foundation

/// Bytes from disk as text, or an error at the line and column of the first byte that is not UTF-8.
public enum SourceDecoding {
    public static func decode(_ data: Data, path: String) -> Result<String, Diagnostic> {
        if let text = String(validatingUTF8Bytes: data) { return .success(text) }
        let (line, column, byte) = firstInvalidByte(data)
        return .failure(.error("file-encoding",
            "'\(path)' is not UTF-8 text: the byte 0x\(String(format: "%02X", byte)) here is not valid UTF-8; save the file as UTF-8",
            at: SourceLocation(file: path, line: line, column: column)))
    }

    /// Line and column (in characters) of the first invalid byte, and the byte.
    static func firstInvalidByte(_ data: Data) -> (Int, Int, UInt8) {
        let bytes = [UInt8](data)
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column, byte)
            }
            guard index + length <= bytes.count,
                  String(validatingUTF8Bytes: Data(bytes[index..<index + length])) != nil else { return (line, column, byte) }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return (line, column, 0)
    }
}

extension String {
    init?(validatingUTF8Bytes data: Data) {
        // A file that starts with a byte-order mark keeps Foundation's handling of it; any other is
        // checked and copied in one pass, without going through UTF-16.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(data: data, encoding: .utf8) else { return nil }
            self = text
            return
        }
        guard let text = String(validating: data, as: UTF8.self) else { return nil }
        self = text
    }
}

/// So that a function can return text or the located reason it has none.
extension Diagnostic: Error {}
