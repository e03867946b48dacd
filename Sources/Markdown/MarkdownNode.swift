/// Lines and columns as libcmark reports them (1-based, relative to the Markdown body it was given).
public struct SourceSpan: Hashable, Sendable {
    // Kept as 32-bit numbers: every block of every page carries a span, and 16 bytes rather than 32 a span
    // is megabytes less for a large site. libcmark counts lines and columns in 32 bits too. Equality and
    // hashing are those of these four numbers.
    private var line32: Int32, column32: Int32, endLine32: Int32, endColumn32: Int32

    public var startLine: Int {
        get { Int(line32) }
        set { line32 = Int32(clamping: newValue) }
    }
    public var startColumn: Int {
        get { Int(column32) }
        set { column32 = Int32(clamping: newValue) }
    }
    public var endLine: Int {
        get { Int(endLine32) }
        set { endLine32 = Int32(clamping: newValue) }
    }
    public var endColumn: Int {
        get { Int(endColumn32) }
        set { endColumn32 = Int32(clamping: newValue) }
    }

    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        line32 = Int32(clamping: startLine)
        column32 = Int32(clamping: startColumn)
        endLine32 = Int32(clamping: endLine)
        endColumn32 = Int32(clamping: endColumn)
    }
}

/// A table's cells, the header row's first, kept in one array with the end of each cell beside it rather
/// than as an array per cell and per row: a large site has hundreds of thousands of cells, and most hold a
/// single word or number.
public struct TableCells: Hashable, Sendable {
    /// Every cell's inline nodes, cell after cell, row after row.
    public private(set) var nodes: [MarkdownNode] = []
    /// Where each cell's nodes end in `nodes`.
    private var ends: [Int32] = []
    /// Cells in every row: the header's.
    public let columns: Int

    /// `rows[0]` is the header. A row with fewer cells than the header gets empty ones, and one with more
    /// loses the extra, as a pipe table's rows do.
    public init(rows: [[[MarkdownNode]]]) {
        columns = rows.first?.count ?? 0
        let cells = rows.reduce(0) { $0 + $1.count }
        ends.reserveCapacity(cells)
        nodes.reserveCapacity(rows.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } })
        for row in rows {
            for column in 0..<columns {
                if column < row.count { nodes += row[column] }
                ends.append(Int32(clamping: nodes.count))
            }
        }
    }

    /// Rows, header included.
    public var rowCount: Int { columns == 0 ? 0 : ends.count / columns }

    /// The inline nodes of one cell; row 0 is the header.
    public func cell(row: Int, column: Int) -> ArraySlice<MarkdownNode> {
        let index = row * columns + column
        return nodes[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])]
    }

    /// Every row, header first, each as its cells.
    public var allRows: [[[MarkdownNode]]] {
        (0..<rowCount).map { row in (0..<columns).map { Array(cell(row: row, column: $0)) } }
    }

    /// The same table with each cell's nodes changed by `transform`.
    public func map(_ transform: ([MarkdownNode]) -> [MarkdownNode]) -> TableCells {
        TableCells(rows: allRows.map { $0.map(transform) })
    }
}

