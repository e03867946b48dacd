import Diagnostics
import Markdown
import Survey

/// The whole toolkit as the renderer sees it: ordered modules, pages, surveys, sessions and packs.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Enabled modules in reading order.
    public var modules: [Module] { didSet { indexPages() } }
    /// Site-wide pages from `content/` (the home page is the one with slug `index`).
    public var contentPages: [Page] { didSet { indexPages() } }
    /// Every page: the site-wide ones, then each module's index and pages. Kept, not made again each time it
    /// is asked for, since every stage walks it.
    public private(set) var allPages: [Page] = []
    /// Where each page is in `allPages`, by its source path: a page is looked up without being copied.
    private(set) var pageNumbers: [String: Int] = [:]
    public var surveys: [SurveyEntry]
    public var packs: [Pack]
    public var templates: TemplateOverrides
    /// The directives the pages were parsed with, the site's own template directives among them.
    public var directives: DirectiveRegistry = .standard
    /// Module folders whose manifest could not be read: links into them are not reported again.
    public var unreadableFolders: [String] = []
    /// Pages whose front matter could not be read: links to them are not reported again.
    public var unreadablePages: Set<String> = []
    /// Source paths of pages with `draft: true`, whether they were kept or left out.
    public var draftPages: Set<String> = []

    let assetPaths: Set<String>

    public init(config: SiteConfig, modules: [Module], contentPages: [Page], surveys: [SurveyEntry],
                packs: [Pack], templates: TemplateOverrides) {
        self.config = config
        self.modules = modules
        self.contentPages = contentPages
        self.surveys = surveys
        self.packs = packs
        self.templates = templates
        self.assetPaths = Set(modules.flatMap(\.assets))
        indexPages()
    }

    /// The site-wide pages, then each module's index and pages: the order of `allPages`.
    static func pages(contentPages: [Page], modules: [Module]) -> [Page] {
        contentPages + modules.flatMap { [$0.index].compactMap { $0 } + $0.pages }
    }

    private mutating func indexPages() {
        allPages = Self.pages(contentPages: contentPages, modules: modules)
        pageNumbers = [:]
        pageNumbers.reserveCapacity(allPages.count)
        for number in allPages.indices { pageNumbers[allPages[number].sourcePath] = number }
    }

    public func page(source path: String) -> Page? { pageNumbers[path].map { allPages[$0] } }

    public func module(id: String) -> Module? { modules.first { $0.id == id } }

    public func survey(id: String) -> SurveyEntry? { surveys.first { $0.id == id } }

    public func packs(of moduleID: String) -> [Pack] { packs.filter { $0.moduleID == moduleID } }

    public func isAsset(_ path: String) -> Bool { assetPaths.contains(path) }
}

/// Template overrides: site-wide ones from `templates/`, and per module from `<module>/templates/`.
public struct TemplateOverrides: Sendable {
    public var site: [SourceFile]
    public var modules: [String: [SourceFile]]

    public init(site: [SourceFile] = [], modules: [String: [SourceFile]] = [:]) {
        self.site = site
        self.modules = modules
    }
}
