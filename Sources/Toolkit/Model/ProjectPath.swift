import Markdown

/// Project-relative paths and the relative URLs between output files.
public enum ProjectPath {
    /// `a/b/../c/./d` → `a/c/d`; nil when the path climbs above the project root.
    public static func normalize(_ path: String) -> String? {
        isNormal(path) ? path : normalizedBySplitting(path)
    }

    /// The general way: the path split at each "/", with "." parts dropped and ".." parts taking away the one before.
    static func normalizedBySplitting(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// True when `normalize` would give the path back as it is: no empty, "." or ".." part, and no "/" at
    /// either end. Most paths are like this, and are checked byte by byte without being split.
    static func isNormal(_ path: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "/")
        var dotsInPart = 0, partLength = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if previous == UInt8(ascii: "/") || dotsInPart == partLength { return false }
                dotsInPart = 0
                partLength = 0
            } else {
                partLength += 1
                if byte == UInt8(ascii: ".") { dotsInPart += 1 }
            }
            previous = byte
        }
        // The last part, like every other, must not be empty or made only of dots.
        return partLength > 0 && dotsInPart < partLength
    }

    public static func directory(of path: String) -> String {
        // In ASCII every byte is a Character, so the last "/" byte is the last "/" Character.
        if path.isAllASCII {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
            return String(path[..<slash])
        }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }


    /// `destination` written in the file at `from`, as a project-relative path. A file in a module folder
    /// beside the project (`../our-modules/m/a.md`) resolves within that folder and never climbs out of it.
    public static func resolve(_ destination: String, from: String) -> String? {
        let (outside, base) = splitOutside(directory(of: from))
        guard let inner = normalize(base.isEmpty ? destination : "\(base)/\(destination)") else { return nil }
        return outside + inner
    }

    /// `../../our/m/x` → (`../../`, `our/m/x`): the climb out of the project, and the rest.
    static func splitOutside(_ path: String) -> (outside: String, rest: String) {
        // A path that does not begin with the bytes ".." cannot begin with the Characters "../" or be "..".
        guard path.utf8.starts(with: "..".utf8) else { return ("", path) }
        var rest = Substring(path), outside = ""
        while rest.hasPrefix("../") || rest == ".." {
            outside += "../"
            rest = rest.dropFirst(min(3, rest.count))
        }
        return (outside, String(rest))
    }

    /// The relative URL from one output file to another: `guides/a/index.html` → `../../b/index.html`.
    /// Worked out on the paths' bytes: pages call it for every link and every navigation entry.
    public static func relativeURL(from: String, to target: String) -> String {
        var from = from, target = target
        return from.withUTF8 { source in
            target.withUTF8 { destination in
                // The folder of `from`: everything before its last slash.
                let folderEnd = source.lastIndex(of: UInt8(ascii: "/")) ?? 0
                let folder = UnsafeBufferPointer(rebasing: source[..<folderEnd])
                let fromCount = partCount(folder), targetCount = partCount(destination)
                // The parts both paths begin with, read side by side.
                var common = 0, fromAt = 0, targetAt = 0
                while common < fromCount, common < targetCount - 1 {
                    let before = targetAt
                    guard let fromPart = nextPart(folder, at: &fromAt), let targetPart = nextPart(destination, at: &targetAt),
                          folder[fromPart].elementsEqual(destination[targetPart]) else {
                        targetAt = before
                        break
                    }
                    common += 1
                }
                // Written into room on the stack, so the link's own string is the one thing allocated.
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: destination.count + 3 * (fromCount - common) + 1) { out in
                    var length = 0
                    func append(_ byte: UInt8) {
                        out[length] = byte
                        length += 1
                    }
                    for _ in 0..<(fromCount - common) {
                        if length > 0 { append(UInt8(ascii: "/")) }
                        append(UInt8(ascii: "."))
                        append(UInt8(ascii: "."))
                    }
                    while let part = nextPart(destination, at: &targetAt) {
                        if length > 0 { append(UInt8(ascii: "/")) }
                        for byte in destination[part] { append(byte) }
                    }
                    return String(decoding: UnsafeBufferPointer(rebasing: out[..<length]), as: UTF8.self)
                }
            }
        }
    }

    /// The next non-empty stretch between slashes (as `split(separator: "/")` finds them) at or after `index`,
    /// which is moved past it; nil when there is none.
    private static func nextPart(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Range<Int>? {
        while index < bytes.count, bytes[index] == UInt8(ascii: "/") { index += 1 }
        guard index < bytes.count else { return nil }
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "/") { index += 1 }
        return start..<index
    }

    private static func partCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0, index = 0
        while nextPart(bytes, at: &index) != nil { count += 1 }
        return count
    }

    /// `path` written relative to the module folder that holds `file` (or to `content/` for site pages), as
    /// pack items and session handouts are. Every module sits at `<module folder>/<id>/`, and a module folder
    /// is one folder in the project or beside it (`ModuleFolders`).
    public static func resolve(_ path: String, inModuleOf file: String) -> String? {
        let (outside, rest) = splitOutside(file)
        let parts = rest.split(separator: "/")
        guard parts.first != "content", parts.count > 2 else { return normalize("content/\(path)") }
        return normalize("\(parts[0])/\(parts[1])/\(path)").map { outside + $0 }
    }

    /// The module's place in the site for a file in a module folder: `toolkit-modules/m/assets/x.png` and
    /// `../our-modules/m/assets/x.png` both → `m/assets/x.png`.
    public static func assetOutputPath(_ path: String) -> String {
        let parts = splitOutside(path).rest.split(separator: "/", maxSplits: 1)
        return parts.count == 2 && parts[0] != "content" ? String(parts[1]) : path
    }

    /// How a web server addresses an output file: `a/b/index.html` → `a/b/`, `packs/x.html` stays as it is.
    public static func address(of outputPath: String) -> String {
        outputPath.hasSuffix("index.html") ? String(outputPath.dropLast("index.html".count)) : outputPath
    }

    /// Splits `path#anchor`.
    public static func splitAnchor(_ destination: String) -> (path: String, anchor: String?) {
        if destination.isAllASCII {
            guard let hash = destination.utf8.firstIndex(of: UInt8(ascii: "#")) else { return (destination, nil) }
            return (String(destination[..<hash]), String(destination[destination.utf8.index(after: hash)...]))
        }
        guard let hash = destination.firstIndex(of: "#") else { return (destination, nil) }
        return (String(destination[..<hash]), String(destination[destination.index(after: hash)...]))
    }

    /// True for `https:`, `mailto:`, `tel:` and other links that leave the site (the scheme read as a browser does).
    public static func isExternal(_ destination: String) -> Bool {
        URLPolicy.scheme(of: destination) != nil || destination.hasPrefix("//")
    }
}
