public enum HTML {
    /// Escapes text for use in element content and in double-quoted attribute values; with `apostrophes`,
    /// `'` too (as `&#39;`), as a Mustache engine escapes it.
    public static func escape(_ text: String, apostrophes: Bool = false) -> String {
        // Most text has nothing to escape; text whose special characters all have ASCII on either side is
        // escaped a byte at a time. A special character next to a combining mark (or a prepended sign)
        // makes one character with it, which is not escaped: that is left to the loop over characters below.
        var text = text
        let fast: String?? = text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || (apostrophes && $0 == 0x27) })
            else { return .some(nil) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for (index, byte) in bytes.enumerated() {
                let replacement: StaticString
                switch byte {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27 where apostrophes: replacement = "&#39;"
                default:
                    out.append(byte)
                    continue
                }
                if index + 1 < bytes.count, bytes[index + 1] >= 0x80 { return nil }
                if index > 0, bytes[index - 1] >= 0x80 { return nil }
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            }
            return .some(String(decoding: out, as: UTF8.self))
        }
        switch fast {
        case .some(.none): return text
        case .some(.some(let escaped)): return escaped
        case .none: break
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'" where apostrophes: result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
