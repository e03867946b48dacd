import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write stage. Files go into a staging folder beside the output, which then replaces the output in
/// two renames, so a failed build never leaves a half-written site. Files whose bytes did not change are
/// hard-linked from the previous site instead of rewritten, keeping their modification times. Files a
/// person put into the output folder themselves (a `.git` folder, a `CNAME`) are carried over untouched.
public struct OutputWriter: Sendable {
    /// Marks a folder as made by doorstep and lists the files the last build wrote, so that a user's folder
    /// is never replaced and a user's own files inside the site are kept.
    public static let marker = ".doorstep-site"
    static let markerHeader = "# Built by doorstep and replaced on every build. Files not listed here are kept."

    public let output: URL
    public let staging: URL
    public private(set) var written = 0
    public private(set) var unchanged = 0
    /// Every path staged so far.
    public private(set) var staged = Set<String>()
    /// Files and folders in the output that the last build did not write.
    let userEntries: [String]

    public enum Failure: Error, CustomStringConvertible {
        case notASite(String)
        case notAFolder(String)
        case io(String)

        public var description: String {
            switch self {
            case .notASite(let path):
                return "refusing to replace '\(path)': it is not empty and was not made by doorstep (no \(OutputWriter.marker) file); choose another --output folder"
            case .notAFolder(let path):
                return "'\(path)' is a file, not a folder; choose another --output folder"
            case .io(let message): return message
            }
        }
    }

    /// Checks that `output` may be replaced and prepares an empty staging folder beside it.
    public init(output: URL) throws(Failure) {
        // A symlinked output (a folder a web server serves) is followed, so the real folder is updated.
        self.output = output.standardizedFileURL.resolvingSymlinksInPath()
        let parent = self.output.deletingLastPathComponent()
        self.staging = Self.staging(for: self.output)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        var userEntries: [String] = []
        if manager.fileExists(atPath: self.output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notAFolder(self.output.path) }
            let contents = (try? manager.contentsOfDirectory(atPath: self.output.path)) ?? []
            guard contents.isEmpty || contents.contains(Self.marker) else { throw .notASite(self.output.path) }
            if let listed = Self.listedFiles(in: self.output) {
                userEntries = Self.entries(in: self.output, notIn: listed)
            }
        }
        self.userEntries = userEntries
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            if manager.fileExists(atPath: staging.path) { try manager.removeItem(at: staging) }
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot prepare '\(staging.path)': \(error.localizedDescription)")
        }
    }

    /// The folder a build of `output` is staged in, beside it.
    public static func staging(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).staging")
    }

    /// The previous build's copy of a file, if any.
    public func previous(_ path: String) -> Data? {
        FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
    }

    public mutating func stage(_ files: [RenderedFile]) throws(Failure) {
        var folders = Set<String>()
        for file in files {
            // Writing a path twice would truncate a file hard-linked from the previous site.
            guard staged.insert(file.path).inserted else {
                throw .io("two outputs were made for '\(file.path)'; nothing was written")
            }
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

    /// Files that something else (the PDF engine) wrote straight into the staging folder.
    public mutating func record(_ paths: [String]) {
        staged.formUnion(paths)
    }

    /// Carries the user's own files over, then swaps the staging folder in for the output folder. If the
    /// swap fails half-way, the previous site is put back.
    public func commit() throws(Failure) {
        try keepUserEntries()
        let listing = ([Self.markerHeader] + staged.sorted()).joined(separator: "\n") + "\n"
        try Self.writePlain(Data(listing.utf8), to: staging.appendingPathComponent(Self.marker).path)
        let manager = FileManager.default
        let retired = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
        do {
            if manager.fileExists(atPath: retired.path) { try manager.removeItem(at: retired) }
            if manager.fileExists(atPath: output.path) { try manager.moveItem(at: output, to: retired) }
        } catch {
            throw .io("cannot move the old site aside: \(error.localizedDescription)")
        }
        do {
            try manager.moveItem(at: staging, to: output)
        } catch {
            try? manager.moveItem(at: retired, to: output)
            throw .io("cannot move the new site into '\(output.path)' (the previous site was kept): \(error.localizedDescription)")
        }
        try? manager.removeItem(at: retired)
    }

    /// Removes the staging folder after a failure, leaving the previous site as it was.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Hard-links (or copies) the user's files into the staging folder, so they survive the swap.
    private func keepUserEntries() throws(Failure) {
        let manager = FileManager.default
        for entry in userEntries where staged.contains(entry) || staged.contains(where: { $0.hasPrefix(entry + "/") }) {
            throw .io("'\(output.appendingPathComponent(entry).path)' was not made by doorstep, and this build also writes it; move it away and build again")
        }
        for entry in userEntries {
            let source = output.appendingPathComponent(entry)
            let target = staging.appendingPathComponent(entry)
            do {
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Self.linkTree(from: source, to: target)
            } catch {
                throw .io("cannot keep '\(source.path)' in the new site: \(error.localizedDescription)")
            }
        }
    }

    private static func linkTree(from source: URL, to target: URL) throws {
        let manager = FileManager.default
        let attributes = try manager.attributesOfItem(atPath: source.path)
        switch attributes[.type] as? FileAttributeType {
        case .typeDirectory?:
            try manager.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try manager.contentsOfDirectory(atPath: source.path) {
                try linkTree(from: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
            }
        case .typeSymbolicLink?:
            try manager.createSymbolicLink(atPath: target.path, withDestinationPath: manager.destinationOfSymbolicLink(atPath: source.path))
        default:
            if link(source.path, target.path) != 0 { try manager.copyItem(at: source, to: target) }
        }
    }

    /// The files the last build listed in its marker; nil for a marker from before listings were kept.
    static func listedFiles(in folder: URL) -> Set<String>? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(marker), encoding: .utf8),
              text.hasPrefix(markerHeader) else { return nil }
        return Set(text.split(separator: "\n").dropFirst().map(String.init))
    }

    /// Top-most files and folders under `folder` that hold nothing the last build listed.
    static func entries(in folder: URL, notIn listed: Set<String>, prefix: String = "") -> [String] {
        let manager = FileManager.default
        let names = ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var result: [String] = []
        for name in names where !(prefix.isEmpty && name == marker) {
            let path = prefix + name
            if listed.contains(path) { continue }
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(name)
            let isRealDirectory = manager.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
                && (try? manager.destinationOfSymbolicLink(atPath: url.path)) == nil
            if isRealDirectory, listed.contains(where: { $0.hasPrefix(path + "/") }) {
                result += entries(in: url, notIn: listed, prefix: path + "/")
            } else {
                result.append(path)
            }
        }
        return result
    }

    /// A plain open–write–close: no fsync and no temporary file per file (the whole folder is swapped at the end).
    static func writePlain(_ data: Data, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .io("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let ok = data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, base + offset, buffer.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        if !ok { throw .io("cannot write '\(path)': \(String(cString: strerror(errno)))") }
    }
}
