import Foundation
import ZIPFoundation

/// Turns pack HTML into tagged PDF with WeasyPrint, a real paged-media engine, found at run time.
public struct PDFMaker: Sendable {
    public let executable: String
    public let version: Version

    /// The oldest WeasyPrint that draws the theme's print CSS (calc(), custom properties in shorthands,
    /// grid, gap) and writes PDF/UA tags. Older ones drop those rules without failing.
    public static let minimumVersion = Version(major: 66, minor: 0)

    /// The project-local install that `scripts/build-site` makes.
    public static let projectEnvironment = ".venv-print/bin/weasyprint"

    public struct Version: Sendable, Comparable, CustomStringConvertible {
        public var major: Int
        public var minor: Int

        public init(major: Int, minor: Int) {
            self.major = major
            self.minor = minor
        }

        public static func < (lhs: Version, rhs: Version) -> Bool { (lhs.major, lhs.minor) < (rhs.major, rhs.minor) }
        public var description: String { "\(major).\(minor)" }

        /// Reads `weasyprint --version` output: "WeasyPrint version 70.0".
        public static func parse(_ output: String) -> Version? {
            guard let range = output.range(of: #"version\s+(\d+)(\.(\d+))?"#, options: .regularExpression) else { return nil }
            let numbers = output[range].dropFirst("version".count).trimmingCharacters(in: .whitespaces).split(separator: ".")
            guard let major = numbers.first.flatMap({ Int($0) }) else { return nil }
            return Version(major: major, minor: numbers.dropFirst().first.flatMap { Int($0) } ?? 0)
        }
    }

    /// Why no engine could be used, in words for the person running the build.
    public struct Missing: Error, Sendable {
        public var reason: String
    }

    /// What one run of WeasyPrint left: its error if it failed, and every warning it logged.
    public struct Outcome: Sendable {
        public var failure: String?
        public var warnings: [String]
    }

    /// Names the WeasyPrint that made a site's PDFs, so that the next build reuses them only if it has the same one.
    public static let engineFile = ".doorstep-pdf-engine"

    /// The engine's version, as the engine file holds it.
    public var identity: String { "WeasyPrint \(version)\n" }

    public init(executable: String, version: Version) {
        self.executable = executable
        self.version = version
    }

    /// WeasyPrint from `DOORSTEP_WEASYPRINT`, else the project's `.venv-print/`, else the PATH; it must be
    /// at least `minimumVersion`.
    public static func find(root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<PDFMaker, Missing> {
        switch candidate(root: root, environment: environment) {
        case .failure(let missing): return .failure(missing)
        case .success(let candidate): return check(executable: candidate, versionOutput: run(candidate, ["--version"]))
        }
    }

    /// The WeasyPrint program `find` would ask for its version, without running it.
    public static func candidate(root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<String, Missing> {
        let candidate: String
        if let explicit = environment["DOORSTEP_WEASYPRINT"], !explicit.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                return .failure(Missing(reason: "DOORSTEP_WEASYPRINT names '\(explicit)', which is not a program that can be run"))
            }
            candidate = explicit
        } else if case let local = root.appendingPathComponent(projectEnvironment).path,
                  FileManager.default.isExecutableFile(atPath: local) {
            candidate = local
        } else if let found = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
                    .map({ "\($0)/weasyprint" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            candidate = found
        } else {
            return .failure(Missing(reason: "WeasyPrint is not installed: run ./scripts/build-site, which installs it into .venv-print/, or 'pip install \"weasyprint>=\(minimumVersion)\"'"))
        }
        return .success(candidate)
    }

    /// Accepts `executable` when its `--version` output names a version at or above the minimum.
    public static func check(executable: String, versionOutput: String?) -> Result<PDFMaker, Missing> {
        guard let output = versionOutput, let version = Version.parse(output) else {
            return .failure(Missing(reason: "'\(executable) --version' did not say which WeasyPrint it is, so it cannot be trusted to make the PDFs"))
        }
        guard version >= minimumVersion else {
            return .failure(Missing(reason: "WeasyPrint \(version) at '\(executable)' is too old: Doorstep needs \(minimumVersion) or newer, which prints the pack styles (older ones drop writing lines, borders and grid layouts); run ./scripts/build-site to install it into .venv-print/, or set DOORSTEP_WEASYPRINT"))
        }
        return .success(PDFMaker(executable: executable, version: version))
    }

    /// Standard output of a short command, or nil if it could not run or failed.
    static func run(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// The arguments for one PDF: tagged for screen readers (PDF/UA-1: title, language, structure, bookmarks).
    public func arguments(html: URL, pdf: URL) -> [String] {
        ["--pdf-variant", "pdf/ua-1", "--presentational-hints", html.path, pdf.path]
    }

    /// Renders `html` to `pdf`, keeping WeasyPrint's log: its warnings are about our HTML or CSS.
    public func render(html: URL, pdf: URL) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(html: html, pdf: pdf)
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "0"  // identical input gives a byte-identical PDF
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Outcome(failure: "could not start \(executable): \(error.localizedDescription)", warnings: [])
        }
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = Self.logMessages(log)
        guard process.terminationStatus == 0 else {
            let text = log.trimmingCharacters(in: .whitespacesAndNewlines)
            return Outcome(failure: text.isEmpty ? "weasyprint exited with status \(process.terminationStatus)" : text, warnings: [])
        }
        return Outcome(failure: nil, warnings: lines)
    }

