import Foundation
import Toolkit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The modification time and size of every file the site is built from. Two snapshots differ when a
/// file was saved, added or removed, which is all the preview needs to know to rebuild.
public struct SourceSnapshot: Equatable, Sendable {
    public struct Stamp: Equatable, Sendable {
        /// Seconds since 1970, so that the time from a save to the reload can be measured.
        public var modified: Double
        public var size: Int
    }

    /// The folders `doorstep build` reads; site-wide template overrides live in `templates/`.
    public static let watchedFolders = ["content", "toolkit-modules", "templates", "wording"]

    /// Keyed by the path relative to the project folder, as diagnostics name files.
    public private(set) var files: [String: Stamp]

    public init(files: [String: Stamp] = [:]) {
        self.files = files
    }

    /// The folders to watch for this project: the fixed ones, and every module folder `content/site.yml`
    /// names in `module_folders` (a group's own modules beside the toolkit's).
    public static func folders(root: URL) -> [String] {
        let siteYAML = root.appendingPathComponent("content/site.yml")
        guard let data = FileManager.default.contents(atPath: siteYAML.path) else { return watchedFolders }
        let config = SiteConfig.decode(SourceFile(path: "content/site.yml", text: String(decoding: data, as: UTF8.self))).0
        var folders = watchedFolders
        for folder in config.moduleFolders.map(\.value) where !folders.contains(folder) { folders.append(folder) }
        return folders
    }

    /// The folders to watch, kept while `content/site.yml` keeps its size and time of change, so that a poll
    /// does not read and decode the site's settings every time.
    public struct Folders: Sendable {
        private var stamp: Stamp?
        private var cached: [String] = []
        public private(set) var reads = 0

        public init() {}

        public mutating func current(root: URL) -> [String] {
            var info = stat()
            let stamp = stat(root.appendingPathComponent("content/site.yml").path, &info) == 0
                ? Stamp(modified: modificationTime(info), size: Int(info.st_size)) : nil
            if reads == 0 || stamp != self.stamp {
                cached = SourceSnapshot.folders(root: root)
                self.stamp = stamp
                reads += 1
            }
            return cached
        }
    }

    public static func take(root: URL, folders: [String]? = nil) -> SourceSnapshot {
        var walked: [String] = []
        return take(root: root, folders: folders, walked: &walked)
    }

    /// The snapshot, and in `walked` every folder it looked in (relative to the project), for the file events to watch.
    static func take(root: URL, folders: [String]? = nil, walked: inout [String]) -> SourceSnapshot {
        var files: [String: Stamp] = [:]
        var pending = folders ?? Self.folders(root: root)
        // A symbolic link back up the tree would otherwise be followed for ever.
        var foldersLeft = 10_000
        while let relative = pending.popLast(), foldersLeft > 0 {
            foldersLeft -= 1
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(relative).path) else { continue }
            walked.append(relative)
            for name in names where !isEditorScratch(name) {
                let path = relative + "/" + name
                // stat() directly: FileManager's attributes also look up owner names, which costs more
                // than the rest of a poll put together.
                var info = stat()
                guard stat(root.appendingPathComponent(path).path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: pending.append(path)
                case S_IFREG: files[path] = Stamp(modified: modificationTime(info), size: Int(info.st_size))
                default: break
                }
            }
        }
        return SourceSnapshot(files: files)
    }

    fileprivate static func modificationTime(_ info: stat) -> Double {
        #if canImport(Darwin)
        Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1_000_000_000
        #else
        Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1_000_000_000
        #endif
    }

    /// Paths added, removed or changed since `earlier`, sorted so the terminal lists them the same way each time.
    public func changes(since earlier: SourceSnapshot) -> [String] {
        var changed = files.filter { earlier.files[$0.key] != $0.value }.map(\.key)
        changed += earlier.files.keys.filter { files[$0] == nil }
        return changed.sorted()
    }

    /// The latest modification time among `paths`, to time a rebuild from the moment of the save.
    public func latestModification(of paths: [String]) -> Double? {
        paths.compactMap { files[$0]?.modified }.max()
    }

    /// Hidden files and editors' swap and backup files change while typing and are never part of the site.
    static func isEditorScratch(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~")
    }
}
