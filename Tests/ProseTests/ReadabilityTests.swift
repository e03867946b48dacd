import Testing
@testable import Prose

@Suite("Readability")
struct ReadabilityTests {
    @Test("syllable counts for common words", arguments: [
        ("the", 1), ("cat", 1), ("yes", 1), ("home", 1), ("homes", 1), ("lived", 1), ("used", 1),
        ("table", 2), ("people", 2), ("wanted", 2), ("places", 2), ("wishes", 2), ("happy", 2),
        ("whole", 1), ("neighbourhood", 3), ("community", 4), ("information", 4), ("university", 5),
        ("agreed", 2),
    ])
    func syllables(word: String, expected: Int) {
        #expect(Readability.syllables(in: word) == expected)
    }

    @Test func wordsKeepApostrophesAndHyphens() {
        #expect(Readability.words("Don't stop — it's a long-term plan, 12 months.") ==
            ["Don't", "stop", "it's", "a", "long-term", "plan", "12", "months"])
        #expect(Readability.words("  -- ... ") == [])
    }

    @Test func sentencesSplitOnTerminatorsNotAbbreviations() {
        let text = "Call Dr. Smith today. Is it 3.5 miles? Yes! See e.g. the map"
        #expect(Readability.sentences(text) == ["Call Dr. Smith today.", "Is it 3.5 miles?", "Yes!", "See e.g. the map"])
        #expect(Readability.sentences("Heading\n\nBody text here.") == ["Heading", "Body text here."])
    }

    @Test func gradeIsNilWithoutWords() {
        #expect(Readability.fleschKincaidGrade("") == nil)
        #expect(Readability.fleschKincaidGrade(" ... !") == nil)
    }

    @Test func simpleTextScoresLowAndDenseTextHigh() throws {
        let simple = try #require(Readability.fleschKincaidGrade("The cat sat on the mat. It was a sunny day."))
        #expect(simple < 2)
        let dense = try #require(Readability.fleschKincaidGrade(
            "Notwithstanding organisational considerations, participatory methodologies necessitate comprehensive institutional accountability mechanisms."))
        #expect(dense > 20)
    }

    @Test func scoreMatchesTheFormula() throws {
        // 6 words, 1 sentence, 6 syllables: 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45.
        let score = try #require(Readability.score("The cat sat on the mat."))
        #expect(score.words == 6)
        #expect(score.sentences == 1)
        #expect(abs(score.grade - (-1.45)) < 0.0001)
        #expect(abs(score.readingAge - 3.55) < 0.0001)
    }
}
