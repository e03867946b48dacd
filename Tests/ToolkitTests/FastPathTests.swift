import Foundation
import Testing
@testable import Markdown
@testable import Toolkit

/// Quick paths taken for the common case must give exactly what the general path gives, on awkward text
/// as much as on plain: a difference would change a page, a link or a reading level.
@Suite struct FastPathTests {
    static let texts = [
        "", "\n", "\n\n", "one", "one\ntwo", "one\ntwo\n", "\none", "a\r\nb", "a\rb\nc", "tab\there\n\nend",
        "café\nnaïve\n", "e\u{301}\n\u{301}x", "emoji 👩‍👩‍👧\nline", "| a | b |\n| - | - |\n| 1 | 2 |",
    ]

    @Test func linesAreThoseOfSplittingAtEachNewline() {
        for text in Self.texts {
            #expect(text.lines == text.split(separator: "\n", omittingEmptySubsequences: false), "\(text.debugDescription)")
        }
    }

    @Test func trimmingIsFoundationsTrimming() {
        let spaced = Self.texts + [" ", "  padded  ", "\t\nboth\r\n", "\u{A0}no-break\u{A0}", "\u{2003}em space\u{3000}",
                                   "\u{85}next line", " \u{301}combining", "inner  space stays", "\u{200B}zero width\u{200B}"]
        for text in spaced {
            #expect(ReadabilityCheck.trimmingSpace(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }

    @Test func aPathAlreadyNormalIsGivenBackAndAnyOtherIsNormalised() {
        let paths = ["", "/", "a", "a/b", "a/b/", "/a/b", "a//b", "./a", "a/./b", "a/../b", "../a", "a/..", "a/b/..",
                     "...", "a/.../b", ".hidden/x", "a/.b", "a/b.", "..a/b", "a/b..", "toolkit-modules/start-here/planning.md",
                     "content/glossary.md#c", "é/ü.md", "a/./", "."]
        for path in paths {
            #expect(ProjectPath.normalize(path) == ProjectPath.normalizedBySplitting(path), "\(path)")
            if ProjectPath.isNormal(path) { #expect(ProjectPath.normalizedBySplitting(path) == path, "\(path) is normal") }
        }
        #expect(ProjectPath.isNormal("toolkit-modules/start-here/planning.md"))
    }

    static let cells = ["", " ", "|", "||", "| a | b |", "a | b", " | a |  ", "\\|", "a \\|", "| a \\|", "|\u{301} a |", "| a é\u{301}|",
                        "\t| tab |\t", "| trailing cr |\r", " \u{301}combining", "é |", "| ü", "|👍🏽|", "\u{600}| prepend"]

    @Test func tableCellsAreTrimmedAsCharactersWouldBe() {
        for text in Self.cells + Self.texts {
            #expect(text.trimmingSpaces() == text.trimmingSpacesByCharacter(), "\(text.debugDescription)")
        }
    }

    @Test func outerPipesAreDroppedAsCharactersWouldBe() {
        for text in Self.cells {
            var quick = Substring(text)
            PipeTable.dropOuterPipes(&quick)
            // The rule as Characters: a "|" first is dropped, and a "|" last unless it is escaped as "\|".
            var slow = Substring(text)
            if slow.hasPrefix("|") { slow.removeFirst() }
            if slow.hasSuffix("|") && !slow.hasSuffix("\\|") { slow.removeLast() }
            #expect(quick == slow, "\(text.debugDescription)")
        }
    }

    @Test func aFenceLineIsFoundAsFoundationsTrimmingWouldFindIt() {
        let lines = ["---", " --- ", "\t---\t", "----", "--", "- --", "---x", "--- -", "", "   ", "---\r", "\u{A0}---", "\u{2003}---\u{3000}",
                     "—", "--\u{301}-", "title: x"]
        for line in lines {
            #expect(FrontMatterSplit.isFenceLine(Substring(line)) == (line.trimmingCharacters(in: .whitespaces) == "---"), "\(line.debugDescription)")
        }
    }

    @Test func aTableKeptFlatGivesBackItsCellsAndEvensOutRaggedRows() {
        let a: [MarkdownNode] = [.text("a")], b: [MarkdownNode] = [.strong([.text("b")]), .text(" c")]
        let cells = TableCells(rows: [[a, b], [b], [a, a, b]])
        #expect(cells.rowCount == 3)
        #expect(cells.allRows == [[a, b], [b, []], [a, a]], "a short row gets an empty cell and a long one loses its extra")
        #expect(Array(cells.cell(row: 0, column: 1)) == b)
        #expect(cells.nodes.count == 7)
        #expect(TableCells(rows: []).rowCount == 0)
    }
}
