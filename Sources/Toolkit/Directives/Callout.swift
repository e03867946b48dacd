import Foundation
import Diagnostics
import Markdown

/// ` ```note `, ` ```tip ` and ` ```warning `: a boxed aside whose body is Markdown.
public struct Callout: Directive {
    public enum Kind: String, Sendable { case note, tip, warning }

    public let kind: Kind
    public var name: String { kind.rawValue }

    public init(kind: Kind) { self.kind = kind }

    public func render(_ block: DirectiveBlock, in context: DirectiveContext) -> String {
        let heading = block.argument.isEmpty ? kind.rawValue.capitalized : block.argument
        return """
        <aside class="callout callout-\(kind.rawValue)" aria-label="\(HTML.escape(heading))">
        <p class="callout-title">\(HTML.escape(heading))</p>
        \(context.markdown(block.content, block.contentLineOffset))</aside>
        """
    }
}

/// ` ```lines ` with a number: ruled writing space on worksheets.
public struct WritingLines: Directive {
    public var name: String { "lines" }

    public init() {}

    static func count(_ block: DirectiveBlock) -> Int? {
        let text = block.content.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? 4 : Int(text)
    }

    public func check(_ block: DirectiveBlock, in site: Site) -> [Diagnostic] {
        guard let count = Self.count(block) else {
            return [.error("lines-count", "a 'lines' block holds one whole number: how many lines to print",
                           at: block.location.shifted(lines: 1))]
        }
        guard (1...60).contains(count) else {
            return [.error("lines-count", "a 'lines' block must ask for 1 to 60 lines, not \(count)",
                           at: block.location.shifted(lines: 1))]
        }
        return []
    }

    public func render(_ block: DirectiveBlock, in context: DirectiveContext) -> String {
        let count = min(60, max(1, Self.count(block) ?? 4))
        let label = block.argument.isEmpty ? "Space to write" : block.argument
        // One element per line, each with its own rule, so every print engine gives the stated height.
        let lines = String(repeating: "<span class=\"writing-line\"></span>", count: count)
        // Up to eight lines stay on one page; longer writing space may run on to the next.
        let size = count <= 8 ? "writing-lines writing-lines-short" : "writing-lines"
        return "<div class=\"\(size)\" role=\"img\" aria-label=\"\(HTML.escape(label)): \(count) lines\">\(lines)</div>"
    }
}
