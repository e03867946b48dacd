import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a Doorstep project from disk. The only place in the pipeline, with the writer, that does I/O.
public enum ProjectLoader {
    public static func load(root: URL) -> (ProjectSources, [Diagnostic]) {
        load(root: root, reading: true)
    }

    /// The files a build of the project would read, in `ProjectSources.inputs` with their stamps, found without
    /// reading them: every text is left empty and every asset without bytes, but `content/site.yml`, which
    /// names the module folders, is read. The diagnostics are those of finding the files.
    public static func inputs(root: URL) -> (ProjectSources, [Diagnostic]) {
        load(root: root, reading: false)
    }

    static func load(root: URL, reading: Bool) -> (ProjectSources, [Diagnostic]) {
        let started = FileTime.now()
        var diagnostics: [Diagnostic] = []
        var inputs: [InputFile] = []
        let configPath = "content/site.yml"
        /// Files found in a folder inside the project through no symbolic link: inside without a look at each.
        var linkFree: Set<String> = []
        /// Without `reading`, the stamps taken while looking through the folders, so each file is looked at once.
        var walked: [String: FileStamp] = [:]
        func files(under root: URL, in folder: String, suffix: String, recursive: Bool,
                   found: [(path: String, linkFree: Bool, stamp: FileStamp?)]? = nil) -> [String] {
            let found = found ?? ProjectLoader.files(under: root, in: folder, suffix: suffix, recursive: recursive, stamping: !reading)
            let real = boundary.isReal(folder)
            for file in found {
                if real, file.linkFree { linkFree.insert(file.path) }
                if let stamp = file.stamp { walked[file.path] = stamp }
            }
            return found.map(\.path)
        }
        let boundary = ProjectBoundary(root: root)
        let projectBoundary = boundary
        /// False, with an error at the link, for a file or folder whose real place is outside the project.
        func inside(_ relative: String, what: String) -> Bool {
            if linkFree.contains(relative) { return true }
            guard let target = boundary.outside(relative) else { return true }
            diagnostics.append(.error("file-outside-project",
                "\(what) '\(relative)' is a link to '\(target)', outside the project folder; the build reads only files inside it",
                at: SourceLocation(file: relative, line: 1, column: 1),
                notes: ["copy the file into the project instead of linking to it"]))
            return false
        }
        /// `checked`: the caller has already made sure the file's real place is where the build may read.
        func read(_ relative: String, checked: Bool = false) -> SourceFile? {
            guard checked || inside(relative, what: "the file") else { return nil }
            if !reading, relative != configPath, let stamp = walked[relative] {
                return taken(.success((SourceFile(path: relative, text: ""), stamp)))
            }
            return taken(readFile(relative, root: root, reading: reading || relative == configPath, noFollow: linkFree.contains(relative)))
        }
        /// Files whose places are already checked, read and decoded side by side; problems in the files' order.
        func readAll(_ paths: [String]) -> [SourceFile] {
            guard reading else { return paths.compactMap { read($0, checked: true) } }
            let plain = linkFree
            FileReading.prefetch(paths.map { root.path + "/" + $0 })
            return parallelMap(paths) { readFile($0, root: root, reading: reading, noFollow: plain.contains($0)) }.compactMap(taken)
        }
        func taken(_ outcome: Result<(SourceFile, FileStamp), Diagnostic>) -> SourceFile? {
            switch outcome {
            case .success(let (file, stamp)):
                inputs.append(InputFile(path: file.path, stamp: stamp, isAsset: false))
                return file
            case .failure(let problem):
                diagnostics.append(problem)
                return nil
            }
        }

        let siteConfig = exists(root, configPath) ? read(configPath) : nil
        if !exists(root, "content") {
            diagnostics.append(.error("project-missing-content",
                "no 'content' folder in '\(root.path)': run doorstep in the folder that holds content/ and toolkit-modules/, or pass --root"))
        } else if siteConfig == nil, !exists(root, configPath) {
            diagnostics.append(.error("config-missing", "'content/site.yml' is missing: it holds the site's title and settings"))
        }
        let contentPages = files(under: root, in: "content", suffix: ".md", recursive: false).compactMap { read($0) }
        for nested in files(under: root, in: "content", suffix: ".md", recursive: true) where nested.dropFirst(8).contains("/") {
            diagnostics.append(.warning("content-nested",
                "'\(nested)' is not published: site-wide pages sit directly in content/, and guides belong in a module",
                at: SourceLocation(file: nested, line: 1, column: 1)))
        }
        let siteTemplates = files(under: root, in: "templates", suffix: ".mustache", recursive: true).compactMap { read($0) }
        let siteDirectives = files(under: root, in: "directives", suffix: "", recursive: false)
            .filter(isDirectiveFile).compactMap { read($0) }

        var modules: [ModuleSources] = []
        var assetData: [String: Data] = [:]
        var firstPlace: [String: String] = [:]
        for folder in moduleFolders(siteConfig) {
            let outsideProject = ModuleFolders.isOutsideProject(folder.value)
            guard exists(root, folder.value) else {
                if folder.value != "toolkit-modules" {
                    diagnostics.append(.error("module-folder-missing", "the module folder '\(folder.value)' does not exist",
                                              at: folder.location, length: folder.value.count,
                                              notes: ["module folders are named from the project folder, the one that holds content/"]))
                }
                continue
            }
            if !outsideProject, !inside(folder.value, what: "the module folder") { continue }
            // A folder beside the project is read as it is named; nothing is read from beyond it.
            let boundary = outsideProject ? ProjectBoundary(root: root.appendingPathComponent(folder.value)) : nil
            func within(_ relative: String, what: String) -> Bool {
                guard let boundary else { return inside(relative, what: what) }
                guard let target = boundary.outside(String(relative.dropFirst(folder.value.count + 1))) else { return true }
                diagnostics.append(.error("file-outside-module-folder",
                    "\(what) '\(relative)' is a link to '\(target)', outside the module folder '\(folder.value)'; only files inside it are read",
                    at: SourceLocation(file: relative, line: 1, column: 1),
                    notes: ["copy the file into the module folder instead of linking to it"]))
                return false
            }
            let names = directories(in: root.appendingPathComponent(folder.value))
            // The modules' folders are looked through side by side, but only those the loop below reads: inside
            // the project (or the module folder) and not a second module of the same name. A link to the root
            // of the disk is never walked. What is found is used in order below.
            var taken = Set(firstPlace.keys)
            let readable = names.filter { name in
                let base = "\(folder.value)/\(name)"
                let isInside = boundary.map { $0.outside(String(base.dropFirst(folder.value.count + 1))) == nil }
                    ?? (projectBoundary.outside(base) == nil)
                return isInside && taken.insert(name).inserted
            }
            let walks = Dictionary(uniqueKeysWithValues: zip(readable, parallelMap(readable) { name in
                ProjectLoader.files(under: root, in: "\(folder.value)/\(name)", suffix: "", recursive: true, stamping: !reading)
            }))
            for name in names {
                let base = "\(folder.value)/\(name)"
                guard within(base, what: "the module folder") else { continue }
                if let first = firstPlace[name] {
                    diagnostics.append(.error("module-id-clash",
                        "there are two modules called '\(name)': '\(first)' and '\(base)'; module ids must be different in every module folder",
                        at: SourceLocation(file: "\(base)/module.yml", line: 1, column: 1),
                        notes: ["the first is read from '\(first)', listed earlier in module_folders in content/site.yml",
                                "rename one of the folders and the id in its module.yml"]))
                    continue
                }
                firstPlace[name] = base
                let manifestPath = "\(base)/module.yml"
                let manifest = exists(root, manifestPath) && within(manifestPath, what: "the file") ? read(manifestPath, checked: true) : nil
                if manifest == nil, !exists(root, manifestPath) {
                    diagnostics.append(.error("module-manifest-missing",
                        "module folder '\(base)' has no module.yml", at: SourceLocation(file: base, line: 1, column: 1)))
                }
                // Pages may sit in any sub-folder (even one called templates/, for fill-in templates); only
                // files under assets/ are copied as they are instead.
                func isAsset(_ path: String) -> Bool { path.hasPrefix("\(base)/assets/") }
                func isTemplate(_ path: String) -> Bool { path.hasPrefix("\(base)/templates/") && path.hasSuffix(".mustache") }
                func isDirective(_ path: String) -> Bool { ProjectPath.directory(of: path) == "\(base)/directives" && isDirectiveFile(path) }
                let all = files(under: root, in: base, suffix: "", recursive: true, found: walks[name])
                    .filter { $0.hasSuffix(".md") || isAsset($0) || isTemplate($0) || isDirective($0) || $0.hasSuffix(".survey.yml") }
                    .filter { within($0, what: isAsset($0) ? "the asset" : "the file") }
                let pages = all.filter { $0.hasSuffix(".md") && !isAsset($0) }
                let assetPaths = all.filter(isAsset)
                for path in assetPaths {
                    let full = root.path + "/" + path
                    let outcome = reading ? FileReading.read(full, noFollow: linkFree.contains(path))
                        : walked[path].map { .success(($0, Data())) } ?? FileReading.stamp(full).map { ($0, Data()) }
                    switch outcome {
                    case .success(let (stamp, data)):
                        assetData[path] = data
                        inputs.append(InputFile(path: path, stamp: stamp, isAsset: true))
                    case .failure(.cannotOpen):
                        diagnostics.append(.error("file-unreadable", "cannot read the asset '\(path)'",
                                                  at: SourceLocation(file: path, line: 1, column: 1)))
                    case .failure(let failure):
                        diagnostics.append(unreadable(path, failure))
                    }
                }
                modules.append(ModuleSources(
                    folder: name,
                    manifest: manifest,
                    pages: readAll(pages),
                    surveys: readAll(all.filter { $0.hasSuffix(".survey.yml") }),
                    assets: assetPaths,
                    templates: readAll(all.filter(isTemplate)),
                    directives: readAll(all.filter(isDirective)),
                    moduleFolder: folder.value
                ))
            }
        }
        var sources = ProjectSources(siteConfig: siteConfig, contentPages: contentPages, modules: modules, siteTemplates: siteTemplates)
        sources.assetData = assetData
        sources.siteDirectives = siteDirectives
        sources.wordingFiles = files(under: root, in: "wording", suffix: ".yml", recursive: false).compactMap { read($0) }
        sources.inputs = inputs
        sources.inputsLookedAt = started
        return (sources, diagnostics)
    }

