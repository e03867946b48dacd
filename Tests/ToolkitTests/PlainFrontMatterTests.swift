import Diagnostics
import Testing
@testable import Toolkit

/// Front matter of the commonest kind is read without the YAML parser; it must mean what the parser says.
@Suite struct PlainFrontMatterTests {
    static func decoded(_ text: String) -> (FrontMatter?, [Diagnostic]) {
        FrontMatter.decode(FrontMatterSplit.split(text), file: "p.md")
    }

    static func throughYAML(_ text: String) -> (FrontMatter?, [Diagnostic]) {
        let split = FrontMatterSplit.split(text)
        return FrontMatter.decodeThroughYAML(split.yaml ?? "", lineOffset: split.yamlLineOffset, file: "p.md")
    }

    @Test func commonFrontMatterIsReadWithoutTheParserAndMeansTheSame() {
        let text = "---\ntitle: Knocking on doors\nsummary: What to say, and when (a short guide).\nkind: session\naudience: trainers\ntime_needed: 20 minutes\n---\n\nBody.\n"
        let split = FrontMatterSplit.split(text)
        let matter = FrontMatter.plain(split.yaml ?? "")
        #expect(matter?.title == "Knocking on doors")
        #expect(matter?.summary == "What to say, and when (a short guide).")
        #expect(matter?.kind == .session)
        #expect(matter?.audience == .trainers)
        #expect(matter?.timeNeeded == "20 minutes")
        #expect(FrontMatter.plain("title: 12 steps to a survey")?.title == "12 steps to a survey", "a digit first, then words, is text")
        #expect(Self.decoded(text).0 == Self.throughYAML(text).0)
        #expect(Self.throughYAML(text).1.isEmpty)
    }

    /// Anything YAML could read otherwise, or that has a check to report, goes through the parser.
    @Test func anythingElseGoesThroughTheParser() {
        let others = [
            "title: yes", "title: Null", "title: Page # one", "title: \"Quoted\"", "title: [a, b]",
            "title: A: B", "title: Ends with a space ", "title:  Two spaces first", "title: Tab\there", "titel: Misspelt",
            "title: One\ntitle: Two", "kind: nonsense\ntitle: A", "order: 3\ntitle: A", "title: A\n\nsummary: B",
            "title: Café", "title: A\r", "tags: [a]\ntitle: A", "summary: No title here", "title: *alias", "title: &anchor A",
            "title: 2026-01-01", "title: 1e3", "title: 12 30", "time_needed: 20\ntitle: A", "title: - a list", "title: .inf",
            "title: ?A", "title: (A) B", "title: 0x1F",
        ]
        for yaml in others {
            #expect(FrontMatter.plain(yaml) == nil, "\(yaml)")
        }
    }

    /// Thousands of front matters made from pieces near the edge of what is plain: wherever the quick
    /// reading gives an answer, the parser gives the same one and no message.
    @Test func randomFrontMatterMeansWhatTheParserSays() {
        // A fixed sequence (a linear congruential one), so that a failure comes back on every run.
        var state: UInt64 = 20_261_203
        func number(below count: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % count
        }
        func pick(_ items: [String]) -> String { items[number(below: items.count)] }
        let keys = ["title", "summary", "kind", "audience", "time_needed"]
        let otherKeys = ["order", "draft", "tittle", "Title", "time needed", "tags"]
        let words = ["Page", "door", "Knock", "20", "minutes", "guide", "session", "trainers", "residents", "a", " "]
        let tricky = [" ", "  ", "0", "12", ".", ",", "'", "-", "?", "!", "(", ")", "/", "&", "#", " #", ":", ": ", "yes", "No",
                      "null", "on", "y", "\"", "*", "~", "é", "\t", "-1", "1e3", "2026-01-01", "0x1F", ".inf"]
        var plainCount = 0
        for _ in 0..<6_000 {
            var lines = (0...number(below: 4)).map { _ in
                let key = number(below: 10) < 9 ? pick(keys) : pick(otherKeys)
                return "\(key): " + (0...number(below: 4)).map { _ in pick(number(below: 10) < 8 ? words : tricky) }.joined()
            }
            if number(below: 2) == 0 { lines.insert("title: Page \(lines.count)", at: 0) }
            let yaml = lines.joined(separator: "\n")
            let text = "---\n\(yaml)\n---\n\nBody.\n"
            guard let quick = FrontMatter.plain(yaml) else { continue }
            plainCount += 1
            let (parsed, diagnostics) = Self.throughYAML(text)
            #expect(parsed == quick, "\(yaml)")
            #expect(diagnostics.isEmpty, "\(yaml): \(diagnostics.map(\.message))")
        }
        // The pieces make both kinds: enough plain ones for the comparison to mean something.
        #expect(plainCount > 300)
    }
}
