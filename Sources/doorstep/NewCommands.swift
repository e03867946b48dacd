import Diagnostics
import Foundation
import Publish
import Toolkit

/// `doorstep init`, `doorstep new module|page|survey`: write starter files, never over existing ones.
extension Commands {
    public static func initProject(folder: URL, title: String?) -> Int32 {
        let name = folder.standardizedFileURL.lastPathComponent
        let siteTitle = title ?? StarterFiles.title(fromName: name)
        if let problem = titleProblem(siteTitle) { return usage(problem) }
        let files = StarterFiles.site(title: siteTitle)
        let status = create(files, in: folder)
        guard status == 0 else { return status }
        let shown = folder.path == FileManager.default.currentDirectoryPath ? "." : folder.path
        print("""
            started a new site in \(shown):
            \(files.map { "  " + $0.path }.joined(separator: "\n"))
            next:\(shown == "." ? "" : "\n  cd \(shown)")
              doorstep serve --open   # see it in your browser; it reloads as you save
              doorstep check          # lists the starter text to replace ('Replace this: …')
              doorstep build          # writes the finished site into site/
            """)
        return 0
    }

    public static func newModule(id: String, title: String?, root: URL) -> Int32 {
        guard Identifier.isSlug(id) else {
            return usage("'\(id)' is not a valid module id: use lower-case letters, digits and hyphens, not at the start or end")
        }
        if let problem = projectProblem(root) { return usage(problem) }
        let name = title ?? StarterFiles.title(fromName: id)
        if let problem = titleProblem(name) { return usage(problem) }
        // Most modules build on the ethics module; name it only when this project has one.
        let hasEthics = FileManager.default.fileExists(atPath: root.appendingPathComponent("toolkit-modules/ethics-and-consent").path)
        let files = StarterFiles.module(id: id, title: name, requires: hasEthics ? ["ethics-and-consent"] : [])
        return createAndReport(files, in: root, kind: "module")
    }

    public enum NewPageKind: String, Sendable { case page, survey }

    /// A guide page, or a page with a survey, in an existing module; its file name comes from the title.
    public static func newPage(_ kind: NewPageKind, module: String, title: String, name: String?, root: URL) -> Int32 {
        if let problem = projectProblem(root) { return usage(problem) }
        if let problem = titleProblem(title) { return usage(problem) }
        let modules = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("toolkit-modules").path))?
            .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("toolkit-modules/\($0)/module.yml").path) }
            .sorted() ?? []
        guard modules.contains(module) else {
            let hint = Suggestion.note(for: module, in: modules).first.map { "; \($0)" }
                ?? (modules.isEmpty ? "; make one with 'doorstep new module ID'" : "; the modules are \(modules.joined(separator: ", "))")
            return usage("there is no module '\(module)' in toolkit-modules/\(hint)")
        }
        let fileName = name ?? StarterFiles.fileName(fromTitle: title)
        guard Identifier.isSlug(fileName), fileName != "index" else {
            return usage(name == nil
                ? "cannot make a file name from the title '\(title)'; give one with --name, such as --name first-visit"
                : "'\(fileName)' is not a valid page name: use lower-case letters, digits and hyphens")
        }
        let file = kind == .page ? StarterFiles.page(module: module, name: fileName, title: title)
            : StarterFiles.survey(module: module, name: fileName, title: title)
        return createAndReport([file], in: root, kind: kind.rawValue)
    }

    static func createAndReport(_ files: [StarterFiles.File], in root: URL, kind: String) -> Int32 {
        let status = create(files, in: root)
        guard status == 0 else { return status }
        print("created the \(kind) \(files.map(\.path).joined(separator: " and ")); 'doorstep check' lists its starter text to replace")
        return 0
    }

    /// Writes every file, or none when any of them is already there: the author's work is never replaced.
    static func create(_ files: [StarterFiles.File], in root: URL) -> Int32 {
        let manager = FileManager.default
        let existing = files.map(\.path).filter { manager.fileExists(atPath: root.appendingPathComponent($0).path) }
        guard existing.isEmpty else {
            let names = existing.map { "'\($0)'" }.joined(separator: ", ")
            return usage("\(names) already \(existing.count == 1 ? "exists" : "exist") in '\(root.path)'; nothing was written")
        }
        var written: [URL] = []
        for file in files {
            let url = root.appendingPathComponent(file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // withoutOverwriting: a file made by someone else since the check above is still kept.
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
                written.append(url)
            } catch {
                for done in written { try? manager.removeItem(at: done) }
                printError("error: could not write '\(file.path)': \(error.localizedDescription); nothing was kept")
                return 2
            }
        }
        return 0
    }

    static func projectProblem(_ root: URL) -> String? {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("content/site.yml").path) ? nil
            : "'\(root.path)' is not a Doorstep project (it has no content/site.yml): start one with 'doorstep init', or pass --root"
    }

    static func titleProblem(_ title: String) -> String? {
        if title.trimmingCharacters(in: .whitespaces).isEmpty { return "the title is empty" }
        if title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "the title must be one line without control characters"
        }
        return nil
    }

    static func usage(_ problem: String) -> Int32 {
        printError("error: \(problem)")
        return 2
    }
}
