import Diagnostics
import Survey
import Foundation

/// Everything read from disk for one build, before any parsing.
public struct ProjectSources: Sendable {
    public var siteConfig: SourceFile?
    public var contentPages: [SourceFile]
    public var modules: [ModuleSources]
    /// Template overrides for the whole site, from `templates/*.mustache`.
    public var siteTemplates: [SourceFile]
    /// The project's own wording tables, `wording/<language>.yml`, which add to or override Doorstep's.
    public var wordingFiles: [SourceFile] = []
    /// The bytes of every module asset, read with the rest so that later stages never touch the disk.
    public var assetData: [String: Data] = [:]
    /// Template directives for the whole site, from `directives/` (`<name>.mustache` and `<name>.yml`).
    public var siteDirectives: [SourceFile] = []
    /// Every file read, with its stamp as it was read, and the time just before the first was looked at: what a
    /// later build compares to tell, without reading them, that the files are unchanged (see `FileStamp`).
    public var inputs: [InputFile] = []
    public var inputsLookedAt: FileTime?

    public init(siteConfig: SourceFile?, contentPages: [SourceFile], modules: [ModuleSources], siteTemplates: [SourceFile]) {
        self.siteConfig = siteConfig
        self.contentPages = contentPages
        self.modules = modules
        self.siteTemplates = siteTemplates
    }

    /// Every text file by path, for showing source lines under diagnostics.
    public var allFiles: [String: String] {
        var files: [String: String] = [:]
        files.reserveCapacity(contentPages.count + modules.reduce(0) { $0 + $1.pages.count } + 16)
        for file in [siteConfig].compactMap({ $0 }) + contentPages + siteTemplates + siteDirectives + wordingFiles { files[file.path] = file.text }
        for module in modules {
            for file in [module.manifest].compactMap({ $0 }) + module.pages + module.surveys + module.templates + module.directives {
                files[file.path] = file.text
            }
        }
        return files
    }
}

public struct ModuleSources: Sendable {
    /// The module's own folder name, inside its module folder.
    public var folder: String
    public var manifest: SourceFile?
    public var pages: [SourceFile]
    public var surveys: [SourceFile]
    /// Paths (relative to the project) of files under the module's `assets/` folder.
    public var assets: [String]
    public var templates: [SourceFile]
    /// Template directives from the module's `directives/` folder.
    public var directives: [SourceFile]
    /// The module folder this module was read from, as `module_folders` names it: `toolkit-modules` by default.
    public var moduleFolder: String

    public init(folder: String, manifest: SourceFile?, pages: [SourceFile], surveys: [SourceFile], assets: [String],
                templates: [SourceFile], directives: [SourceFile] = [], moduleFolder: String = "toolkit-modules") {
        self.folder = folder
        self.manifest = manifest
        self.pages = pages
        self.surveys = surveys
        self.assets = assets
        self.templates = templates
        self.directives = directives
        self.moduleFolder = moduleFolder
    }

    /// `toolkit-modules/<folder>`, or the module's place in another module folder.
    public var path: String { "\(moduleFolder)/\(folder)" }
}

extension ProjectWording {
    public static func read(_ files: [SourceFile]) -> (wording: Wording, diagnostics: [Diagnostic]) {
        read(files.map { (path: $0.path, text: $0.text) })
    }
}
