/// Something in the Markdown that is not published as its author meant: reported by the page check as a
/// warning at its line (relative to the Markdown body, like `SourceSpan`).
public struct MarkdownProblem: Hashable, Sendable {
    public var line: Int
    public var column: Int
    public var code: String
    public var message: String

    public init(line: Int, column: Int, code: String, message: String) {
        self.line = line
        self.column = column
        self.code = code
        self.message = message
    }
}

/// GitHub-style footnotes, which libcmark does not know: `[^label]` in the text, `[^label]: text` on its own line.
/// Definitions are taken out of the source before libcmark sees it (their lines left blank, so line numbers
/// hold); references are found in the text afterwards and numbered in the order they first appear.
enum Footnotes {
    struct Definition {
        var label: String
        var text: String
        /// The line of `[^label]:`.
        var line: Int
        var column: Int
    }

    /// The source with definition lines blanked, and the definitions found, outside fenced code.
    static func extract(_ text: String) -> (text: String, definitions: [Definition]) {
        guard text.containsBytes("[^") else { return (text, []) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var definitions: [Definition] = []
        var fence: String?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) && trimmed.allSatisfy({ $0 == open.first || $0 == " " }) { fence = nil }
                index += 1
                continue
            }
            if line.prefix(while: { $0 == " " }).count < 4, let marker = ["```", "~~~"].first(where: { trimmed.hasPrefix($0) }) {
                fence = String(trimmed.prefix { $0 == marker.first })
                index += 1
                continue
            }
            guard let (label, rest, column) = definitionStart(line) else { index += 1; continue }
            var body = [rest]
            let start = index
            lines[index] = ""
            index += 1
            var afterBlank = false
            while index < lines.count {
                let next = lines[index]
                let isBlank = next.allSatisfy { $0 == " " || $0 == "\t" }
                if isBlank { afterBlank = true; body.append(""); index += 1; continue }
                let indented = next.hasPrefix("    ") || next.hasPrefix("\t")
                if definitionStart(next) != nil || (afterBlank && !indented) { break }
                body.append(indented ? String(next.dropFirst(next.hasPrefix("\t") ? 1 : 4)) : next)
                lines[index] = ""
                afterBlank = false
                index += 1
            }
            while body.last == "" { body.removeLast() }
            definitions.append(Definition(label: label, text: body.joined(separator: "\n"), line: start + 1, column: column))
        }
        return (lines.joined(separator: "\n"), definitions)
    }

    /// `[^label]: rest` with at most three spaces before it.
    static func definitionStart(_ line: String) -> (label: String, rest: String, column: Int)? {
        let indent = line.prefix { $0 == " " }.count
        guard indent < 4 else { return nil }
        let body = line.dropFirst(indent)
        guard body.hasPrefix("[^"), let close = body.firstIndex(of: "]") else { return nil }
        let label = body[body.index(body.startIndex, offsetBy: 2)..<close]
        let after = body[body.index(after: close)...]
        guard !label.isEmpty, !label.contains(where: \.isWhitespace), after.hasPrefix(":") else { return nil }
        return (String(label), String(after.dropFirst().drop { $0 == " " || $0 == "\t" }), indent + 1)
    }

    /// The labels of `[^label]` references in a run of text, with where each starts.
    static func references(in text: String) -> [(range: Range<String.Index>, label: String)] {
        var found: [(Range<String.Index>, String)] = []
        var searchFrom = text.startIndex
        while let open = text[searchFrom...].firstRange(of: "[^") {
            guard let close = text[open.upperBound...].firstIndex(of: "]") else { break }
            let label = text[open.upperBound..<close]
            if !label.isEmpty, !label.contains(where: { $0.isWhitespace || $0 == "[" || $0 == "^" }) {
                found.append((open.lowerBound..<text.index(after: close), String(label)))
                searchFrom = text.index(after: close)
            } else {
                searchFrom = open.upperBound
            }
        }
        return found
    }
}
