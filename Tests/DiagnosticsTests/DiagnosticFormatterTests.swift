import Diagnostics
import Foundation
import Testing

@Suite struct DiagnosticFormatterTests {
    let source = "id: park\ntitle: Parks\nrequires: [ethics, sruvey]\n"

    @Test func textShowsLocationSourceLineCaretAndNotes() {
        let diagnostic = Diagnostic.error("module-requires-missing", "module 'park' requires 'sruvey', which does not exist",
                                          at: SourceLocation(file: "m/module.yml", line: 3, column: 20), length: 6,
                                          notes: ["did you mean 'survey'?"])
        let text = DiagnosticFormatter(sourceText: { $0 == "m/module.yml" ? source : nil }).text(diagnostic)
        #expect(text == """
            m/module.yml:3:20: error: module 'park' requires 'sruvey', which does not exist [module-requires-missing]
                requires: [ethics, sruvey]
                                   ^~~~~~
            note: did you mean 'survey'?
            """)
    }

    @Test func diagnosticsAreSortedByFileThenPosition() {
        let later = Diagnostic.warning("w", "later", at: SourceLocation(file: "b.md", line: 1, column: 1))
        let earlier = Diagnostic.error("e", "earlier", at: SourceLocation(file: "a.md", line: 9, column: 1))
        let sameFileFirst = Diagnostic.error("e", "first", at: SourceLocation(file: "a.md", line: 2, column: 5))
        #expect([later, earlier, sameFileFirst].sortedForDisplay().map(\.message) == ["first", "earlier", "later"])
    }

    @Test func jsonCarriesEveryField() throws {
        let diagnostic = Diagnostic.warning("readability", "too hard", at: SourceLocation(file: "a.md", line: 1, column: 1))
        let json = DiagnosticFormatter().json([diagnostic])
        let decoded = try JSONDecoder().decode([Diagnostic].self, from: Data(json.utf8))
        #expect(decoded == [diagnostic])
    }

    @Test func summaryCountsErrorsAndWarnings() {
        let list: [Diagnostic] = [.error("a", "x"), .warning("b", "y"), .warning("c", "z")]
        #expect(DiagnosticFormatter.summary(list) == "1 error, 2 warnings")
        #expect(list.hasErrors)
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsCloseWordsOnly() {
        #expect(Suggestion.closest(to: "titel", in: ["title", "summary"]) == "title")
        #expect(Suggestion.closest(to: "used_prak", in: ["used_park", "feel_safe"]) == "used_park")
        #expect(Suggestion.closest(to: "colour", in: ["title", "summary"]) == nil)
    }

    @Test func editDistanceCountsEdits() {
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("", "abc") == 3)
    }
}

@Suite struct DiagnosticSafetyTests {
    @Test func controlCharactersAreShownNotSent() {
        let source = "title: \u{1B}[31mred\u{0}\u{202E}txt\n"
        let diagnostic = Diagnostic.error("x", "bad '\u{1B}[31m'", at: SourceLocation(file: "f", line: 1, column: 8), length: 5)
        let text = DiagnosticFormatter(sourceText: { _ in source }).text(diagnostic)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("title: \\u{1B}[31mred\\u{0}\\u{202E}txt"))
        // The caret still sits under the escaped text it points at.
        let lines = text.split(separator: "\n")
        #expect(lines[2] == "           ^~~~~~~~~~")
    }

    @Test func manyFindingsInOneFileAreAllShownWithTheirLines() {
        let source = (1...5_000).map { "line \($0)" }.joined(separator: "\n")
        let diagnostics = (1...5_000).map { Diagnostic.error("x", "m", at: SourceLocation(file: "f", line: $0, column: 1)) }
        let text = DiagnosticFormatter(sourceText: { _ in source }).text(diagnostics)
        #expect(text.contains("    line 4999\n"))
        #expect(text.split(separator: "\n").count == 15_000)
    }

    @Test func bytesThatAreNotUTF8AreLocated() {
        let data = Data("ok\nab".utf8) + Data([0xC3, 0x28])
        guard case .failure(let problem) = SourceDecoding.decode(data, path: "f.md") else { Issue.record("decoded"); return }
        #expect(problem.location == SourceLocation(file: "f.md", line: 2, column: 3))
        #expect(problem.message.contains("0xC3"))
    }
}

@Suite struct TerminalColourTests {
    @Test func colourOnlyOnATerminalWithoutNoColor() {
        #expect(TerminalColour.wanted(environment: [:], isTerminal: true))
        #expect(!TerminalColour.wanted(environment: [:], isTerminal: false))
        #expect(!TerminalColour.wanted(environment: ["NO_COLOR": "1"], isTerminal: true))
        #expect(TerminalColour.wanted(environment: ["NO_COLOR": ""], isTerminal: true), "an empty NO_COLOR does not count")
        #expect(!TerminalColour.wanted(environment: ["TERM": "dumb"], isTerminal: true))
    }

    @Test func colouredDiagnosticsKeepTheirText() {
        let diagnostic = Diagnostic.warning("w", "careful", at: SourceLocation(file: "a.md", line: 1, column: 3), notes: ["a note"])
        let plain = DiagnosticFormatter(sourceText: { _ in "ab cd" }).text(diagnostic)
        let coloured = DiagnosticFormatter(sourceText: { _ in "ab cd" }, colour: true).text(diagnostic)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[1;33mwarning:\u{1B}[0m careful [w]"))
        #expect(coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) == plain)
    }
}
