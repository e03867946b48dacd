import Foundation

/// Turns pack HTML into PDF with WeasyPrint, a real paged-media engine, found on the PATH at run time.
public struct PDFMaker: Sendable {
    public let executable: String

    /// Why no engine could be used, in words for the person running the build.
    public struct Missing: Error, Sendable {
        public var reason: String
    }

    /// WeasyPrint from `DOORSTEP_WEASYPRINT` or the PATH.
    public static func find() -> Result<PDFMaker, Missing> {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["DOORSTEP_WEASYPRINT"] {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                return .failure(Missing(reason: "DOORSTEP_WEASYPRINT names '\(explicit)', which is not a program that can be run"))
            }
            return .success(PDFMaker(executable: explicit))
        }
        for folder in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/weasyprint"
            if FileManager.default.isExecutableFile(atPath: candidate) { return .success(PDFMaker(executable: candidate)) }
        }
        return .failure(Missing(reason: "WeasyPrint is not installed (install it with 'apt-get install weasyprint' or 'pip install weasyprint')"))
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
