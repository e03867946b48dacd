/// Recognises GitHub-style pipe tables in paragraphs, since plain libcmark parses them as text.
enum PipeTable {
    /// The table a paragraph's source lines spell out, or nil when they are not a table.
    static func table(sourceLines: [Substring], span: SourceSpan) -> MarkdownNode? {
        guard sourceLines.count >= 2 else { return nil }
        let rows = sourceLines.map { splitRow(String($0)) }
        guard sourceLines.allSatisfy({ $0.trimmingSpaces().hasPrefix("|") }),
              let alignments = delimiterAlignments(rows[1]),
              alignments.count == rows[0].count
        else { return nil }
        func cells(_ row: [String], line: Int) -> [[MarkdownNode]] {
            var padded = row
            while padded.count < alignments.count { padded.append("") }
            return padded.prefix(alignments.count).map { cell in
                let rowSpan = SourceSpan(startLine: line, startColumn: 1, endLine: line, endColumn: 1)
                return inlineNodes(cell, rowSpan: rowSpan)
            }
        }
        let header = cells(rows[0], line: span.startLine)
        let body = rows.dropFirst(2).enumerated().map { offset, row in
            cells(row, line: span.startLine + 2 + offset)
        }
        return .table(header: header, alignments: alignments, rows: body, span)
    }

    private static func splitRow(_ line: String) -> [String] {
        var text = line.trimmingSpaces()
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; current.append(character); continue }
            if character == "|" { cells.append(current); current = "" } else { current.append(character) }
        }
        cells.append(current)
        return cells.map { $0.trimmingSpaces().replacing("\\|", with: "|") }
    }

    private static func delimiterAlignments(_ cells: [String]) -> [TableAlignment]? {
        var result: [TableAlignment] = []
        for cell in cells {
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.trimmingCharacters(in: ":")
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result
    }

    /// A cell's inline Markdown, parsed on its own; its links are placed on the table row's line.
    private static func inlineNodes(_ text: String, rowSpan: SourceSpan) -> [MarkdownNode] {
        guard case .document(let blocks) = MarkdownParser.parse(text),
              case .paragraph(let inlines, _)? = blocks.first else { return [] }
        return inlines.map { $0.relocated(to: rowSpan) }
    }
}

extension MarkdownNode {
    func relocated(to span: SourceSpan) -> MarkdownNode {
        switch self {
        case .link(let destination, let title, let children, _):
            return .link(destination: destination, title: title, children.map { $0.relocated(to: span) }, blockSpan: span)
        case .image(let source, let title, let alt, _):
            return .image(source: source, title: title, alt: alt, blockSpan: span)
        case .emphasis(let children): return .emphasis(children.map { $0.relocated(to: span) })
        case .strong(let children): return .strong(children.map { $0.relocated(to: span) })
        default: return self
        }
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return String(s)
    }

    func trimmingCharacters(in character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return String(s)
    }
}
