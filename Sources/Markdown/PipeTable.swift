/// Recognises GitHub-style pipe tables in paragraphs, since plain libcmark parses them as text.
enum PipeTable {
    /// The blocks a paragraph's source lines spell out when they hold a table: the table, after any lines
    /// of text straight above its header row; nil when there is no table. Leading and trailing pipes are optional.
    static func blocks(sourceLines: ArraySlice<Substring>, span: SourceSpan, inlines: [MarkdownNode],
                       problems: inout [MarkdownProblem]) -> [MarkdownNode]? {
        // A table needs a delimiter row ("| --- | :-: |"); most paragraphs have none, so they are not split up.
        guard sourceLines.count >= 2, sourceLines.dropFirst().contains(where: mayBeDelimiter) else { return nil }
        // Inside a block quote or a list, drop the markers and indent in front of each line.
        let lines = sourceLines.map { strip($0, upTo: span.startColumn - 1) }
        for headerAt in 0..<(lines.count - 1) {
            let header = lines[headerAt], delimiter = lines[headerAt + 1]
            guard hasPipe(header) || hasPipe(delimiter), let alignments = delimiterAlignments(splitRow(delimiter)) else { continue }
            let headerCells = splitRow(header)
            guard alignments.count == headerCells.count else {
                problems.append(MarkdownProblem(line: span.startLine + headerAt, column: 1, code: "table-columns",
                    message: "this looks like a table, but its header row has \(headerCells.count) cell\(headerCells.count == 1 ? "" : "s") and the line under it \(alignments.count); make them match, or it is shown as text"))
                return nil
            }
            let tableSpan = SourceSpan(startLine: span.startLine + headerAt, startColumn: span.startColumn,
                                       endLine: span.endLine, endColumn: span.endColumn)
            func cells(_ row: [String], line: Int) -> [[MarkdownNode]] {
                var padded = row
                while padded.count < alignments.count { padded.append("") }
                return padded.prefix(alignments.count).map { cell in
                    inlineNodes(cell, rowSpan: SourceSpan(startLine: line, startColumn: 1, endLine: line, endColumn: 1))
                }
            }
            let body = lines.dropFirst(headerAt + 2).enumerated().map { offset, line in
                cells(splitRow(line), line: tableSpan.startLine + 2 + offset)
            }
            let table = MarkdownNode.table(TableCells(rows: [cells(headerCells, line: tableSpan.startLine)] + body),
                                           alignments: alignments, tableSpan)
            guard headerAt > 0 else { return [table] }
            let textSpan = SourceSpan(startLine: span.startLine, startColumn: span.startColumn,
                                      endLine: span.startLine + headerAt - 1, endColumn: 1)
            return [.paragraph(linesBefore(headerAt, inlines: inlines, source: lines, span: textSpan), textSpan), table]
        }
        return nil
    }

    /// The paragraph's inlines up to the line break before line `count`, as libcmark parsed them (so reference
    /// links still resolve), or the lines parsed again when the breaks cannot be told apart.
    private static func linesBefore(_ count: Int, inlines: [MarkdownNode], source: [String], span: SourceSpan) -> [MarkdownNode] {
        var breaks = 0
        for (index, node) in inlines.enumerated() {
            if node == .softBreak || node == .lineBreak {
                breaks += 1
                if breaks == count { return Array(inlines[..<index]) }
            }
        }
        return inlineNodes(source[..<count].joined(separator: "\n"), rowSpan: span)
    }

    private static func strip(_ line: Substring, upTo count: Int) -> String {
        var rest = line
        var dropped = 0
        while dropped < count, let first = rest.first, first == " " || first == "\t" || first == ">" {
            rest.removeFirst()
            dropped += 1
        }
        return String(rest)
    }