/// An immutable Markdown tree, built once from libcmark's AST so nothing else touches C pointers.
/// Children are held in arrays, so the common nodes (text, paragraphs, headings, items) are stored in
/// their parent's array without a box of their own; only the larger, rarer ones are boxed (`indirect`),
/// which keeps every node small. A large site holds hundreds of thousands of nodes.
public enum MarkdownNode: Hashable, Sendable {
    case document([MarkdownNode])
    case blockQuote([MarkdownNode], SourceSpan)
    indirect case list(ordered: Bool, start: Int, tight: Bool, items: [MarkdownNode], SourceSpan)
    case item([MarkdownNode], SourceSpan)
    indirect case codeBlock(info: String, code: String, SourceSpan)
    case htmlBlock(String, SourceSpan)
    case paragraph([MarkdownNode], SourceSpan)
    case heading(level: Int, [MarkdownNode], SourceSpan)
    case thematicBreak
    /// A GitHub-style pipe table (libcmark itself has none): header cells, column alignments, body rows.
    indirect case table(TableCells, alignments: [TableAlignment], SourceSpan)
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case inlineHTML(String)
    case emphasis([MarkdownNode])
    case strong([MarkdownNode])
    /// `~~struck through~~`.
    case strikethrough([MarkdownNode])
    /// `[^label]`: a reference to footnote `number` (numbered in order of first reference).
    indirect case footnoteReference(label: String, number: Int, occurrence: Int)
    /// The footnotes of a document, at its end, in number order.
    case footnotes([FootnoteDefinition])
    /// `span` is that of the enclosing block: libcmark gives no positions for inline nodes.
    indirect case link(destination: String, title: String, [MarkdownNode], blockSpan: SourceSpan)
    indirect case image(source: String, title: String, alt: [MarkdownNode], blockSpan: SourceSpan)
    /// Where nesting passed `MarkdownParser.maximumDepth`; nothing below it was kept.
    case tooDeep(SourceSpan)

    public var children: [MarkdownNode] {
        switch self {
        case .document(let c), .blockQuote(let c, _), .item(let c, _), .paragraph(let c, _),
             .heading(_, let c, _), .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c, _),
             .image(_, _, let c, _):
            return c
        case .list(_, _, _, let items, _):
            return items
        case .footnotes(let notes):
            return notes.flatMap(\.content)
        case .table(let cells, _, _):
            return cells.nodes
        default:
            return []
        }
    }

    /// The text a reader sees, without markup: for heading ids, search and readability.
    public var plainText: String {
        switch self {
        case .text(let s), .code(let s): return s
        default:
            var out = ""
            appendPlainText(to: &out)
            return out
        }
    }

    /// `plainText`, added to `out` piece by piece: blocks one line apart, a table's cells a space apart and
    /// its rows a line apart, everything else run together. No list of pieces is made to be joined.
    public func appendPlainText(to out: inout String) {
        func lines(_ blocks: [MarkdownNode], first: inout Bool) {
            for block in blocks {
                if !first { out += "\n" }
                first = false
                block.appendPlainText(to: &out)
            }
        }
        switch self {
        case .text(let s), .code(let s):
            out += s
        case .softBreak, .lineBreak:
            out += " "
        case .codeBlock, .htmlBlock, .inlineHTML, .thematicBreak, .tooDeep, .footnoteReference:
            break
        case .table(let cells, _, _):
            for row in 0..<cells.rowCount {
                if row > 0 { out += "\n" }
                for column in 0..<cells.columns {
                    if column > 0 { out += " " }
                    for node in cells.cell(row: row, column: column) { node.appendPlainText(to: &out) }
                }
            }
        case .document(let blocks), .blockQuote(let blocks, _), .item(let blocks, _), .list(_, _, _, let blocks, _):
            var first = true
            lines(blocks, first: &first)
        case .footnotes(let notes):
            var first = true
            for note in notes { lines(note.content, first: &first) }
        case .paragraph(let inlines, _), .heading(_, let inlines, _), .emphasis(let inlines), .strong(let inlines),
             .strikethrough(let inlines), .link(_, _, let inlines, _), .image(_, _, let inlines, _):
            for inline in inlines { inline.appendPlainText(to: &out) }
        }
    }

    /// Every node below this one, depth first, in document order.
    public func forEach(_ body: (MarkdownNode) -> Void) {
        body(self)
        for child in children { child.forEach(body) }
    }
}

public enum TableAlignment: String, Hashable, Sendable {
    case none, left, center, right
}

/// `[^label]: text`, with its text parsed as Markdown blocks.
public struct FootnoteDefinition: Hashable, Sendable {
    public var label: String
    public var number: Int
    /// How many times the text refers to it, so that each reference gets a way back.
    public var references: Int
    public var content: [MarkdownNode]

    public init(label: String, number: Int, references: Int, content: [MarkdownNode]) {
        self.label = label
        self.number = number
        self.references = references
        self.content = content
    }
}
