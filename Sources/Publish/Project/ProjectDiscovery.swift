import Foundation

/// Finds the project from any folder inside it, as git finds its repository: the nearest folder at or
/// above the current one that holds `content/site.yml`.
public enum ProjectDiscovery {
    public static let marker = "content/site.yml"

    /// The project folder for `start`; nil when no folder on the way up to `/` has the marker.
    public static func find(from start: URL, exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> URL? {
        var folder = start.standardizedFileURL
        while true {
            if exists(folder.appendingPathComponent(marker).path) { return folder }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// `--root` when it was given; otherwise the project around the current folder, or the current
    /// folder itself when there is none (the commands then say what is missing).
    public static func root(given: String?, current: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> URL {
        if let given { return URL(fileURLWithPath: given).standardizedFileURL }
        return find(from: current) ?? current.standardizedFileURL
    }
}
