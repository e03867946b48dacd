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
        func read(_ relative: String) -> SourceFile? {
            guard inside(relative, what: "the file") else { return nil }
            let url = root.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.append(.error("file-unreadable", "cannot read '\(relative)'", at: nil))
                return nil
            }
            let text: String
            switch SourceDecoding.decode(data, path: relative) {
            case .success(let decoded): text = decoded
            case .failure(let problem):
                diagnostics.append(problem)
                return nil
            }
            // Most files have no carriage returns, and are kept as they are without a search through them.
            let unix = data.contains(0x0D) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
            return SourceFile(path: relative, text: unix)
        }

        let configPath = "content/site.yml"
        let siteConfig = exists(root, configPath) ? read(configPath) : nil
        if !exists(root, "content") {
            diagnostics.append(.error("project-missing-content",
                "no 'content' folder in '\(root.path)': run doorstep in the folder that holds content/ and toolkit-modules/, or pass --root"))
        } else if siteConfig == nil, !exists(root, configPath) {
            diagnostics.append(.error("config-missing", "'content/site.yml' is missing: it holds the site's title and settings"))
        }
        let contentPages = files(under: root, in: "content", suffix: ".md", recursive: false).compactMap(read)
        for nested in files(under: root, in: "content", suffix: ".md", recursive: true) where nested.dropFirst(8).contains("/") {
            diagnostics.append(.warning("content-nested",
                "'\(nested)' is not published: site-wide pages sit directly in content/, and guides belong in a module",
                at: SourceLocation(file: nested, line: 1, column: 1)))
        }
        let siteTemplates = files(under: root, in: "templates", suffix: ".mustache", recursive: true).compactMap(read)
        let siteDirectives = files(under: root, in: "directives", suffix: "", recursive: false)
            .filter(isDirectiveFile).compactMap(read)

        var modules: [ModuleSources] = []
        var assetData: [String: Data] = [:]
        for folder in directories(in: root.appendingPathComponent("toolkit-modules")) {
            let base = "toolkit-modules/\(folder)"
            guard inside(base, what: "the module folder") else { continue }
            let manifestPath = "\(base)/module.yml"
            let manifest = exists(root, manifestPath) ? read(manifestPath) : nil
            if manifest == nil, !exists(root, manifestPath) {
                diagnostics.append(.error("module-manifest-missing",
                    "module folder '\(base)' has no module.yml", at: SourceLocation(file: base, line: 1, column: 1)))
            }
            let all = files(under: root, in: base, suffix: "", recursive: true)
            // Pages may sit in any sub-folder (even one called templates/, for fill-in templates); only
            // files under assets/ are copied as they are instead.
            let pages = all.filter { $0.hasSuffix(".md") && !$0.hasPrefix("\(base)/assets/") }
            let assetPaths = all.filter { $0.hasPrefix("\(base)/assets/") }
            for path in assetPaths where inside(path, what: "the asset") {
                if let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) {
                    assetData[path] = data
                } else {
                    diagnostics.append(.error("file-unreadable", "cannot read the asset '\(path)'",
                                              at: SourceLocation(file: path, line: 1, column: 1)))
                }
            }
            modules.append(ModuleSources(
                folder: folder,
                manifest: manifest,
                pages: pages.compactMap(read),
                surveys: all.filter { $0.hasSuffix(".survey.yml") }.compactMap(read),
                assets: assetPaths,
                templates: all.filter { $0.hasPrefix("\(base)/templates/") && $0.hasSuffix(".mustache") }.compactMap(read),
                directives: all.filter { ProjectPath.directory(of: $0) == "\(base)/directives" && isDirectiveFile($0) }.compactMap(read)
            ))
        }
        var sources = ProjectSources(siteConfig: siteConfig, contentPages: contentPages, modules: modules, siteTemplates: siteTemplates)
        sources.assetData = assetData
        sources.siteDirectives = siteDirectives
        sources.wordingFiles = files(under: root, in: "wording", suffix: ".yml", recursive: false).compactMap(read)
        return (sources, diagnostics)
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
        let base = root.appendingPathComponent(folder)
        var result: [String] = []
        var stack = [(base, folder)]
        while let (url, relative) = stack.popLast() {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                let child = url.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    // A linked folder could lead back up the tree and publish the module again and again.
                    let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: child.path)) != nil
                    if recursive && !isLink { stack.append((child, "\(relative)/\(name)")) }
                } else if name.hasSuffix(suffix) {
                    result.append("\(relative)/\(name)")
                }
            }
        }
        return result.sorted()
    }
}
