import Foundation
import Diagnostics
import Markdown

/// ` ```note `, ` ```tip ` and ` ```warning `: a boxed aside whose body is Markdown.
public struct Callout: Directive {
    public enum Kind: String, Sendable { case note, tip, warning }

    public let kind: Kind
    public var name: String { kind.rawValue }

    public init(kind: Kind) { self.kind = kind }

    public func decode(_ block: DirectiveBlock) -> (MarkdownText?, [Diagnostic]) {
        (MarkdownText(block.content, lineOffset: block.contentLineOffset), [])
    }

    public func markdown(in value: MarkdownText, of block: DirectiveBlock) -> [MarkdownText] { [value] }

    public func render(_ value: MarkdownText, of block: DirectiveBlock, in context: DirectiveContext) -> String {
        let heading = block.argument.isEmpty ? kind.rawValue.capitalized : block.argument
        return """
        <aside class="callout callout-\(kind.rawValue)" aria-label="\(HTML.escape(heading))">
        <p class="callout-title">\(HTML.escape(heading))</p>
        \(context.html(value))</aside>
        """
    }
}

/// ` ```lines ` with a number: ruled writing space on worksheets.
public struct WritingLines: Directive {
    public var name: String { "lines" }

    public init() {}

    public func decode(_ block: DirectiveBlock) -> (Int?, [Diagnostic]) {
        let text = block.content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let count = text.isEmpty ? 4 : Int(text) else {
            return (nil, [.error("lines-count", "a 'lines' block holds one whole number: how many lines to print",
                                 at: block.location.shifted(lines: 1))])
        }
        guard (1...60).contains(count) else {
            return (nil, [.error("lines-count", "a 'lines' block must ask for 1 to 60 lines, not \(count)",
                                 at: block.location.shifted(lines: 1))])
        }
        return (count, [])
    }

    public func searchText(of value: Int, in block: DirectiveBlock) -> String { "" }

    public func render(_ count: Int, of block: DirectiveBlock, in context: DirectiveContext) -> String {
        let label = block.argument.isEmpty ? "Space to write" : block.argument
        // One element per line, each with its own rule, so every print engine gives the stated height.
        let lines = String(repeating: "<span class=\"writing-line\"></span>", count: count)
        // Up to eight lines stay on one page; longer writing space may run on to the next.
        let size = count <= 8 ? "writing-lines writing-lines-short" : "writing-lines"
        return "<div class=\"\(size)\" role=\"img\" aria-label=\"\(HTML.escape(label)): \(count) lines\">\(lines)</div>"
    }
}
