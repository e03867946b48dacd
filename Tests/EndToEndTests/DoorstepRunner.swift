import Foundation
import Testing

/// Runs the real `doorstep` binary, as a user would, on a copy of a fixture project.
struct DoorstepRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        if let explicit = ProcessInfo.processInfo.environment["DOORSTEP_BINARY"] {
            return URL(fileURLWithPath: explicit)
        }
        // The test bundle sits in the build products folder beside the executable.
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("doorstep")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/doorstep")
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fresh copy of a fixture in a temporary folder, so tests can break it and build it.
    static func project(_ fixture: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-e2e-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(fixture), to: folder)
        return folder
    }

    @discardableResult
    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Result {
        #expect(FileManager.default.isExecutableFile(atPath: binary.path), "build doorstep first: \(binary.path)")
        return try runTool(binary.path, arguments, in: folder, environment: environment)
    }

    /// Any program, such as `script` to give doorstep a terminal.
    static func runTool(_ tool: String, _ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Running(process: process, out: out, err: err).wait()
    }

    /// A run in the background, for starting two at once.
    struct Running {
        let process: Process
        let out: Pipe
        let err: Pipe

        /// Reads both streams at once: a program that fills one pipe while the other is being read would
        /// otherwise wait for ever.
        func wait() -> Result {
            let errBox = DataBox()
            let group = DispatchGroup()
            group.enter()
            let handle = err.fileHandleForReading
            DispatchQueue.global().async {
                errBox.data = handle.readDataToEndOfFile()
                group.leave()
            }
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            group.wait()
            let errData = errBox.data
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
        }
    }

    static func start(_ arguments: [String], in folder: URL) throws -> Running {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Running(process: process, out: out, err: err)
    }

    static func edit(_ project: URL, _ path: String, replacing old: String, with new: String) throws {
        let url = project.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "fixture \(path) should contain \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    static func read(_ project: URL, _ path: String) throws -> String {
        try String(contentsOf: project.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file under a folder with its bytes, to compare two states of a site.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[String(url.path.dropFirst(folder.path.count))] = FileManager.default.contents(atPath: url.path)
            }
        }
        return result
    }
}

final class DataBox: @unchecked Sendable {
    var data = Data()
}
