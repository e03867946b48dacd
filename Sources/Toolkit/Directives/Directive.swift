import Diagnostics
import Markdown

/// A fenced-block directive: the block's info string names it, and it checks and renders the block.
/// Surveys, session plans and callouts all plug in here, so the Markdown renderer knows none of them.
public protocol Directive: Sendable {
    var name: String { get }
    /// Problems with the block, seen against the whole site.
    func check(_ block: DirectiveBlock, in site: Site) -> [Diagnostic]
    /// The block's HTML on the page being rendered.
    func render(_ block: DirectiveBlock, in context: DirectiveContext) -> String
}

extension Directive {
    public func check(_ block: DirectiveBlock, in site: Site) -> [Diagnostic] { [] }
}

/// What a directive may use while rendering: the site, the page, URLs relative to the page, and
/// Markdown rendering for directives whose body is Markdown.
public struct DirectiveContext {
    public let site: Site
    public let page: Page
    /// The output file being written (a page, or a pack document).
    public let outputPath: String
    /// The address of another output file of the site, as this document links to it (relative on the web,
    /// an in-document anchor for a page printed in the same pack).
    public let link: (_ outputPath: String) -> String
    /// Renders Markdown whose first line is line `offset + 1` of the page's file.
    public let markdown: (_ text: String, _ lineOffset: Int) -> String

    public init(site: Site, page: Page, outputPath: String, link: ((String) -> String)? = nil,
                markdown: @escaping (String, Int) -> String) {
        self.site = site
        self.page = page
        self.outputPath = outputPath
        self.link = link ?? { ProjectPath.relativeURL(from: outputPath, to: $0) }
        self.markdown = markdown
    }

    /// A URL to another output file of the site, from the file being written.
    public func url(to output: String) -> String {
        link(output)
    }
}

/// The directives a build knows, by name.
public struct DirectiveRegistry: Sendable {
    private var directives: [String: any Directive] = [:]

    public init(_ directives: [any Directive] = []) {
        for directive in directives { register(directive) }
    }

    public mutating func register(_ directive: any Directive) {
        directives[directive.name] = directive
    }

    public func directive(named name: String) -> (any Directive)? { directives[name] }

    public var names: [String] { directives.keys.sorted() }

    /// Callouts, writing lines, cards, answer keys, session plans and surveys.
    public static let standard = DirectiveRegistry([
        Callout(kind: .note), Callout(kind: .tip), Callout(kind: .warning),
        WritingLines(), Cards(), AnswerKey(), SessionDirective(), SurveyDirective(),
    ])
}
