import Diagnostics

/// The folders `module_folders` in `content/site.yml` names, each holding one sub-folder per module.
public enum ModuleFolders {
    /// Folders the build reads or writes for other things; modules cannot live in them.
    static let taken: Set<String> = ["content", "templates", "directives", "wording", "site", "results", "assets"]

    /// The entries that can be read, normalised (`./local-modules/` → `local-modules`), and an error for each
    /// that cannot: a folder is named from the project, as a folder in it (`local-modules`) or beside it
    /// (`../our-modules`), so that every module sits at `<folder>/<module-id>/`.
    public static func validate(_ written: [Located<String>]) -> (folders: [Located<String>], diagnostics: [Diagnostic]) {
        var folders: [Located<String>] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        for entry in written {
            func reject(_ code: String, _ message: String, notes: [String] = []) {
                diagnostics.append(.error(code, message, at: entry.location, length: max(1, entry.value.count), notes: notes))
            }
            let text = entry.value
            if text.hasPrefix("/") || text.hasPrefix("~") || text.contains("\\") || text.contains(":") {
                reject("module-folder-invalid", "module folder '\(text)' must be written from the project folder, such as 'local-modules' or '../our-modules'",
                       notes: ["a full path would not work on another computer or for the rest of the group"])
                continue
            }
            let parts = text.split(separator: "/").filter { $0 != "." }
            let ups = parts.prefix { $0 == ".." }.count
            let rest = parts.dropFirst(ups)
            guard rest.count == 1, let name = rest.first, !name.contains("..") else {
                reject("module-folder-invalid", "module folder '\(text)' must be one folder in the project or beside it, such as 'local-modules' or '../our-modules'",
                       notes: ["each module then sits in its own folder inside it, with its module.yml"])
                continue
            }
            if name.hasPrefix(".") {
                reject("module-folder-invalid", "module folder '\(text)' is a hidden folder; the build does not read hidden folders")
                continue
            }
            if ups == 0, taken.contains(String(name)) {
                reject("module-folder-taken", "'\(name)' holds other parts of the project and cannot hold modules; name another folder")
                continue
            }
            let normalised = parts.joined(separator: "/")
            if let first = seen[normalised] {
                reject("module-folder-duplicate", "module folder '\(text)' is listed twice", notes: ["it is first listed at \(first.description)"])
                continue
            }
            seen[normalised] = entry.location
            folders.append(Located(normalised, at: entry.location))
        }
        return (folders, diagnostics)
    }

    /// True when `folder` lies outside the project (it starts with `..`).
    public static func isOutsideProject(_ folder: String) -> Bool {
        folder == ".." || folder.hasPrefix("../")
    }
}
