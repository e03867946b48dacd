import CCmark
import CPlatform

/// Parses CommonMark with libcmark and copies the result into a `MarkdownNode` tree.
public enum MarkdownParser {
    /// Blocks and inlines nested deeper than this are not copied: the tree holds a `.tooDeep` node there,
    /// which the page check reports, instead of a walk that runs out of stack.
    public static let maximumDepth = 100

    public static func parse(_ text: String) -> MarkdownNode {
        parseReporting(text).document
    }

    /// The tree, and what in the text will not come out as its author meant (a footnote with no text,
    /// a table whose rows do not match), to report at its line.
    public static func parseReporting(_ text: String) -> (document: MarkdownNode, problems: [MarkdownProblem]) {
        let (source, definitions) = Footnotes.extract(text)
        var problems: [MarkdownProblem] = []
        var tree = parseBlocks(source, problems: &problems)
        var extensions = InlineExtensions(defined: Set(definitions.map(\.label)), footnotes: true)
        // Without `~~` or `[^` (or a character reference that could spell one) there is nothing to rewrite.
        if text.containsBytes("~~") || text.containsBytes("[^") || text.containsBytes("&") {
            tree = extensions.rewrite(tree)
        }
        var seen = Set<String>()
        var notes: [FootnoteDefinition] = []
        for definition in definitions {
            guard seen.insert(definition.label).inserted else {
                problems.append(MarkdownProblem(line: definition.line, column: definition.column, code: "footnote-duplicate",
                    message: "footnote '[^\(definition.label)]' is defined twice; only the first text is published"))
                continue
            }
            guard let number = extensions.numbers[definition.label] else {
                problems.append(MarkdownProblem(line: definition.line, column: definition.column, code: "footnote-unused",
                    message: "footnote '[^\(definition.label)]' is never referred to, so its text is not published; add '[^\(definition.label)]' where it belongs"))
                continue
            }
            var ignored: [MarkdownProblem] = []
            var content = InlineExtensions(defined: [], footnotes: false)
            guard case .document(let blocks) = content.rewrite(parseBlocks(definition.text, problems: &ignored)) else { continue }
            notes.append(FootnoteDefinition(label: definition.label, number: number,
                                            references: extensions.counts[definition.label] ?? 1,
                                            content: blocks.map { $0.shifted(lines: definition.line - 1) }))
        }
        // The lines are needed only to point at a footnote that has no text.
        let lines = extensions.undefined.isEmpty ? [] : text.lines
        var reported = Set<String>()
        for (label, span) in extensions.undefined where reported.insert(label).inserted {
            let place = locate("[^\(label)]", in: lines, within: span)
            problems.append(MarkdownProblem(line: place.line, column: place.column, code: "footnote-undefined",
                message: "footnote '[^\(label)]' has no text, so it is shown as written; add a line '[^\(label)]: …' below the paragraph"))
        }
        if !notes.isEmpty, case .document(let blocks) = tree {
            tree = .document(blocks + [.footnotes(notes.sorted { $0.number < $1.number })])
        }
        return (tree, problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    /// libcmark's tree with pipe tables recognised; no footnotes or strikethrough yet.
    static func parseBlocks(_ text: String, problems: inout [MarkdownProblem]) -> MarkdownNode {
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8
        // libcmark takes its memory from an arena on this thread, given back in one go when the tree has been
        // copied: a page's parse makes hundreds of small blocks, each of them a malloc and a free otherwise.
        let memory = UnsafeMutableRawPointer(doorstep_arena_begin()).assumingMemoryBound(to: cmark_mem.self)
        defer { doorstep_arena_end() }
        guard let parser = cmark_parser_new_with_mem(options, memory) else { return .document([]) }
        // libcmark reads the string's own bytes, not a copy of them.
        var source = text
        source.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
        }
        guard let root = cmark_parser_finish(parser) else { return .document([]) }
        let tree = convert(root, blockSpan: SourceSpan(startLine: 1, startColumn: 1, endLine: 1, endColumn: 1), depth: 0)
        guard text.containsBytes("|") else { return tree }
        return tablesRecognised(tree, lines: LineStarts(text), problems: &problems)?.first ?? tree
    }

    /// Where `needle` first appears in the lines of `span`, or the span's start.
    static func locate(_ needle: String, in lines: [Substring], within span: SourceSpan) -> (line: Int, column: Int) {
        for number in max(1, span.startLine)...max(1, min(lines.count, span.endLine)) where number <= lines.count {
            if let range = lines[number - 1].firstRange(of: needle) {
                return (number, lines[number - 1].distance(from: lines[number - 1].startIndex, to: range.lowerBound) + 1)
            }
        }
        return (span.startLine, span.startColumn)
    }

    /// Paragraphs that are (or end in) pipe tables turned into `.table`, at any depth of block nesting: the
    /// blocks `node` becomes, or nil when it holds no table and stays as it is (most blocks, whose arrays
    /// are then not made again).
    private static func tablesRecognised(_ node: MarkdownNode, lines: LineStarts, problems: inout [MarkdownProblem]) -> [MarkdownNode]? {
        func all(_ nodes: [MarkdownNode]) -> [MarkdownNode]? {
            var result: [MarkdownNode]?
            for (index, node) in nodes.enumerated() {
                let changed = tablesRecognised(node, lines: lines, problems: &problems)
                if result == nil, changed != nil {
                    result = Array(nodes[..<index])
                    result?.reserveCapacity(nodes.count + 1)
                }
                if result != nil { result! += changed ?? [node] }
            }
            return result
        }
        switch node {
        case .document(let children):
            return all(children).map { [.document($0)] }
        case .blockQuote(let children, let span):
            return all(children).map { [.blockQuote($0, span)] }
        case .list(let ordered, let start, let tight, let items, let span):
            return all(items).map { [.list(ordered: ordered, start: start, tight: tight, items: $0, span)] }
        case .item(let children, let span):
            return all(children).map { [.item($0, span)] }
        case .paragraph(let inlines, let span):
            guard span.startLine >= 1, span.endLine <= lines.count, span.startLine <= span.endLine else { return nil }
            let source = lines.lines((span.startLine - 1)..<span.endLine)
            return PipeTable.blocks(sourceLines: source[...], span: span, inlines: inlines, problems: &problems)
        default:
            return nil
        }
    }

    private static func convert(_ node: OpaquePointer, blockSpan: SourceSpan, depth: Int) -> MarkdownNode {
        let type = cmark_node_get_type(node)
        let span = SourceSpan(
            startLine: Int(cmark_node_get_start_line(node)), startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)), endColumn: Int(cmark_node_get_end_column(node))
        )
        let isBlock = type.rawValue <= CMARK_NODE_LAST_BLOCK.rawValue
        let spanForChildren = isBlock ? span : blockSpan
        guard depth < maximumDepth else { return .tooDeep(isBlock ? span : blockSpan) }
        // Arrays are made at their final size: a large site holds hundreds of thousands of them, and one
        // grown by appending keeps up to twice the room it needs.
        /// How many nodes the children make, a run of text counting once when `joiningText`.
        func childCount(joiningText: Bool) -> Int {
            var count = 0
            var previousWasText = false
            var child = cmark_node_first_child(node)
            while let current = child {
                let isText = joiningText && cmark_node_get_type(current) == CMARK_NODE_TEXT
                if !(isText && previousWasText) { count += 1 }
                previousWasText = isText
                child = cmark_node_next(current)
            }
            return count
        }
        var children: [MarkdownNode] {
            var result: [MarkdownNode] = []
            result.reserveCapacity(childCount(joiningText: false))
            var child = cmark_node_first_child(node)
            while let current = child {
                result.append(convert(current, blockSpan: spanForChildren, depth: depth + 1))
                child = cmark_node_next(current)
            }
            return result
        }
        // libcmark splits a run of text at `[`, `~` and other characters; the pieces are joined here, once.
        var inlines: [MarkdownNode] {
            var result: [MarkdownNode] = []
            result.reserveCapacity(childCount(joiningText: true))
            var text = "", pending = false
            var child = cmark_node_first_child(node)
            while let current = child {
                let converted = convert(current, blockSpan: spanForChildren, depth: depth + 1)
                if case .text(let piece) = converted {
                    text += piece
                    pending = true
                } else {
                    if pending { result.append(.text(text)) }
                    text = ""
                    pending = false
                    result.append(converted)
                }
                child = cmark_node_next(current)
            }
            if pending { result.append(.text(text)) }
            return result
        }
        let literal = string(cmark_node_get_literal(node))

        switch type {
        case CMARK_NODE_DOCUMENT: return .document(children)
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote(children, span)
        case CMARK_NODE_LIST:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0,
                items: children, span)
        case CMARK_NODE_ITEM: return .item(children, span)
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), code: literal, span)
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(literal, span)
        case CMARK_NODE_PARAGRAPH: return .paragraph(inlines, span)
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)), inlines, span)
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(literal)
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(literal)
        case CMARK_NODE_HTML_INLINE: return .inlineHTML(literal)
        case CMARK_NODE_EMPH: return .emphasis(inlines)
        case CMARK_NODE_STRONG: return .strong(inlines)
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                         inlines, blockSpan: blockSpan)
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                          alt: children, blockSpan: blockSpan)
        default:
            return .text(literal)
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
