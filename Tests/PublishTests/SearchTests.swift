import Foundation
import Testing
@testable import Publish

@Suite struct EnglishStemmerTests {
    /// The same list `tests/site/check_search.py` gives the browser's stemmer in `search.js`.
    static let pairs: [(word: String, stem: String)] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/stems.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let parts = line.split(separator: " ")
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }()

    @Test func agreesWithTheSnowballReferenceOnTheWordList() {
        #expect(Self.pairs.count > 2000)
        let wrong = Self.pairs.filter { EnglishStemmer.stem($0.word) != $0.stem }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).map { "\($0.word): \(EnglishStemmer.stem($0.word)) not \($0.stem)" })")
    }

    @Test func formsOfOneWordShareAStem() {
        let stems = Set(["interview", "interviews", "interviewing", "interviewed"].map(EnglishStemmer.stem))
        #expect(stems == ["interview"])
        #expect(EnglishStemmer.stem("volunteering") == EnglishStemmer.stem("volunteers"))
    }

    @Test func leavesOtherWordsAlone() {
        #expect(EnglishStemmer.stem("2026") == "2026")
        #expect(EnglishStemmer.stem("straße") == "straße")
    }
}

@Suite struct SearchWordsTests {
    /// Plain ASCII is split a byte at a time; it must give the tokens the scalar-by-scalar split gives.
    @Test func asciiTextIsSplitAsAnyTextIs() {
        let alphabet = Array("aZ09'- .\n\t_x")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(SearchWords.asciiTokens(in: text) == SearchWords.scalarTokens(in: text), "\(text.debugDescription)")
        }
        #expect(SearchWords.asciiTokens(in: "people's door-step -a b'' c--d") == ["people's", "door-step", "a", "b", "c", "d"])
        #expect(SearchWords.asciiTokens(in: "café") == nil)
    }

    @Test func hyphenatedWordsAreJoinedAndSplit() {
        #expect(SearchWords.words(in: "Door-step surveys") == ["doorstep", "door", "step", "surveys"])
    }

    @Test func accentsCaseAndApostrophesAreFolded() {
        #expect(SearchWords.words(in: "Café residents’ people's don't") == ["cafe", "residents", "people", "dont"])
    }

    @Test func lettersOfAnyScript() {
        #expect(SearchWords.words(in: "Cymraeg: ŵyr, Ελληνικά, 中文, 2026") == ["cymraeg", "wyr", "ελληνικα", "中文", "2026"])
    }
}

@Suite struct SearchIndexScriptTests {
    @Test func textCannotCloseTheScript() {
        #expect(SearchIndex.json("</script> \"q\"\n") == "\"\\u003c/script> \\\"q\\\"\\n\"")
    }

    @Test func stemsAreGroupedAndOnlyWhereTheyDiffer() {
        let stems = SearchIndex.stems(of: ["Interviews and interviewing", "focus"])
        #expect(stems["interview"] == "interviewing interviews")
        #expect(stems["focus"] == nil)
    }
}
