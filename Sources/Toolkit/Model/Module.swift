import Diagnostics

public struct Module: Sendable, Hashable {
    public var manifest: ModuleManifest
    /// The module's optional `index.md`, shown at the top of the module page.
    public var index: Page?
    /// Every other page, ordered by `order` then title.
    public var pages: [Page]
    public var assets: [String]
    public var folder: String
    /// The module folder it was read from (`toolkit-modules` unless `module_folders` names others).
    public var moduleFolder = "toolkit-modules"

    public var id: String { manifest.id }
    public var title: String { manifest.title }
    public var outputPath: String { "\(id)/index.html" }
    /// The module's folder, as diagnostics name it: `toolkit-modules/<folder>` or `../our-modules/<folder>`.
    public var path: String { "\(moduleFolder)/\(folder)" }
}
