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