    /// One file, decoded as UTF-8 with its line endings made "\n", with its stamp; or why it cannot be read.
    /// Without `reading`, the stamp alone, with the text left empty. With `noFollow`, a file that is a link
    /// (one found as a plain file, replaced since) is refused.
    public static func readFile(_ relative: String, root: URL, reading: Bool = true,
                                noFollow: Bool = false) -> Result<(SourceFile, FileStamp), Diagnostic> {
        let path = root.path + "/" + relative
        guard reading else {
            switch FileReading.stamp(path) {
            case .success(let stamp): return .success((SourceFile(path: relative, text: ""), stamp))
            case .failure(let failure): return .failure(unreadable(relative, failure))
            }
        }
        let stamp: FileStamp, data: Data
        switch FileReading.read(path, noFollow: noFollow) {
        case .success(let read): (stamp, data) = read
        case .failure(let failure): return .failure(unreadable(relative, failure))
        }
        switch SourceDecoding.decode(data, path: relative) {
        case .success(let text):
            // Most files have no carriage returns, and are kept as they are without a search through them.
            // (Searched through the raw bytes: `Data`'s own iterator takes a call for every byte.)
            let hasReturn = data.withUnsafeBytes { bytes in bytes.isEmpty ? false : memchr(bytes.baseAddress!, 0x0D, bytes.count) != nil }
            let unix = hasReturn ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
            return .success((SourceFile(path: relative, text: unix), stamp))
        case .failure(let problem):
            return .failure(problem)
        }
    }

