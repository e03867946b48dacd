import Diagnostics
import Testing
@testable import YAMLSupport

@Suite("The shared YAML layer")
struct YAMLDocumentTests {
    func read(_ text: String, textKeys: Set<String> = ["label"], lineOffset: Int = 0) -> YAMLDocument {
        YAMLDocument(text, textKeys: textKeys) { SourceLocation(file: "f.yml", line: $0 + lineOffset, column: $1) }
    }

    @Test func notesNameTheLinesOfTheFileNotOfTheYAML() throws {
        // Front matter starts on line 2 of its page.
        let document = read("a: 1\nb: 2\na: 3\n", lineOffset: 1)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.location?.line == 4)
        #expect(diagnostic.notes == ["it is first on line 2; keep one of them"])
        let indented = try #require(read("a:\n    b: 1\n  c: 2\n", lineOffset: 1).diagnostics.first)
        #expect(indented.notes.first == "indent it 4 spaces like line 3, or 0 spaces like line 2")
    }

    func places(_ document: YAMLDocument) -> [String] {
        document.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" }
    }

    @Test("each mistake is reported where it is written", arguments: [
        ("a: 1\nb: \"open\nc: 2\nd: \"x\"\n", "2:4 yaml-quote-unclosed"),
        ("a: 1\nb: 'it''s open\nc: 2\n", "2:4 yaml-quote-unclosed"),
        ("a: 1\nb:2\nc: 3\n", "2:2 yaml-colon-space"),
        ("a: 1\nb 2\nc: 3\n", "2:1 yaml-colon-missing"),
        ("a: 1\n  b: 2\n", "2:3 yaml-indent"),
        ("a:\n    b: 1\n  c: 2\n", "3:3 yaml-indent"),
        ("a:\n\tb: 1\n", "2:1 yaml-tab"),
        ("a: 1\nb: 2\na: 3\n", "3:1 yaml-duplicate-key"),
        // Keys are read as text, so a number and the same number in quotes are one key written twice.
        ("1: one\n'1': uno\n", "2:1 yaml-duplicate-key"),
        ("a: [1, 2\nb: 3\n", "1:4 yaml-bracket-unclosed"),
        ("a: *nothing\n", "1:4 yaml-alias-unknown"),
        ("a: Note: this\n", "1:8 yaml-colon-in-text"),
        ("a: \"x\" y\nb: 1\n", "1:8 yaml-text-after-quote"),
        ("l:\n  -a: 1\n  - b: 2\n", "2:3 yaml-dash-space"),
        // Used as a key, an alias bomb took minutes in the reader's duplicate-key check before any count ran.
        ("a: &a [x, y]\nb:\n  ? *a\n  : 1\n", "3:3 yaml-complex-key"),
        ("a: &a [x, y]\nb: {*a: 1, c: 2}\n", "2:5 yaml-complex-key"),
        ("a: &a [x, y]\nb:\n  [*a, x]: 1\n", "3:9 yaml-complex-key"),
    ])
    func mistakes(text: String, expected: String) {
        let document = read(text)
        #expect(document.root == nil)
        #expect(places(document) == [expected])
        #expect(document.diagnostics.allSatisfy { $0.isError })
    }

    @Test func aQuoteClosedOnALaterLineIsStillFoundOnItsOwnLine() throws {
        // The reader takes `"Hello\nversion: "` as one text and fails on line 3; the quote on line 2 is the mistake.
        let document = read("id: a\ntitle: \"Hello\nversion: \"1\"\nq: 1\n")
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.message == "the quote opened here is never closed")
        #expect(diagnostic.location?.line == 2 && diagnostic.location?.column == 8)
        #expect(diagnostic.notes.contains { $0.hasPrefix("the YAML reader said: ") })
    }

    @Test func aBlockOfTextIsNotMistakenForQuotesOrColons() {
        let document = read("a: |\n  \"not closed\n  b:c\nd: 1\n")
        #expect(document.diagnostics.isEmpty)
        #expect(document.root != nil)
    }

    @Test func anAliasBombIsRefusedAtTheAliasThatCrossesTheLimit() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let document = read(lines.joined(separator: "\n") + "\n")
        #expect(document.root == nil)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.code == "yaml-alias-limit")
        // *a3 stands for 11,111 values: after the 1,250 or so above it, its eighth use on line 5 passes 100,000.
        #expect(diagnostic.location?.line == 5)
        #expect(diagnostic.location?.column == 45)
        #expect(diagnostic.message == "the alias *a3 here makes the file stand for more than 100000 values")
    }

    @Test func aliasesAsValuesAndQuestionMarksInTextAreNotKeys() {
        let document = read("a: &a [x, y]\nb: *a\nc: {d: *a}\nlabel: Is it ok?\ne: \"? *a: no\"\n")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
    }

    @Test func aFewAliasesAreFine() {
        let document = read("a: &x {k: v}\nb: *x\nc: *x\n")
        #expect(document.diagnostics.isEmpty)
        #expect(document.root?.mapping?.count == 3)
    }

    @Test func aCommentThatCutsProseShortIsAWarningAtTheHash() {
        // The label is only "Bus": ` #5` already starts the comment.
        let document = read("label: Bus #5 or #7\nother: 5 # fine\nlabel2: \"kept # here\"\n")
        #expect(document.root != nil)
        #expect(places(document) == ["1:12 yaml-comment-in-text"])
        #expect(document.diagnostics.first?.severity == .warning)
        let languages = read("label:\n  en: Why? # Pam\n  cy: Pam?\n")
        #expect(places(languages) == ["2:12 yaml-comment-in-text"])
    }

    @Test func aTypoIsTakenForTheMissingKeyItIsClosestTo() {
        #expect(KeyTypos.corrections(keys: ["lable", "id"], allowed: ["id", "label", "type"]) == ["lable": "label"])
        // Not when the key it resembles is also written: then it is only unknown.
        #expect(KeyTypos.corrections(keys: ["lable", "label"], allowed: ["label"]) == [:])
        #expect(KeyTypos.corrections(keys: ["zzz"], allowed: ["label"]) == [:])
    }
}
