import Diagnostics
import Markdown

/// A fenced-block directive: the block's info string names it. A directive decodes its block into a
/// typed value (with located diagnostics), says which Markdown inside that value belongs to the page (so
/// its links are checked and rendered like the page's own) and what text search should find, checks the
/// value against the whole site, and renders it. Callouts, session plans, surveys and template directives
/// all plug in here, so the parser, checker, search index and renderer know none of them by name.
public protocol Directive: Sendable {
    associatedtype Value: Sendable
    var name: String { get }
    /// The block read into a value; nil (with the reason among the diagnostics) when it cannot be used.
    func decode(_ block: DirectiveBlock) -> (Value?, [Diagnostic])
    /// Markdown written inside the block, with where each piece starts in the page's file.
    func markdown(in value: Value, of block: DirectiveBlock) -> [MarkdownText]
    /// Plain text for the search index.
    func searchText(of value: Value, in block: DirectiveBlock) -> String
    /// Problems with the value, seen against the whole site.
    func check(_ value: Value, of block: DirectiveBlock, in site: Site) -> [Diagnostic]
    /// The block's HTML on the page being rendered.
    func render(_ value: Value, of block: DirectiveBlock, in context: DirectiveContext) -> String
}

extension Directive {
    public func markdown(in value: Value, of block: DirectiveBlock) -> [MarkdownText] { [] }

    /// By default, the words of the block's Markdown.
    public func searchText(of value: Value, in block: DirectiveBlock) -> String {
        markdown(in: value, of: block).map { MarkdownParser.parse($0.text).plainText }.joined(separator: " ")
    }

    public func check(_ value: Value, of block: DirectiveBlock, in site: Site) -> [Diagnostic] { [] }
}

/// Markdown inside a directive: line `k` (1-based) of `text` is line `k + lineOffset` of the page's file.
public struct MarkdownText: Sendable, Hashable {
    public var text: String
    public var lineOffset: Int

    public init(_ text: String, lineOffset: Int) {
        self.text = text
        self.lineOffset = lineOffset
    }
}

/// A directive block as the parse stage read it: the block, its decoded value (nil when it could not be
/// decoded), its Markdown and its search text. Two are equal when their blocks are, since the value is
/// a pure function of the block.
public struct DecodedDirective: Sendable, Hashable {
    public let block: DirectiveBlock
    public let value: (any Sendable)?
    public let markdown: [MarkdownText]
    public let searchText: String

    public var name: String { block.name }
    public var location: SourceLocation { block.location }

    /// The value, if it is of the type asked for.
    public func value<T>(as type: T.Type) -> T? { value as? T }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.block == rhs.block }
    public func hash(into hasher: inout Hasher) { hasher.combine(block) }
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

    /// Renders one piece of the directive's Markdown.
    public func html(_ text: MarkdownText) -> String {
        markdown(text.text, text.lineOffset)
    }
}

/// One directive with its value type hidden, so directives of different kinds sit in one registry.
struct AnyDirective: Sendable {
    let decode: @Sendable (DirectiveBlock) -> (DecodedDirective, [Diagnostic])
    let check: @Sendable (DecodedDirective, Site) -> [Diagnostic]
    let render: @Sendable (DecodedDirective, DirectiveContext) -> String

    init<D: Directive>(_ directive: D) {
        decode = { block in
            let (value, diagnostics) = directive.decode(block)
            let markdown = value.map { directive.markdown(in: $0, of: block) } ?? []
            let search = value.map { directive.searchText(of: $0, in: block) } ?? ""
            return (DecodedDirective(block: block, value: value, markdown: markdown, searchText: search), diagnostics)
        }
        check = { decoded, site in
            guard let value = decoded.value(as: D.Value.self) else { return [] }
            return directive.check(value, of: decoded.block, in: site)
        }
        render = { decoded, context in
            guard let value = decoded.value(as: D.Value.self) else { return "" }
            return directive.render(value, of: decoded.block, in: context)
        }
    }
}

/// The directives a build knows, by name: the only place that maps a block's name to what it does.
public struct DirectiveRegistry: Sendable {
    private var directives: [String: AnyDirective] = [:]

    public init(_ directives: [any Directive] = []) {
        for directive in directives { register(directive) }
    }

    public mutating func register<D: Directive>(_ directive: D) {
        directives[directive.name] = AnyDirective(directive)
    }

    public func contains(_ name: String) -> Bool { directives[name] != nil }

    public var names: [String] { directives.keys.sorted() }

    /// The block decoded by the directive it names; nil when no directive has that name.
    public func decode(_ block: DirectiveBlock) -> (DecodedDirective, [Diagnostic])? {
        directives[block.name]?.decode(block)
    }

    /// Problems with a decoded block, seen against the whole site.
    public func check(_ decoded: DecodedDirective, in site: Site) -> [Diagnostic] {
        directives[decoded.name]?.check(decoded, site) ?? []
    }

    /// The block's HTML; nil when no directive has its name.
    public func render(_ decoded: DecodedDirective, in context: DirectiveContext) -> String? {
        directives[decoded.name]?.render(decoded, context)
    }

    /// Callouts, writing lines, cards, answer keys, session plans and surveys.
    public static let standard = DirectiveRegistry([
        Callout(kind: .note), Callout(kind: .tip), Callout(kind: .warning),
        WritingLines(), Cards(), AnswerKey(), SessionDirective(), SurveyDirective(),
    ])

    /// The standard directives with more laid over them (a site's template directives); a later one
    /// of the same name replaces an earlier one.
    public func adding(_ more: [any Directive]) -> DirectiveRegistry {
        var registry = self
        for directive in more { registry.register(directive) }
        return registry
    }
}
