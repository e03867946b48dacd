import Diagnostics
import CPlatform
import Markdown
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write stage. Files go into a staging folder beside the output, which is then exchanged with the
/// output in one step (`renameat2` with `RENAME_EXCHANGE`), so the output is never missing or half-written,
/// whenever the build is stopped. An exclusive lock on the output keeps two builds from writing it at once:
/// the second waits. Files whose bytes did not change are hard-linked from the previous site instead of
/// rewritten, keeping their modification times. Files a person put into the output folder themselves
/// (a `.git` folder, a `CNAME`) are carried over untouched; when the last build's list of files cannot be
/// read, everything this build does not write is kept.
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
    /// The size of each staged file this writer wrote or kept, so the build cache needs no second look at them.
    private var sizes: [String: Int] = [:]
    /// Folders made in the staging folder so far.
    private var madeFolders = Set<String>()
    /// The files the last build wrote, from its marker; nil when there was no site or the marker could not
    /// be read, and then every file this build does not write is kept.
    let listed: Set<String>?
    /// False when there was no output folder, so no file of a last build to compare with or keep.
    let hasPreviousSite: Bool
    /// Held from the start of staging until the new site is in place.
    let lock: OutputLock

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

    /// Waits for any other build into `output`, puts back a site that an interrupted build of an older
    /// version left aside, checks that `output` may be replaced and prepares an empty staging folder.
    public init(output: URL, waiting: (String) -> Void = { _ in }) throws(Failure) {
        // A symlinked output (a folder a web server serves) is followed, so the real folder is updated.
        self.output = output.standardizedFileURL.resolvingSymlinksInPath()
        let parent = self.output.deletingLastPathComponent()
        self.staging = Self.staging(for: self.output)
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create '\(parent.path)': \(error.localizedDescription)")
        }
        self.lock = try OutputLock(folder: parent.path, output: self.output.path, waiting: waiting)
        Self.checkpoint("locked")
        try Self.putBack(self.output)
        var isDirectory: ObjCBool = false
        var listed: Set<String>?
        hasPreviousSite = manager.fileExists(atPath: self.output.path, isDirectory: &isDirectory)
        if hasPreviousSite {
            guard isDirectory.boolValue else { throw .notAFolder(self.output.path) }
            let contents = (try? manager.contentsOfDirectory(atPath: self.output.path)) ?? []
            guard contents.isEmpty || contents.contains(Self.marker) else { throw .notASite(self.output.path) }
            listed = Self.listedFiles(in: self.output)
        }
        self.listed = listed
        do {
            if manager.fileExists(atPath: staging.path) { try manager.removeItem(at: staging) }
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot prepare '\(staging.path)': \(error.localizedDescription)")
        }
    }

    /// Puts back a site that a build stopped between two renames left aside (on a file system that cannot
    /// exchange). Run at the start of every build, so that even a build that fails its checks finds the site.
    public static func recover(output: URL) throws(Failure) {
        let output = output.standardizedFileURL.resolvingSymlinksInPath()
        let parent = output.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: retired(for: output).path),
              FileManager.default.fileExists(atPath: parent.path) else { return }
        let lock = try OutputLock(folder: parent.path, output: output.path, waiting: { _ in })
        defer { lock.release() }
        try putBack(output)
    }

    private static func putBack(_ output: URL) throws(Failure) {
        let manager = FileManager.default
        let retired = retired(for: output)
        guard manager.fileExists(atPath: retired.path) else { return }
        if manager.fileExists(atPath: output.path) {
            try? manager.removeItem(at: retired)
        } else {
            do { try manager.moveItem(at: retired, to: output) } catch {
                throw .io("an earlier build was stopped while replacing the site, and the previous site in '\(retired.path)' could not be put back: \(error.localizedDescription)")
            }
        }
    }

    static func retired(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
    }

    /// Stops the process at a named step when `DOORSTEP_TEST_KILL_AT` names it: how the tests check that
    /// a build killed at any moment leaves a whole site.
    static func checkpoint(_ step: String) {
        guard let wanted = ProcessInfo.processInfo.environment["DOORSTEP_TEST_KILL_AT"], wanted == step else { return }
        kill(getpid(), SIGKILL)
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
        // Paths are joined as text: a URL built for each of thousands of files costs more than writing it.
        let stagingRoot = staging.path, outputRoot = output.path
        for file in files {
            // Writing a path twice would truncate a file hard-linked from the previous site.
            guard staged.insert(file.path).inserted else {
                throw .io("two outputs were made for '\(file.path)'; nothing was written")
            }
            try makeFolder(of: file.path)
            let target = stagingRoot + "/" + file.path
            let old = outputRoot + "/" + file.path
            sizes[file.path] = file.data.count
            if hasPreviousSite, FileManager.default.contents(atPath: old) == file.data, link(old, target) == 0 {
                unchanged += 1
                continue
            }
            try Self.writePlain(file.data, to: target)
            written += 1
        }
    }

    /// Makes the staging folder's folder for the file at `path`, once. One mkdir makes a folder whose parent
    /// is there already (a page's, once its module's is made); anything else goes through the file manager.
    private mutating func makeFolder(of path: String) throws(Failure) {
        let folder = Self.folder(of: path)
        guard !folder.isEmpty, madeFolders.insert(folder).inserted, mkdir(staging.path + "/" + folder, 0o755) != 0 else { return }
        do {
            try FileManager.default.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
        } catch {
            madeFolders.remove(folder)
            throw .io("cannot create '\(folder)' in the staging folder: \(error.localizedDescription)")
        }
    }

    /// `deletingLastPathComponent` of a path: for a plain relative path (no slash at either end, none doubled),
    /// all before its last slash, found in its bytes rather than through NSString.
    static func folder(of path: String) -> String {
        let bytes = path.utf8
        guard let first = bytes.first, first != UInt8(ascii: "/"), bytes.last != UInt8(ascii: "/"), !path.containsBytes("//") else {
            return (path as NSString).deletingLastPathComponent
        }
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Puts the previous site's copy of a file into the new site unread, when it is there at `size` bytes:
    /// for a page whose inputs did not change. False when it cannot be kept, and then it must be made.
    public mutating func reuse(_ path: String, size: Int) -> Bool {
        let old = output.path + "/" + path
        var info = stat()
        guard !staged.contains(path), stat(old, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == size else {
            return false
        }
        guard (try? makeFolder(of: path)) != nil, link(old, staging.path + "/" + path) == 0 else { return false }
        staged.insert(path)
        sizes[path] = size
        unchanged += 1
        return true
    }

    /// Files that something else (the PDF engine) wrote straight into the staging folder.
    public mutating func record(_ paths: [String]) {
        staged.formUnion(paths)
        for path in paths { sizes[path] = nil }
    }

    /// Carries the user's own files over, writes the list of this build's files, then exchanges the
    /// staging folder with the output folder in one step and removes the old site.
    /// The build cache is written too: with a fingerprint, the next build of unchanged inputs can stop early,
    /// and with the pages' render keys, the next build renders only pages whose keys changed.
    public func commit(fingerprint: String? = nil, keys: [String: String] = [:], stamps: BuildCache.Stamps? = nil) throws(Failure) {
        Self.checkpoint("staged")
        // With no output folder (a first build) there is nothing of the user's to keep, and no list of folders to make.
        let keep = FileManager.default.fileExists(atPath: output.path) ? Self.entries(in: output, notIn: listed ?? staged) : []
        try keepUserEntries(keep)
        let listing = ([Self.markerHeader] + staged.sorted()).joined(separator: "\n") + "\n"
        try Self.writePlain(Data(listing.utf8), to: staging.appendingPathComponent(Self.marker).path)
        // Files the PDF engine wrote are the only ones whose size is not known already.
        var sizes = self.sizes
        for path in staged where sizes[path] == nil {
            var info = stat()
            guard stat(staging.path + "/" + path, &info) == 0 else { continue }
            sizes[path] = Int(info.st_size)
        }
        let cache = BuildCache(fingerprint: fingerprint, sizes: sizes, keys: keys.filter { sizes[$0.key] != nil },
                               stamps: fingerprint == nil ? nil : stamps)
        try Self.writePlain(Data(cache.text.utf8), to: staging.appendingPathComponent(BuildCache.fileName).path)
        Self.checkpoint("marked")
        let manager = FileManager.default
        guard manager.fileExists(atPath: output.path) else {
            do { try manager.moveItem(at: staging, to: output) } catch {
                throw .io("cannot move the new site into '\(output.path)': \(error.localizedDescription)")
            }
            lock.release()
            return
        }
        // DOORSTEP_TEST_NO_EXCHANGE makes the tests take the path of a file system that cannot exchange.
        let canExchange = ProcessInfo.processInfo.environment["DOORSTEP_TEST_NO_EXCHANGE"] == nil
        if !canExchange || doorstep_exchange_paths(staging.path, output.path) != 0 {
            // A file system that cannot exchange: two renames, and the next build puts the old site back if
            // this one is stopped between them.
            let retired = Self.retired(for: output)
            do {
                if manager.fileExists(atPath: retired.path) { try manager.removeItem(at: retired) }
                try manager.moveItem(at: output, to: retired)
            } catch {
                throw .io("cannot move the old site aside: \(error.localizedDescription)")
            }
            Self.checkpoint("retired")
            do {
                try manager.moveItem(at: staging, to: output)
            } catch {
                try? manager.moveItem(at: retired, to: output)
                throw .io("cannot move the new site into '\(output.path)' (the previous site was kept): \(error.localizedDescription)")
            }
            try? manager.removeItem(at: retired)
        } else {
            Self.checkpoint("exchanged")
            // The staging folder now holds the old site.
            try? manager.removeItem(at: staging)
        }
        Self.checkpoint("cleaned")
        lock.release()
    }

    /// Removes the staging folder after a failure, leaving the previous site as it was.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
        lock.release()
    }

    /// Hard-links (or copies) the user's files into the staging folder, so they survive the swap.
    private func keepUserEntries(_ userEntries: [String]) throws(Failure) {
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
    static func entries(in folder: URL, notIn listed: Set<String>) -> [String] {
        var folders = Set<String>()
        for path in listed {
            var current = Substring(path)
            while let slash = current.lastIndex(of: "/") {
                current = current[..<slash]
                guard folders.insert(String(current)).inserted else { break }
            }
        }
        return entries(in: folder, notIn: listed, folders: folders, prefix: "")
    }

    private static func entries(in folder: URL, notIn listed: Set<String>, folders: Set<String>, prefix: String) -> [String] {
        let manager = FileManager.default
        let names = ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var result: [String] = []
        for name in names where !(prefix.isEmpty && (name == marker || name == BuildCache.fileName || name == BuildCache.newFileName)) {
            let path = prefix + name
            if listed.contains(path) { continue }
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(name)
            let isRealDirectory = manager.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
                && (try? manager.destinationOfSymbolicLink(atPath: url.path)) == nil
            if isRealDirectory, folders.contains(path) {
                result += entries(in: url, notIn: listed, folders: folders, prefix: path + "/")
            } else {
                result.append(path)
            }
        }
        return result
    }

    /// Puts new stamps into the cache of a site that a build has just found unchanged by its files' contents
    /// (after a `touch`, say), so that the next build can tell again from the stamps alone. Done under the
    /// output's lock, and only while the cache still holds `fingerprint`: a build that ran meanwhile left
    /// its own. The new cache replaces the old in one rename; any failure leaves the old one, which is
    /// still right, only slower.
    public static func restamp(output: URL, fingerprint: String, stamps: BuildCache.Stamps) {
        let output = output.standardizedFileURL.resolvingSymlinksInPath()
        guard let lock = try? OutputLock(folder: output.deletingLastPathComponent().path, output: output.path, waiting: { _ in })
        else { return }
        defer { lock.release() }
        guard var cache = BuildCache.read(output: output), cache.fingerprint == fingerprint, cache.stamps != stamps else { return }
        cache.stamps = stamps
        let path = output.appendingPathComponent(BuildCache.fileName).path
        let fresh = output.appendingPathComponent(BuildCache.newFileName).path
        do throws(Failure) {
            try writePlain(Data(cache.text.utf8), to: fresh)
        } catch {
            unlink(fresh)
            return
        }
        if rename(fresh, path) != 0 { unlink(fresh) }
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

/// An exclusive `flock` on the folder that holds the output, released when the build commits, gives up or
/// ends (the kernel drops it when the process dies, so a killed build never leaves a stale lock, and no
/// lock file is left behind).
public final class OutputLock: @unchecked Sendable {
    private var descriptor: Int32
    private let mutex = NSLock()

    init(folder: String, output: String, waiting: (String) -> Void) throws(OutputWriter.Failure) {
        descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .io("cannot open '\(folder)' to lock it: \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                throw .io("cannot lock '\(folder)': \(String(cString: strerror(errno)))")
            }
            waiting("another doorstep build is writing '\(output)'; waiting for it to finish")
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    throw .io("cannot lock '\(folder)': \(String(cString: strerror(errno)))")
                }
            }
        }
    }

    func release() {
        mutex.lock()
        defer { mutex.unlock() }
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
