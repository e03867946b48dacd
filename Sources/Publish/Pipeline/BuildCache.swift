import CPlatform
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
    /// A new cache is written under this name, then renamed over the old one.
    public static let newFileName = fileName + ".new"
    static let header = "# doorstep build cache 3: the fingerprint of the inputs, their stamps, then the size, render key and path of every file written"

    /// Nil for a build that is not to be skipped next time.
    public var fingerprint: String?
    /// Size in bytes of every file of the site, by its path in the output folder.
    public var sizes: [String: Int]
    /// The render key of every page, by its path in the output folder.
    public var keys: [String: String] = [:]
    /// The same inputs told by their stamps: nil when the build is not to be skipped next time.
    public var stamps: Stamps?

    /// The inputs of a build by their stamps (see `FileStamp`) rather than their contents, with the options
    /// and everything else the fingerprint holds. A file changed just before the build looked at it could
    /// change again and keep its stamp, so such a "racy" file is hashed by its contents instead, and named here
    /// so that the next build reads it to compare.
    public struct Stamps: Sendable, Equatable {
        public var digest: String
        public var racy: [String]
    }

    /// The fingerprint of one build's inputs.
    public static func fingerprint(sources: ProjectSources, options: Pipeline.BuildOptions, pdfEngine: String?) -> String {
        var hasher = settingsHasher(options: options, pdfEngine: pdfEngine)
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

    /// Everything a build depends on but the project's files: the program, the options, the PDF engine and the
    /// built-in theme.
    static func settingsHasher(options: Pipeline.BuildOptions, pdfEngine: String?) -> ContentHasher {
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
        return hasher
    }

    /// The stamps of a build's inputs, as `Stamps` describes. `racy` names the files hashed by their contents,
    /// which `contents` gives (nil when a file cannot be read, and then there are no stamps).
    static func stamps(inputs: [InputFile], racy: Set<String>, options: Pipeline.BuildOptions, pdfEngine: String?,
                       contents: (InputFile) -> Data?) -> Stamps? {
        var hasher = settingsHasher(options: options, pdfEngine: pdfEngine)
        hasher.add("stamps")
        for input in inputs {
            // A path with a line break could not be written in the cache's list of racy files.
            guard !input.path.utf8.contains(0x0A) else { return nil }
            hasher.add(input.path)
            hasher.add(input.isAsset ? "asset" : "text")
            if racy.contains(input.path) {
                guard let data = contents(input) else { return nil }
                hasher.add("contents")
                hasher.add(data)
            } else {
                hasher.add(input.stamp)
            }
        }
        return Stamps(digest: hasher.hex, racy: inputs.map(\.path).filter(racy.contains))
    }

    /// The stamps of the inputs of a build that has just read them all: the files changed just before they
    /// were looked at are hashed from the text and bytes read.
    public static func stamps(sources: ProjectSources, options: Pipeline.BuildOptions, pdfEngine: String?) -> Stamps? {
        guard let start = sources.inputsLookedAt else { return nil }
        let racy = Set(sources.inputs.filter { $0.stamp.isRacy(since: start) }.map(\.path))
        let texts = racy.isEmpty ? [:] : sources.allFiles
        return stamps(inputs: sources.inputs, racy: racy, options: options, pdfEngine: pdfEngine) { input in
            input.isAsset ? sources.assetData[input.path] : texts[input.path].map { Data($0.utf8) }
        }
    }

    /// False for a folder on a file system whose times come from another machine's clock, or whose
    /// answers may be cached from before a change made elsewhere (NFS, SMB, 9p, FUSE, virtiofs…): there,
    /// stamps are not trusted and an unchanged build is told from the files' contents.
    public static func isLocalFileSystem(_ path: String) -> Bool {
        doorstep_file_system_is_local(path) == 1
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
        let stamped = stamps.map { ["stamps \($0.digest) \($0.racy.count)"] + $0.racy } ?? ["stamps -"]
        return ([Self.header, fingerprint ?? "-"] + stamped + files).joined(separator: "\n") + "\n"
    }

    /// Reads a cache file; nil for anything not written by this version.
    public static func parse(_ text: String) -> BuildCache? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// The cache's lines are read as bytes: at 10,000 pages it has 10,000 lines, read by every unchanged build.
    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> BuildCache? {
        guard let head = Head(bytes) else { return nil }
        var sizes: [String: Int] = [:]
        var keys: [String: String] = [:]
        let complete = head.forEachFile(in: bytes) { size, key, path in
            let path = String(decoding: UnsafeBufferPointer(rebasing: bytes[path]), as: UTF8.self)
            sizes[path] = size
            if !(key.count == 1 && bytes[key.lowerBound] == UInt8(ascii: "-")) {
                keys[path] = String(decoding: UnsafeBufferPointer(rebasing: bytes[key]), as: UTF8.self)
            }
            return true
        }
        guard complete else { return nil }
        return BuildCache(fingerprint: head.fingerprint, sizes: sizes, keys: keys, stamps: head.stamps)
    }

    /// The first lines of a cache file (its header, fingerprint and stamps), and where its list of files begins.
    struct Head: Sendable {
        var fingerprint: String?
        var stamps: Stamps?
        var filesStart: Int

        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            var offset = 0
            func line() -> String? {
                guard offset < bytes.count else { return nil }
                let end = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
                defer { offset = min(end + 1, bytes.count) }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
            }
            guard line() == BuildCache.header, let fingerprint = line(), let stampLine = line() else { return nil }
            self.fingerprint = fingerprint == "-" ? nil : fingerprint
            let fields = stampLine.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.first == "stamps" else { return nil }
            if fields.count == 3, let count = Int(fields[2]), count >= 0 {
                var racy: [String] = []
                for _ in 0..<count {
                    guard let path = line() else { return nil }
                    racy.append(path)
                }
                stamps = Stamps(digest: String(fields[1]), racy: racy)
            } else if fields.count != 2 || fields[1] != "-" {
                return nil
            }
            filesStart = offset
        }

        /// Calls `body` with the size, key and path of each file line from `range` (all of them by default)
        /// until it returns false; false when it did, or when a line is not a file line.
        func forEachFile(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil,
                         _ body: (Int, Range<Int>, Range<Int>) -> Bool) -> Bool {
            var offset = range?.lowerBound ?? filesStart
            let end = range?.upperBound ?? bytes.count
            while offset < end {
                let lineEnd = bytes[offset..<end].firstIndex(of: 0x0A) ?? end
                // "<size> <key or -> <path>": the path may hold spaces, the first two fields never do.
                guard let firstSpace = bytes[offset..<lineEnd].firstIndex(of: 0x20),
                      let secondSpace = bytes[(firstSpace + 1)..<lineEnd].firstIndex(of: 0x20),
                      let size = Self.number(bytes[offset..<firstSpace]) else { return false }
                guard body(size, (firstSpace + 1)..<secondSpace, (secondSpace + 1)..<lineEnd) else { return false }
                offset = lineEnd + 1
            }
            return true
        }

        /// A size written in decimal digits.
        static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            guard !digits.isEmpty, digits.count <= 18 else { return nil }
            var value = 0
            for digit in digits {
                guard digit >= 0x30, digit <= 0x39 else { return nil }
                value = value * 10 + Int(digit - 0x30)
            }
            return value
        }
    }

    /// A cache file as read, with its first lines understood. An unchanged build looks at the site's files
    /// straight from its bytes, without making a text for each path.
    public struct Stored: Sendable {
        let bytes: [UInt8]
        let head: Head
        public var fingerprint: String? { head.fingerprint }
        public var stamps: Stamps? { head.stamps }

        public static func read(output: URL) -> Stored? {
            let folder = output.standardizedFileURL.resolvingSymlinksInPath()
            guard case .success(let (_, data)) = FileReading.read(folder.appendingPathComponent(fileName).path) else { return nil }
            let bytes = [UInt8](data)
            guard let head = bytes.withUnsafeBufferPointer({ Head($0) }) else { return nil }
            return Stored(bytes: bytes, head: head)
        }

        /// The number of files of the site when every file the cache lists is still in the output folder at
        /// its size; nil otherwise, or when the list cannot be read.
        public func siteIsWhole(output: URL) -> Int? {
            let folder = output.standardizedFileURL.resolvingSymlinksInPath()
            let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            // The list is cut at line ends into a few large parts, looked at on every core.
            var cuts = [head.filesStart]
            var next = head.filesStart + 65_536
            while next < bytes.count {
                guard let lineEnd = bytes[next...].firstIndex(of: 0x0A) else { break }
                cuts.append(lineEnd + 1)
                next = lineEnd + 1 + 65_536
            }
            cuts.append(bytes.count)
            let parts = zip(cuts, cuts.dropFirst()).map { $0..<$1 }.filter { !$0.isEmpty }
            let counts = parallelMap(parts) { part -> Int? in
                bytes.withUnsafeBufferPointer { buffer in
                    var count = 0
                    var path: [CChar] = []
                    let whole = head.forEachFile(in: buffer, range: part) { size, _, range in
                        path.removeAll(keepingCapacity: true)
                        path.append(contentsOf: buffer[range].map { CChar(bitPattern: $0) })
                        path.append(0)
                        var info = stat()
                        guard fstatat(descriptor, path, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                              Int(info.st_size) == size else { return false }
                        count += 1
                        return true
                    }
                    return whole ? count : nil
                }
            }
            guard counts.count == parts.count, !counts.contains(where: { $0 == nil }) else { return nil }
            let total = counts.reduce(0) { $0 + ($1 ?? 0) }
            return total > 0 ? total : nil
        }
    }

    /// The cache the last build left in the output folder, if it can be read.
    public static func read(output: URL) -> BuildCache? {
        let folder = output.standardizedFileURL.resolvingSymlinksInPath()
        guard case .success(let (_, data)) = FileReading.read(folder.appendingPathComponent(fileName).path) else { return nil }
        return parse(data.withUnsafeBytes { String(decoding: $0.bindMemory(to: UInt8.self), as: UTF8.self) })
    }

    /// The number of files of the site when the output folder holds the cache of a build with this fingerprint
    /// and every file it wrote is still there at its size; nil otherwise.
    public static func current(_ fingerprint: String, output: URL) -> Int? {
        guard let cache = Stored.read(output: output), cache.fingerprint == fingerprint else { return nil }
        return cache.siteIsWhole(output: output)
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

    mutating func add(_ stamp: FileStamp) {
        let words: (Int64, Int64, Int64, Int64, Int64, Int64, Int64) = (
            Int64(bitPattern: stamp.device), Int64(bitPattern: stamp.inode), stamp.size,
            stamp.modified.seconds, stamp.modified.nanoseconds, stamp.changed.seconds, stamp.changed.nanoseconds)
        withUnsafeBytes(of: words) { add($0) }
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
