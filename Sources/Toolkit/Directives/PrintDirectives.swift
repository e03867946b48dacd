import Foundation
import Diagnostics
import Markdown

/// ` ```cards ` with cards separated by lines of `---`: a set of cards to cut out (role cards, prompt
/// cards, comment cards). On screen they sit in a grid; in print, two to a row with dashed cut lines and
/// a scissors mark, and no card split across two pages.
public struct Cards: Directive {
    public var name: String { "cards" }

    /// A card of more words than this may not fit in its half of a page.
    public static let wordLimit = 120
    /// At most this many cards in one block.
    public static let cardLimit = 60

    public init() {}

    /// One card: its Markdown, and the line of the file its text starts on.
    public struct Card: Sendable, Hashable {
        public init(text: String, lineOffset: Int) { self.text = text; self.lineOffset = lineOffset }
        public var text: String
        /// Line `k` (1-based) of `text` is line `k + lineOffset` of the file.
        public var lineOffset: Int
    }

    /// The cards of a block, and the file line of each separator that has no card before it.
    public static func cards(_ block: DirectiveBlock) -> (cards: [Card], emptyAt: [Int]) {
        var cards: [Card] = []
        var emptyAt: [Int] = []
        var lines: [Substring] = []
        var start = 0
        let content = block.content.split(separator: "\n", omittingEmptySubsequences: false)
        func finish(at index: Int, separator: Bool) {
            let text = lines.joined(separator: "\n")
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                if separator || !cards.isEmpty { emptyAt.append(block.contentLineOffset + index + 1) }
            } else {
                cards.append(Card(text: text, lineOffset: block.contentLineOffset + start))
            }
            lines = []
            start = index + 1
        }
        for (index, line) in content.enumerated() {
            if line.trimmingCharacters(in: .whitespaces) == "---" {
                finish(at: index, separator: true)
            } else {
                lines.append(line)
            }
        }
        // A block ending in a separator, or in blank lines, has nothing more to say: not an empty card.
        if !lines.joined().trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { finish(at: content.count, separator: false) }
        return (cards, emptyAt)
    }

    public func decode(_ block: DirectiveBlock) -> ([Card]?, [Diagnostic]) {
        let (cards, emptyAt) = Self.cards(block)
        var diagnostics: [Diagnostic] = []
        if cards.isEmpty {
            return (nil, [.error("cards-empty", "a 'cards' block needs at least one card: write each card's text, with a line of '---' between cards",
                                 at: block.location.shifted(lines: 1))])
        }
        for line in emptyAt {
            diagnostics.append(.error("cards-empty", "this '---' has no card before it: write the card's text, or take out the extra '---'",
                                      at: SourceLocation(file: block.location.file, line: line, column: 1), length: 3))
        }
        if cards.count > Self.cardLimit {
            diagnostics.append(.error("cards-count", "a 'cards' block holds at most \(Self.cardLimit) cards, not \(cards.count): split it into smaller sets",
                                      at: block.location, length: 3))
        }
        for card in cards {
            let words = card.text.split(whereSeparator: { $0.isWhitespace }).count
            if words > Self.wordLimit {
                diagnostics.append(.warning("cards-long", "this card has \(words) words; keep a card to \(Self.wordLimit) words or fewer so it fits on its piece of paper",
                                            at: SourceLocation(file: block.location.file, line: card.lineOffset + 1, column: 1)))
            }
        }
        return (Array(cards.prefix(Self.cardLimit)), diagnostics)
    }

    /// Each card's Markdown belongs to the page: its links are checked and it is found by search.
    public func markdown(in cards: [Card], of block: DirectiveBlock) -> [MarkdownText] {
        cards.map { MarkdownText($0.text, lineOffset: $0.lineOffset) }
    }

    public func render(_ cards: [Card], of block: DirectiveBlock, in context: DirectiveContext) -> String {
        let label = block.argument.isEmpty ? "Cards" : block.argument
        let count = "\(cards.count) card\(cards.count == 1 ? "" : "s") to cut out"
        var html = "<p class=\"cut-cards-note\" aria-hidden=\"true\"><span class=\"cut-cards-scissors\">\u{2702}</span> Cut along the dashed lines</p>\n"
        html += "<div class=\"cut-cards\" role=\"list\" aria-label=\"\(HTML.escape(label)): \(count)\">\n"
        for card in cards {
            html += "<div class=\"cut-card\" role=\"listitem\">\n\(context.markdown(card.text, card.lineOffset))</div>\n"
        }
        return html + "</div>"
    }
}

/// ` ```answers ` with an optional title: an answer key or notes for the trainer, at the end of a page.
/// On screen it is a marked box; in a pack it prints on a page of its own; photocopy masters leave it out.
public struct AnswerKey: Directive {
    public var name: String { "answers" }

    public init() {}

    public func decode(_ block: DirectiveBlock) -> (MarkdownText?, [Diagnostic]) {
        if block.content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return (nil, [.error("answers-empty", "an 'answers' block is empty: write the answers or the notes for the trainer inside it",
                                 at: block.location, length: 3)])
        }
        return (MarkdownText(block.content, lineOffset: block.contentLineOffset), [])
    }

    public func markdown(in value: MarkdownText, of block: DirectiveBlock) -> [MarkdownText] { [value] }

    public func check(_ value: MarkdownText, of block: DirectiveBlock, in site: Site) -> [Diagnostic] {
        guard let page = site.page(source: block.location.file) else { return [] }
        // Anything after the answers would print on the answers' page, or be cut from the masters with them.
        let blocks = page.document.children.filter { if case .footnotes = $0 { return false } else { return true } }
        if case .codeBlock(_, _, let span)? = blocks.last, span.startLine + page.bodyLineOffset == block.location.line { return [] }
        return [.error("answers-position", "an 'answers' block must come last on the page: move it to the end, after everything participants see",
                       at: block.location, length: 3,
                       notes: ["it prints on a page of its own at the end, and photocopy masters leave it out"])]
    }

    public func render(_ value: MarkdownText, of block: DirectiveBlock, in context: DirectiveContext) -> String {
        let title = block.argument.isEmpty ? "Answer key" : block.argument
        return """
        <section class="answer-key" aria-label="\(HTML.escape(title)), for the trainer">
        <p class="answer-key-for">For the trainer: not for participants</p>
        <h2 class="answer-key-title">\(HTML.escape(title))</h2>
        \(context.html(value))</section>
        """
    }

    /// `html` without its answer keys: what participants get.
    public static func removed(from html: String) -> String {
        var output = ""
        var rest = Substring(html)
        while let start = rest.range(of: "<section class=\"answer-key\"") {
            output += rest[..<start.lowerBound]
            // An answer key's Markdown cannot hold a section of its own (raw HTML is not published).
            guard let end = rest[start.upperBound...].range(of: "</section>") else { return output }
            rest = rest[end.upperBound...]
        }
        return output + rest
    }
}
