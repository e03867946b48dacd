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
        var diagnostics: [Diagnostic] = []
        let boundary = ProjectBoundary(root: root)
        /// False, with an error at the link, for a file or folder whose real place is outside the project.
        func inside(_ relative: String, what: String) -> Bool {
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
            return taken(readFile(relative, root: root))
        }
        /// Files whose places are already checked, read and decoded side by side; problems in the files' order.
        func readAll(_ paths: [String]) -> [SourceFile] {
            parallelMap(paths) { readFile($0, root: root) }.compactMap(taken)
        }
        func taken(_ outcome: Result<SourceFile, Diagnostic>) -> SourceFile? {
            switch outcome {
            case .success(let file): return file
            case .failure(let problem):
                diagnostics.append(problem)
                return nil
            }
        }

        let configPath = "content/site.yml"
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
            for name in directories(in: root.appendingPathComponent(folder.value)) {
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
                let all = files(under: root, in: base, suffix: "", recursive: true)
                    .filter { $0.hasSuffix(".md") || isAsset($0) || isTemplate($0) || isDirective($0) || $0.hasSuffix(".survey.yml") }
                    .filter { within($0, what: isAsset($0) ? "the asset" : "the file") }
                let pages = all.filter { $0.hasSuffix(".md") && !isAsset($0) }
                let assetPaths = all.filter(isAsset)
                for path in assetPaths {
                    if let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) {
                        assetData[path] = data
                    } else {
                        diagnostics.append(.error("file-unreadable", "cannot read the asset '\(path)'",
                                                  at: SourceLocation(file: path, line: 1, column: 1)))
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
        return (sources, diagnostics)
    }

    /// One file, decoded as UTF-8 with its line endings made "\n"; or why it cannot be read.
    static func readFile(_ relative: String, root: URL) -> Result<SourceFile, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: root.path + "/" + relative) else {
            return .failure(.error("file-unreadable", "cannot read '\(relative)'", at: nil))
        }
        switch SourceDecoding.decode(data, path: relative) {
        case .success(let text):
            // Most files have no carriage returns, and are kept as they are without a search through them.
            let unix = data.contains(0x0D) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
            return .success(SourceFile(path: relative, text: unix))
        case .failure(let problem):
            return .failure(problem)
        }
    }

    /// Where a project-relative path really is, once every symbolic link on the way is followed.
    struct ProjectBoundary {
        let root: String

        init(root: URL) {
            self.root = Self.realPath(root.path) ?? root.standardizedFileURL.path
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

    /// Project-relative paths of regular files below `folder`, sorted so every build sees the same order.
    private static func files(under root: URL, in folder: String, suffix: String, recursive: Bool) -> [String] {
        // Paths are joined as text: a URL made for each of thousands of files costs more than looking at it.
        let base = root.appendingPathComponent(folder).path
        var result: [String] = []
        var stack = [(base, folder)]
        while let (path, relative) = stack.popLast() {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in names where !name.hasPrefix(".") {
                let child = path + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    // A linked folder could lead back up the tree and publish the module again and again.
                    let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: child)) != nil
                    if recursive && !isLink { stack.append((child, "\(relative)/\(name)")) }
                } else if name.hasSuffix(suffix) {
                    result.append("\(relative)/\(name)")
                }
            }
        }
        return result.sorted()
    }
}
