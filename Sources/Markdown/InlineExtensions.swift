/// What libcmark leaves as plain text but GitHub renders: `~~strikethrough~~` and `[^label]` footnote
/// references. Runs once over the finished tree, merging the text nodes libcmark splits at `[` and `~`.
struct InlineExtensions {
    /// Footnote labels that have a definition, and the numbers given out so far in order of first reference.
    var defined: Set<String>
    var numbers: [String: Int] = [:]
    var counts: [String: Int] = [:]
    var order: [String] = []
    /// References to labels with no definition, with the block they are in.
    var undefined: [(label: String, span: SourceSpan)] = []
    let footnotes: Bool

    init(defined: Set<String>, footnotes: Bool) {
        self.defined = defined
        self.footnotes = footnotes
    }

    mutating func rewrite(_ node: MarkdownNode) -> MarkdownNode {
        switch node {
        case .document(let c): return .document(c.map { rewrite($0) })
        case .blockQuote(let c, let span): return .blockQuote(c.map { rewrite($0) }, span)
        case .list(let ordered, let start, let tight, let items, let span):
            return .list(ordered: ordered, start: start, tight: tight, items: items.map { rewrite($0) }, span)
        case .item(let c, let span): return .item(c.map { rewrite($0) }, span)
        case .paragraph(let c, let span): return .paragraph(inlines(c, span), span)
        case .heading(let level, let c, let span): return .heading(level: level, inlines(c, span), span)
        case .table(let cells, let alignments, let span):
            return .table(cells.map { inlines($0, span) }, alignments: alignments, span)
        default: return node
        }
    }

    private mutating func inlines(_ nodes: [MarkdownNode], _ span: SourceSpan) -> [MarkdownNode] {
        var merged: [MarkdownNode] = []
        merged.reserveCapacity(nodes.count)
        for node in nodes {
            let inner: MarkdownNode
            switch node {
            case .emphasis(let c): inner = .emphasis(inlines(c, span))
            case .strong(let c): inner = .strong(inlines(c, span))
            case .strikethrough(let c): inner = .strikethrough(inlines(c, span))
            case .link(let d, let t, let c, let s): inner = .link(destination: d, title: t, inlines(c, s), blockSpan: s)
            default: inner = node
            }
            if case .text(let next) = inner, case .text(let previous)? = merged.last {
                merged[merged.count - 1] = .text(previous + next)
            } else {
                merged.append(inner)
            }
        }
        if footnotes { merged = merged.flatMap { references($0, span) } }
        return strikethrough(merged)
    }

    private mutating func references(_ node: MarkdownNode, _ span: SourceSpan) -> [MarkdownNode] {
        guard case .text(let text) = node, text.containsBytes("[^") else { return [node] }
        var out: [MarkdownNode] = []
        var rest = text.startIndex
        for (range, label) in Footnotes.references(in: text) {
            guard defined.contains(label) else {
                undefined.append((label, span))
                continue
            }
            if range.lowerBound > rest { out.append(.text(String(text[rest..<range.lowerBound]))) }
            if numbers[label] == nil { order.append(label); numbers[label] = order.count }
            counts[label, default: 0] += 1
            out.append(.footnoteReference(label: label, number: numbers[label] ?? 0, occurrence: counts[label] ?? 1))
            rest = range.upperBound
        }
        if rest < text.endIndex { out.append(.text(String(text[rest...]))) }
        return out
    }

    private enum Piece {
        case node(MarkdownNode)
        case marker(canOpen: Bool, canClose: Bool)
    }

    /// Pairs `~~` markers: an opener followed by a non-space, a closer after one, as GitHub does.
    private func strikethrough(_ nodes: [MarkdownNode]) -> [MarkdownNode] {
        guard nodes.contains(where: { if case .text(let t) = $0 { return t.containsBytes("~~") } else { return false } }) else {
            return nodes
        }
        var pieces: [Piece] = []
        for (position, node) in nodes.enumerated() {
            guard case .text(let text) = node, text.containsBytes("~~") else { pieces.append(.node(node)); continue }
            let parts = text.split(separator: "~~", omittingEmptySubsequences: false).map(String.init)
            for (index, part) in parts.enumerated() {
                if !part.isEmpty { pieces.append(.node(.text(part))) }
                guard index < parts.count - 1 else { continue }
                // Next to another node (emphasis, a link) counts as next to a letter; next to a marker, as a run.
                let nextPart = parts[index + 1]
                let before: Character? = part.last ?? (index > 0 ? "~" : (position > 0 ? "x" : nil))
                let after: Character? = nextPart.first ?? (index + 1 < parts.count - 1 ? "~" : (position < nodes.count - 1 ? "x" : nil))
                // "~~~" and longer runs are not strikethrough markers.
                let isRun = before == "~" || after == "~"
                pieces.append(.marker(canOpen: !isRun && after.map { !$0.isWhitespace } ?? false,
                                      canClose: !isRun && before.map { !$0.isWhitespace } ?? false))
            }
        }
        var out: [Piece] = []
        var openAt: Int?
        for piece in pieces {
            if case .marker(let canOpen, let canClose) = piece {
                if let start = openAt, canClose, out.count > start + 1 {
                    let inner = out[(start + 1)...].compactMap { piece -> MarkdownNode? in
                        if case .node(let n) = piece { return n } else { return .text("~~") }
                    }
                    out.removeSubrange(start...)
                    out.append(.node(.strikethrough(inner)))
                    openAt = nil
                    continue
                }
                if canOpen { openAt = out.count }
                out.append(piece)
            } else {
                out.append(piece)
            }
        }
        var result: [MarkdownNode] = []
        for piece in out {
            let node: MarkdownNode
            switch piece {
            case .node(let n): node = n
            case .marker: node = .text("~~")
            }
            if case .text(let next) = node, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + next)
            } else {
                result.append(node)
            }
        }
        return result
    }
}

extension MarkdownNode {
    /// The same tree with every source line moved down by `lines`: for Markdown parsed out of its place.
    func shifted(lines: Int) -> MarkdownNode {
        func s(_ span: SourceSpan) -> SourceSpan {
            SourceSpan(startLine: span.startLine + lines, startColumn: span.startColumn,
                       endLine: span.endLine + lines, endColumn: span.endColumn)
        }
        func all(_ nodes: [MarkdownNode]) -> [MarkdownNode] { nodes.map { $0.shifted(lines: lines) } }
        switch self {
        case .document(let c): return .document(all(c))
        case .blockQuote(let c, let span): return .blockQuote(all(c), s(span))
        case .list(let o, let start, let t, let items, let span): return .list(ordered: o, start: start, tight: t, items: all(items), s(span))
        case .item(let c, let span): return .item(all(c), s(span))
        case .codeBlock(let info, let code, let span): return .codeBlock(info: info, code: code, s(span))
        case .htmlBlock(let html, let span): return .htmlBlock(html, s(span))
        case .paragraph(let c, let span): return .paragraph(all(c), s(span))
        case .heading(let level, let c, let span): return .heading(level: level, all(c), s(span))
        case .table(let cells, let a, let span): return .table(cells.map(all), alignments: a, s(span))
        case .emphasis(let c): return .emphasis(all(c))
        case .strong(let c): return .strong(all(c))
        case .strikethrough(let c): return .strikethrough(all(c))
        case .link(let d, let t, let c, let span): return .link(destination: d, title: t, all(c), blockSpan: s(span))
        case .image(let src, let t, let alt, let span): return .image(source: src, title: t, alt: alt, blockSpan: s(span))
        case .tooDeep(let span): return .tooDeep(s(span))
        default: return self
        }
    }
}