    /// One message per logged problem: "WARNING: Ignored `gap: 1em` at 3:1, unknown property." and the like,
    /// with the level dropped. Lines that continue a message (a traceback) are joined to it.
    public static func logMessages(_ log: String) -> [String] {
        var messages: [String] = []
        for line in log.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            if let colon = line.firstIndex(of: ":"), ["WARNING", "ERROR", "CRITICAL"].contains(String(line[..<colon])) {
                messages.append(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            } else if !messages.isEmpty {
                messages[messages.count - 1] += " " + line
            } else {
                messages.append(line)
            }
        }
        return messages
    }

    /// Pages in a PDF: its `/Type /Page` objects, also those packed into compressed object streams
    /// (as PDF 1.5 and later write them).
    public static func pageCount(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var count = countPages(bytes)
        for stream in objectStreams(bytes) { count += countPages(stream) }
        return count
    }

    static func countPages(_ bytes: [UInt8]) -> Int {
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

    /// The inflated contents of every `/Type /ObjStm` stream with `/Filter /FlateDecode`.
    static func objectStreams(_ bytes: [UInt8]) -> [[UInt8]] {
        let data = Data(bytes)
        var streams: [[UInt8]] = []
        var searchStart = data.startIndex
        while let marker = data.range(of: Data("/ObjStm".utf8), in: searchStart..<data.endIndex) {
            searchStart = marker.upperBound
            guard let streamKeyword = data.range(of: Data("stream".utf8), in: marker.upperBound..<data.endIndex) else { break }
            var start = streamKeyword.upperBound
            if start < data.endIndex, data[start] == 0x0D { start += 1 }
            if start < data.endIndex, data[start] == 0x0A { start += 1 }
            guard let end = data.range(of: Data("endstream".utf8), in: start..<data.endIndex) else { break }
            // A zlib stream: two header bytes, raw deflate, then a checksum the inflater does not need.
            let compressed = data.subdata(in: min(start + 2, end.lowerBound)..<end.lowerBound)
            var inflated = Data()
            _ = try? Data.decompress(size: Int64(compressed.count), bufferSize: 64 * 1024, skipCRC32: true,
                                     provider: { position, size in
                                         compressed.subdata(in: Int(position)..<min(compressed.count, Int(position) + size))
                                     }, consumer: { inflated.append($0) })
            streams.append([UInt8](inflated))
            searchStart = end.upperBound
        }
        return streams
    }
}
