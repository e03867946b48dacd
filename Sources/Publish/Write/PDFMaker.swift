import Foundation

/// Turns pack HTML into PDF with WeasyPrint, a real paged-media engine, found on the PATH at run time.
public struct PDFMaker: Sendable {
    public let executable: String

    /// WeasyPrint from `DOORSTEP_WEASYPRINT` or the PATH; nil when it is not installed.
    public static func find() -> PDFMaker? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["DOORSTEP_WEASYPRINT"] {
            return FileManager.default.isExecutableFile(atPath: explicit) ? PDFMaker(executable: explicit) : nil
        }
        for folder in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/weasyprint"
            if FileManager.default.isExecutableFile(atPath: candidate) { return PDFMaker(executable: candidate) }
        }
        return nil
    }

    /// Renders `html` to `pdf`; returns WeasyPrint's error output when it fails.
    public func render(html: URL, pdf: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--quiet", "--presentational-hints", html.path, pdf.path]
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "0"  // identical input gives a byte-identical PDF
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return "could not start \(executable): \(error.localizedDescription)"
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? "weasyprint exited with status \(process.terminationStatus)" : text
        }
        return nil
    }

    /// Pages in a PDF, read from its page tree (`/Type /Page` objects).
    public static func pageCount(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        let needle = Array("/Type /Page".utf8)
        var count = 0
        var index = 0
        while index + needle.count < bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle,
               bytes[index + needle.count] != UInt8(ascii: "s") {
                count += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return count
    }
}
