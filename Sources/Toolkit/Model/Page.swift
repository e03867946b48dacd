import Diagnostics
import Markdown

/// One Markdown page of the site, parsed and placed.
public struct Page: Sendable, Hashable {
    /// Project-relative path of the Markdown file, e.g. `toolkit-modules/ethics/consent-form.md`.
    public var sourcePath: String
    /// The module the page belongs to; nil for site-wide pages in `content/`.
    public var moduleID: String? {
        didSet { outputPath = Self.outputPath(moduleID: moduleID, slug: slug) }
    }
    /// Path inside its module (or `content/`) without `.md`: `consent-form`, `handouts/roles`, `index`.
    public var slug: String {
        didSet { outputPath = Self.outputPath(moduleID: moduleID, slug: slug) }
    }
    public var frontMatter: FrontMatter
    public var document: MarkdownNode
    /// Lines of front matter above the Markdown body.
    public var bodyLineOffset: Int
    public var headings: [Heading]
    /// The page's directive blocks, decoded, in the order they appear.
    public var directives: [DecodedDirective]
    /// The reading level of a page held to plain English, measured when it is parsed (so a page kept from the
    /// last build, as the preview keeps them, is not measured again); nil for pages for professionals and
    /// pages too short to measure.
    public var readingLevel: PageReadability? = nil

    public var title: String { frontMatter.title }
    public var isIndex: Bool { slug == "index" }

    /// Where the page is written inside the site folder. Kept with the page rather than made on each use:
    /// links, navigation and the search index ask for it many times per page.
    public private(set) var outputPath: String

    public init(sourcePath: String, moduleID: String?, slug: String, frontMatter: FrontMatter, document: MarkdownNode,
                bodyLineOffset: Int, headings: [Heading], directives: [DecodedDirective], readingLevel: PageReadability? = nil) {
        self.sourcePath = sourcePath
        self.moduleID = moduleID
        self.slug = slug
        self.frontMatter = frontMatter
        self.document = document
        self.bodyLineOffset = bodyLineOffset
        self.headings = headings
        self.directives = directives
        self.readingLevel = readingLevel
        outputPath = Self.outputPath(moduleID: moduleID, slug: slug)
    }

    static func outputPath(moduleID: String?, slug: String) -> String {
        let folder = moduleID.map { "\($0)/" } ?? ""
        return slug == "index" ? "\(folder)index.html" : "\(folder)\(slug)/index.html"
    }
}

/// A fenced block whose info string names a registered directive (` ```survey `, ` ```note `, …).
public struct DirectiveBlock: Sendable, Hashable {
    public var name: String
    /// The rest of the info string after the name.
    public var argument: String
    public var content: String
    /// The opening fence.
    public var location: SourceLocation
    /// Line `k` (1-based) of `content` is line `k + contentLineOffset` of the file.
    public var contentLineOffset: Int

    public init(name: String, argument: String = "", content: String, location: SourceLocation, contentLineOffset: Int) {
        self.name = name
        self.argument = argument
        self.content = content
        self.location = location
        self.contentLineOffset = contentLineOffset
    }
}
