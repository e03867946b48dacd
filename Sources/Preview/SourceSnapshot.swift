import Foundation

/// The modification time and size of every file the site is built from. Two snapshots differ when a
/// file was saved, added or removed, which is all the preview needs to know to rebuild.
public struct SourceSnapshot: Equatable, Sendable {
    public struct Stamp: Equatable, Sendable {
        /// Seconds since 1970, so that the time from a save to the reload can be measured.
        public var modified: Double
        public var size: Int
    }

    /// The folders `doorstep build` reads; site-wide template overrides live in `templates/`.
    public static let watchedFolders = ["content", "toolkit-modules", "templates"]

    /// Keyed by the path relative to the project folder, as diagnostics name files.
    public private(set) var files: [String: Stamp]

    public init(files: [String: Stamp] = [:]) {
        self.files = files
    }

    public static func take(root: URL, folders: [String] = watchedFolders) -> SourceSnapshot {
        let manager = FileManager.default
        var files: [String: Stamp] = [:]
        for folder in folders {
            let base = root.appendingPathComponent(folder).path
            guard let enumerator = manager.enumerator(atPath: base) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let full = base + "/" + relative
                guard let attributes = try? manager.attributesOfItem(atPath: full) else { continue }
                let type = attributes[.type] as? FileAttributeType
                if isEditorScratch(name) {
                    if type == .typeDirectory { enumerator.skipDescendants() }
                    continue
                }
                guard type == .typeRegular else { continue }
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                files[folder + "/" + relative] = Stamp(modified: modified, size: size)
            }
        }
        return SourceSnapshot(files: files)
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