    /// A `|` that is not escaped.
    private static func hasPipe(_ line: String) -> Bool {
        var escaped = false
        for byte in line.utf8 {
            if escaped { escaped = false; continue }
            if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "|") { return true }
        }
        return false
    }

    /// The cells of a row, split at pipes that are not escaped, each trimmed and with `\|` read as `|`.
    /// Split on UTF-8 bytes: `|` and `\` never occur inside another character's bytes.
    private static func splitRow(_ line: String) -> [String] {
        if let cells = splitASCIIRow(line) { return cells }
        var text = Substring(line.trimmingSpaces())
        dropOuterPipes(&text)
        let bytes = text.utf8
        var cells: [String] = []
        var start = bytes.startIndex
        var escaped = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "|") {
                cells.append(cell(text[start..<index]))
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        cells.append(cell(text[start..<bytes.endIndex]))
        return cells
    }

    /// Drops a pipe that opens the row and one that closes it (unless escaped as `\|`), each only when it is a
    /// Character of its own. Looked at as bytes while the byte beside the pipe is ASCII; otherwise as Characters.
    static func dropOuterPipes(_ text: inout Substring) {
        let pipe = UInt8(ascii: "|")
        var bytes = text.utf8
        if bytes.first == pipe {
            let next = bytes.index(after: bytes.startIndex)
            if next == bytes.endIndex || bytes[next] < 0x80 || text.hasPrefix("|") { text.removeFirst() }
        }
        bytes = text.utf8
        guard bytes.last == pipe else { return }
        let last = bytes.index(before: bytes.endIndex)
        if last == bytes.startIndex {
            text.removeLast()
        } else if bytes[bytes.index(before: last)] < 0x80 {
            if bytes[bytes.index(before: last)] != UInt8(ascii: "\\") { text.removeLast() }
        } else if text.hasSuffix("|") && !text.hasSuffix("\\|") {
            text.removeLast()
        }
    }

    /// `splitRow` for a line of ASCII only, where every byte is a Character of its own, so the bytes alone decide
    /// the same cells; nil for any other line.
    private static func splitASCIIRow(_ line: String) -> [String]? {
        var line = line
        return line.withUTF8 { bytes -> [String]? in
            let pipe = UInt8(ascii: "|"), backslash = UInt8(ascii: "\\")
            var pipes = 0
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == pipe { pipes += 1 }
            }
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
            if start < end, bytes[start] == pipe { start += 1 }
            if end > start, bytes[end - 1] == pipe, end - 1 == start || bytes[end - 2] != backslash { end -= 1 }
            func cell(_ from: Int, _ to: Int) -> String {
                var from = from, to = to
                while from < to, bytes[from] == 0x20 || bytes[from] == 0x09 { from += 1 }
                while to > from, bytes[to - 1] == 0x20 || bytes[to - 1] == 0x09 || bytes[to - 1] == 0x0D { to -= 1 }
                let text = UnsafeBufferPointer(rebasing: bytes[from..<to])
                guard text.contains(backslash) else { return String(decoding: text, as: UTF8.self) }
                var unescaped: [UInt8] = []
                unescaped.reserveCapacity(text.count)
                var index = 0
                while index < text.count {
                    if text[index] == backslash, index + 1 < text.count, text[index + 1] == pipe {
                        unescaped.append(pipe)
                        index += 2
                    } else {
                        unescaped.append(text[index])
                        index += 1
                    }
                }
                return String(decoding: unescaped, as: UTF8.self)
            }
            var cells: [String] = []
            cells.reserveCapacity(pipes + 1)
            var cellStart = start, escaped = false
            for index in start..<end {
                if escaped {
                    escaped = false
                } else if bytes[index] == backslash {
                    escaped = true
                } else if bytes[index] == pipe {
                    cells.append(cell(cellStart, index))
                    cellStart = index + 1
                }
            }
            cells.append(cell(cellStart, end))
            return cells
        }
    }

    private static func cell(_ text: Substring) -> String {
        let trimmed = text.trimmingSpaces()
        return trimmed.utf8.contains(UInt8(ascii: "\\")) ? trimmed.replacing("\\|", with: "|") : trimmed
    }

    private static func delimiterAlignments(_ cells: [String]) -> [TableAlignment]? {
        var result: [TableAlignment] = []
        result.reserveCapacity(cells.count)
        for cell in cells {
            // A letter that is not ASCII is never a dash or a colon, nor joins one to make either; in ASCII each
            // byte is a Character, so the bytes decide.
            guard cell.isAllASCII else { return nil }
            let bytes = cell.utf8
            let colon = UInt8(ascii: ":")
            let left = bytes.first == colon, right = bytes.last == colon
            let dashes = bytes.drop { $0 == colon }.reversed().drop { $0 == colon }
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result
    }

    /// A cell's inline Markdown, parsed on its own; its links are placed on the table row's line.
    private static func inlineNodes(_ text: String, rowSpan: SourceSpan) -> [MarkdownNode] {
        // Words, numbers, spaces and commas are plain text to libcmark too ("Knock", "1 minute"), so such a
        // cell is not parsed.
        if text.utf8.allSatisfy(isPlain) { return text.isEmpty ? [] : [.text(text)] }
        var ignored: [MarkdownProblem] = []
        guard case .document(let blocks) = MarkdownParser.parseBlocks(text, problems: &ignored),
              case .paragraph(let inlines, _)? = blocks.first else { return [] }
        return inlines.map { $0.relocated(to: rowSpan) }
    }
}

extension PipeTable {
    /// Whether a line could be a delimiter row once its quote markers and indent are dropped: only dashes,
    /// colons, pipes and spaces, with at least one dash. Checked byte by byte, before any line is split.
    static func mayBeDelimiter(_ line: Substring) -> Bool {
        var dash = false
        for byte in line.utf8 {
            switch byte {
            case UInt8(ascii: "-"): dash = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "\r"): continue
            default: return false
            }
        }
        return dash
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: " "), UInt8(ascii: ","):
            return true
        default:
            return false
        }
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
        case .strikethrough(let children): return .strikethrough(children.map { $0.relocated(to: span) })
        default: return self
        }
    }
}

extension StringProtocol {
    /// Without spaces and tabs in front and spaces, tabs and carriage returns behind, each taken only when it
    /// is a whole Character. Found byte by byte; where a byte next to the cut is not ASCII (a combining mark
    /// could make the space part of a larger Character), the Character by Character way decides.
    func trimmingSpaces() -> String {
        let text = Substring(self)
        let bytes = text.utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start != end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while end != start {
            let before = bytes.index(before: end)
            guard bytes[before] == 0x20 || bytes[before] == 0x09 || bytes[before] == 0x0D else { break }
            end = before
        }
        let cutFront = start != bytes.startIndex, cutBack = end != bytes.endIndex
        let asciiAtCuts = (!cutFront || start == end || bytes[start] < 0x80)
            && (!cutBack || end == start || bytes[bytes.index(before: end)] < 0x80)
        if asciiAtCuts { return String(text[start..<end]) }
        return trimmingSpacesByCharacter()
    }

    func trimmingSpacesByCharacter() -> String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return String(s)
    }
}
