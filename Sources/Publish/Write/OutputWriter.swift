import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write stage. Files go into a staging folder beside the output, which then replaces the output in
/// two renames, so a failed build never leaves a half-written site. Files whose bytes did not change are
/// hard-linked from the previous site instead of rewritten, keeping their modification times.
public struct OutputWriter: Sendable {
    /// Marks a folder as made by doorstep, so it is never mistaken for (and never replaces) a user's folder.
    public static let marker = ".doorstep-site"

    public let output: URL
    public let staging: URL
    public private(set) var written = 0
    public private(set) var unchanged = 0

    public enum Failure: Error, CustomStringConvertible {
        case notASite(String)
        case io(String)

        public var description: String {
            switch self {
            case .notASite(let path):
                return "refusing to replace '\(path)': it is not empty and was not made by doorstep (no \(OutputWriter.marker) file); choose another --output folder"
            case .io(let message): return message
            }
        }
    }

    /// Checks that `output` may be replaced and prepares an empty staging folder beside it.
    public init(output: URL) throws(Failure) {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        self.staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).staging")
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: self.output.path, isDirectory: &isDirectory) {
            let contents = (try? manager.contentsOfDirectory(atPath: self.output.path)) ?? []
            guard isDirectory.boolValue, contents.isEmpty || contents.contains(Self.marker) else {
                throw .notASite(self.output.path)
            }
        }
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            if manager.fileExists(atPath: staging.path) { try manager.removeItem(at: staging) }
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot prepare '\(staging.path)': \(error.localizedDescription)")
        }
    }

    /// The previous build's copy of a file, if any.
    public func previous(_ path: String) -> Data? {
        FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
    }

    public mutating func stage(_ files: [RenderedFile]) throws(Failure) {
        var folders = Set<String>()
        for file in files {
            let folder = (file.path as NSString).deletingLastPathComponent
            if !folder.isEmpty, folders.insert(folder).inserted {
                do {
                    try FileManager.default.createDirectory(at: staging.appendingPathComponent(folder),
                                                            withIntermediateDirectories: true)
                } catch {
                    throw .io("cannot create '\(folder)' in the staging folder: \(error.localizedDescription)")
                }
            }
            let target = staging.appendingPathComponent(file.path).path
            let old = output.appendingPathComponent(file.path).path
            if previous(file.path) == file.data, link(old, target) == 0 {
                unchanged += 1
                continue
            }
            try Self.writePlain(file.data, to: target)
            written += 1
        }
    }

    /// Swaps the staging folder in for the output folder.
    public func commit() throws(Failure) {
        try Self.writePlain(Data("This folder is built by doorstep and replaced on every build.\n".utf8),
                            to: staging.appendingPathComponent(Self.marker).path)
        let manager = FileManager.default
        let retired = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
        do {
            if manager.fileExists(atPath: retired.path) { try manager.removeItem(at: retired) }
            if manager.fileExists(atPath: output.path) { try manager.moveItem(at: output, to: retired) }
            try manager.moveItem(at: staging, to: output)
            if manager.fileExists(atPath: retired.path) { try manager.removeItem(at: retired) }
        } catch {
            throw .io("cannot move the new site into '\(output.path)': \(error.localizedDescription)")
        }
    }

    /// Removes the staging folder after a failure, leaving the previous site as it was.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// A plain open–write–close: no fsync and no temporary file per file (the whole folder is swapped at the end).
    static func writePlain(_ data: Data, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .io("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let ok = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        if !ok { throw .io("cannot write '\(path)': \(String(cString: strerror(errno)))") }
    }
}
