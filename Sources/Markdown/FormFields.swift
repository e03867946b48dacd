import Foundation

/// Paper-form pieces written in plain Markdown: tick boxes (`- [ ] I agree`) and fill-in lines
/// (`Name: ____`, three or more underscores). Both work on screen and in print.
public enum FormFields {
    /// The shortest run of underscores that is a fill-in line rather than ordinary text.
    public static let fillInRun = 3
    static let fillInMarker = String(repeating: "_", count: fillInRun)

    /// A list item whose first text starts with `[ ] ` or `[x] `: whether it is ticked, and the item
    /// without its marker.
    public static func task(_ nodes: [MarkdownNode]) -> (ticked: Bool, nodes: [MarkdownNode])? {
        // Every marker starts with the byte "[" as the first text of the item: any other item is told at once.
        guard case .paragraph(let inlines, let span)? = nodes.first, case .text(let first)? = inlines.first,
              first.utf8.first == UInt8(ascii: "[") else { return nil }
        // libcmark may split "[ ] text" into several text nodes ("[", " ] text"): read across them.
        var leading = ""
        var used = 0
        for inline in inlines {
            guard case .text(let text) = inline else { break }
            leading += text
            used += 1
            if leading.count >= 4 { break }
        }
        let marker = leading.prefix(4)
        guard marker == "[ ] " || marker == "[x] " || marker == "[X] " else { return nil }
        let remainder = String(leading.dropFirst(4))
        let rest = (remainder.isEmpty ? [] : [MarkdownNode.text(remainder)]) + inlines.dropFirst(used)
        return (marker != "[ ] ", [.paragraph(rest, span)] + nodes.dropFirst())
    }

    /// The HTML that stands for a task item's marker.
    public static func taskBox(ticked: Bool) -> String {
        ticked
            ? "<span class=\"task-box task-box-ticked\" role=\"img\" aria-label=\"Ticked\"></span>"
            : "<span class=\"task-box\" role=\"img\" aria-label=\"Box to tick\"></span>"
    }

    /// True when a paragraph holds at least one fill-in line.
    public static func hasFillIn(_ inlines: [MarkdownNode]) -> Bool {
        inlines.contains { inline in
            // Text without a run of underscore bytes that long has no such run of characters either, and is
            // not read a character at a time.
            if case .text(let text) = inline { return text.containsBytes(fillInMarker) && longestUnderscoreRun(text) >= fillInRun }
            return false
        }
    }

    /// The paragraph's inlines split at its line breaks: each source line prints as one row of fields.
    public static func lines(_ inlines: [MarkdownNode]) -> [[MarkdownNode]] {
        var lines: [[MarkdownNode]] = [[]]
        for inline in inlines {
            switch inline {
            case .softBreak, .lineBreak: lines.append([])
            default: lines[lines.count - 1].append(inline)
            }
        }
        return lines.filter { !$0.isEmpty }
    }

    /// Text with its fill-in runs cut out: `.label` pieces and `.blank(length)` pieces, in order.
    public enum Piece: Equatable {
        case label(String)
        case blank(Int)
    }

    public static func pieces(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var label = ""
        var run = 0
        func endRun() {
            if run >= fillInRun {
                if !label.isEmpty { pieces.append(.label(label)) }
                label = ""
                pieces.append(.blank(run))
            } else {
                label += String(repeating: "_", count: run)
            }
            run = 0
        }
        for character in text {
            if character == "_" {
                run += 1
            } else {
                endRun()
                label.append(character)
            }
        }
        endRun()
        if !label.isEmpty { pieces.append(.label(label)) }
        return pieces
    }

    /// One blank to write on: it takes a share of the row's width in proportion to the underscores typed.
    public static func blank(_ length: Int) -> String {
        "<span class=\"fill-in\" style=\"flex-grow: \(length)\" role=\"img\" aria-label=\"Blank to fill in\"></span>"
    }

    static func longestUnderscoreRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "_" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