    /// The bytes of a module asset, or why they cannot be read.
    public static func readAsset(_ relative: String, root: URL) -> Result<Data, Diagnostic> {
        FileReading.read(root.path + "/" + relative).map(\.1).mapError { unreadable(relative, $0) }
    }

    private static func unreadable(_ relative: String, _ failure: FileReading.Failure) -> Diagnostic {
        switch failure {
        case .cannotOpen:
            return .error("file-unreadable", "cannot read '\(relative)'", at: nil)
        case .notRegular:
            return .error("file-unreadable", "'\(relative)' is not a regular file (it may be a pipe or a device), so it is not read",
                          at: SourceLocation(file: relative, line: 1, column: 1),
                          notes: ["remove it, or put an ordinary file in its place"])
        case .tooLarge:
            return .error("file-unreadable", "'\(relative)' is larger than \(FileReading.largest >> 30) GiB, so it is not read",
                          at: SourceLocation(file: relative, line: 1, column: 1),
                          notes: ["keep a file this big somewhere else, such as a video site, and link to it from a page"])
        }
    }

    /// Where a project-relative path really is, once every symbolic link on the way is followed.
    struct ProjectBoundary {
        let root: String

        init(root: URL) {
            self.root = Self.realPath(root.path) ?? root.standardizedFileURL.path
        }

