import Foundation
import Toolkit

/// What an unchanged rebuild checks instead of building: a fingerprint of everything a build reads (every
/// source file after the preprocessors, every asset, the theme, the program itself, the options and the
/// PDF engine), kept in the output folder with the size of every file the build wrote. When the fingerprint
/// and every file still match, the site is already what a build would write, so nothing is done.
/// Beside each page's size it keeps the page's render key (`RenderKeys`), so a build after an edit renders
/// only the pages whose keys changed.
///
/// Only a build that found no problems is remembered whole: one that printed warnings prints them again,
/// so it keeps no fingerprint (its page keys are still kept). A project with a results folder is always
/// built, because its answers are read later in the build.
public struct BuildCache: Sendable, Equatable {
    /// Kept in the output folder, beside the marker.
    public static let fileName = ".doorstep-cache"
    static let header = "# doorstep build cache 2: the fingerprint of the inputs, then the size, render key and path of every file written"

    /// Nil for a build that is not to be skipped next time.
    public var fingerprint: String?
    /// Size in bytes of every file of the site, by its path in the output folder.
    public var sizes: [String: Int]
    /// The render key of every page, by its path in the output folder.
    public var keys: [String: String] = [:]

    /// The fingerprint of one build's inputs.
    public static func fingerprint(sources: ProjectSources, options: Pipeline.BuildOptions, pdfEngine: String?) -> String {
        var hasher = ContentHasher()
        hasher.add("doorstep \(DoorstepVersion.current)")
        hasher.add(programIdentity())
        hasher.add("strict=\(options.strict) pdf=\(options.makePDF) require-pdf=\(options.requirePDF)")
        hasher.add("drafts=\(options.site.includeDrafts) base=\(options.site.baseURL ?? "-")")
        hasher.add("engine=\(pdfEngine ?? "-")")
        for (path, data) in themeFiles() {
            hasher.add(path)
            hasher.add(data)
        }
        for (path, text) in sources.allFiles.sorted(by: { $0.key < $1.key }) {
            hasher.add(path)
            hasher.add(text)
        }
        for (path, data) in sources.assetData.sorted(by: { $0.key < $1.key }) {
            hasher.add(path)
            hasher.add(data)
        }
        return hasher.hex
    }

    /// The program that runs, by place, size and time of change: a rebuilt doorstep may render differently.
    static func programIdentity() -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        return "program=\(path) " + fileIdentity(path)
    }

    /// Size and time of change of a file, or "missing".
    static func fileIdentity(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "missing" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// The built-in theme's files, which are read from the installation rather than the project.
    static func themeFiles() -> [(String, Data)] {
        guard let theme = Bundle.module.url(forResource: "Theme", withExtension: nil) else { return [] }
        let manager = FileManager.default
        let paths = (manager.subpaths(atPath: theme.path) ?? []).sorted()
        return paths.compactMap { path in
            var isFolder: ObjCBool = false
            let full = theme.appendingPathComponent(path).path
            guard manager.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
            return manager.contents(atPath: full).map { (path, $0) }
        }
    }

    /// The cache file's text.
    public var text: String {
        let files = sizes.sorted { $0.key < $1.key }.map { "\($0.value) \(keys[$0.key] ?? "-") \($0.key)" }
        return ([Self.header, fingerprint ?? "-"] + files).joined(separator: "\n") + "\n"
    }

    /// Reads a cache file; nil for anything not written by this version.
    public static func parse(_ text: String) -> BuildCache? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == header, lines.count >= 2 else { return nil }
        let fingerprint = lines[1] == "-" ? nil : String(lines[1])
        if lines.last == "" { lines.removeLast() }
        var sizes: [String: Int] = [:]
        var keys: [String: String] = [:]
        for line in lines.dropFirst(2) {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let size = Int(parts[0]) else { return nil }
            let path = String(parts[2])
            sizes[path] = size
            if parts[1] != "-" { keys[path] = String(parts[1]) }
        }
        return BuildCache(fingerprint: fingerprint, sizes: sizes, keys: keys)
    }

    /// The cache the last build left in the output folder, if it can be read.
    public static func read(output: URL) -> BuildCache? {
        let folder = output.standardizedFileURL.resolvingSymlinksInPath()
        return FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path)
            .flatMap { parse(String(decoding: $0, as: UTF8.self)) }
    }

    /// The number of files of the site when the output folder holds the cache of a build with this fingerprint
    /// and every file it wrote is still there at its size; nil otherwise.
    public static func current(_ fingerprint: String, output: URL) -> Int? {
        let folder = output.standardizedFileURL.resolvingSymlinksInPath()
        guard let cache = read(output: output), cache.fingerprint == fingerprint, !cache.sizes.isEmpty else { return nil }
        for (path, size) in cache.sizes {
            var info = stat()
            guard stat(folder.path + "/" + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                  Int(info.st_size) == size else { return nil }
        }
        return cache.sizes.count
    }
}

/// A 128-bit hash of many byte strings: two independent 64-bit lanes (FNV-1a and a multiply–rotate mix) fed
/// eight bytes at a time, each string framed by its length so that the boundaries between strings count.
/// Each step is a one-to-one function of the lane for a given word, so any one changed word always changes the hash.
struct ContentHasher {
    private var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
    private var mix: UInt64 = 0x9e37_79b9_7f4a_7c15

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ data: Data) {
        data.withUnsafeBytes { add($0) }
    }

    private mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var fnv = self.fnv, mix = self.mix
        func take(_ word: UInt64) {
            fnv = (fnv ^ word) &* 0x0000_0100_0000_01b3
            mix = (mix ^ word) &* 0xff51_afd7_ed55_8ccd
            mix = (mix << 29) | (mix >> 35)
        }
        take(UInt64(bytes.count))
        var offset = 0
        while offset + 8 <= bytes.count {
            take(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        var last: UInt64 = 0
        for (shift, byte) in bytes[offset...].enumerated() { last |= UInt64(byte) << (8 * UInt64(shift)) }
        take(last)
        self.fnv = fnv
        self.mix = mix
    }

    var hex: String {
        String(fnv, radix: 16).leftPadded(16) + String(mix, radix: 16).leftPadded(16)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