        /// True when `relative` is a folder that is where its path says, reached through no symbolic link, so
        /// that a file found below it through no link is inside the project too.
        func isReal(_ relative: String) -> Bool {
            Self.realPath(root + "/" + relative) == root + "/" + relative
        }

        /// The real path of `relative` when it lies outside the project root; nil when it is inside.
        func outside(_ relative: String) -> String? {
            let joined = root + "/" + relative
            guard let real = Self.realPath(joined) else { return nil }  // missing files are reported elsewhere
            return real == root || real.hasPrefix(root == "/" ? "/" : root + "/") ? nil : real
        }

        static func realPath(_ path: String) -> String? {
            guard let resolved = realpath(path, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        }
    }

    /// The module folders `content/site.yml` names; its errors are reported when the site is built from it.
    static func moduleFolders(_ siteConfig: SourceFile?) -> [Located<String>] {
        guard let siteConfig else { return SiteConfig.default.moduleFolders }
        return SiteConfig.decode(siteConfig).0.moduleFolders
    }

    /// A template directive's template or schema, in a `directives/` folder.
    static func isDirectiveFile(_ path: String) -> Bool {
        path.hasSuffix(".mustache") || (path.hasSuffix(".yml") && !path.hasSuffix(".survey.yml"))
    }

    private static func exists(_ root: URL, _ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path)
    }

    private static func directories(in url: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// Project-relative paths of the files below `folder`, sorted so every build sees the same order, each
    /// marked when no symbolic link leads to it from `folder`, and with `stamping`, with its stamp. A linked
    /// folder is not followed.
    private static func files(under root: URL, in folder: String, suffix: String, recursive: Bool,
                              stamping: Bool = false) -> [(path: String, linkFree: Bool, stamp: FileStamp?)] {
        var result: [(path: String, linkFree: Bool, stamp: FileStamp?)] = []
        var stack = [(root.appendingPathComponent(folder).path, folder)]
        while let (path, relative) = stack.popLast() {
            // Each entry is looked at from its folder (`fstatat`), not by its whole path again.
            guard let directory = opendir(path) else { continue }
            defer { closedir(directory) }
            let descriptor = dirfd(directory)
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: &entry.pointee.d_name) {
                    String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
                }
                guard !name.hasPrefix(".") else { continue }
                var kind = entry.pointee.d_type
                var info = stat()
                var stamp: FileStamp?
                /// Only a regular file has a stamp that stands for its contents; anything else is refused when read.
                func stamped(_ info: stat) -> FileStamp? { (info.st_mode & S_IFMT) == S_IFREG ? FileStamp(info) : nil }
                // The kind the folder gives is enough for a plain file or folder, unless a stamp is wanted.
                if kind == UInt8(DT_LNK) || kind == UInt8(DT_UNKNOWN) || (stamping && kind != UInt8(DT_DIR)) {
                    if fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 {
                        let mode = info.st_mode & S_IFMT
                        kind = mode == S_IFLNK ? UInt8(DT_LNK) : mode == S_IFDIR ? UInt8(DT_DIR) : mode == S_IFREG ? UInt8(DT_REG) : UInt8(DT_FIFO)
                        stamp = stamped(info)
                    } else if kind == UInt8(DT_LNK) || kind == UInt8(DT_UNKNOWN) {
                        continue
                    }
                }
                let isLink = kind == UInt8(DT_LNK)
                var isFolder = kind == UInt8(DT_DIR)
                if isLink {
                    // A link is followed to what it names; one that names nothing is passed over.
                    guard fstatat(descriptor, name, &info, 0) == 0 else { continue }
                    isFolder = (info.st_mode & S_IFMT) == S_IFDIR
                    stamp = stamped(info)
                }
                if isFolder {
                    // A linked folder could lead back up the tree and publish the module again and again.
                    if recursive && !isLink { stack.append((path + "/" + name, "\(relative)/\(name)")) }
                } else if name.hasSuffix(suffix) {
                    result.append(("\(relative)/\(name)", !isLink, stamping ? stamp : nil))
                }
            }
        }
        return result.sorted { $0.path < $1.path }
    }
}
