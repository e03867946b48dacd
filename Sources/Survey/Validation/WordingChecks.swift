import Diagnostics
import Foundation
import Prose

/// Plain-English checks on question labels: one idea per question, neutral wording, short sentences, easy words.
struct WordingChecks {
    let survey: Survey

    static let maxSentenceWords = 20
    static let maxReadingAge = 10.0
    /// Readability formulas are noise on very short labels, so only labels this long are graded.
    static let minWordsToGrade = 8

    /// Phrases that push people towards an answer.
    static let leadingPhrases = [
        "don't you", "do not you", "wouldn't you", "won't you", "aren't you", "isn't it", "doesn't it", "shouldn't",
        "surely", "obviously", "of course", "everyone knows", "most people", "how much do you love",
        "how much do you like", "how great", "how terrible", "how bad is",
    ]

    func run(_ findings: inout Findings) {
        for question in survey.questions {
            guard let text = survey.englishText(question.label) else { continue }
            let location = question.label.location
            if question.type != .note, question.type != .consent {
                if let joiner = doubleBarrel(text) {
                    findings.warning("S201", "the question asks about two things joined by '\(joiner)'; ask one thing per question",
                                     at: location, question: question)
                }
                let lowered = Self.normalise(text)
                if let phrase = Self.leadingPhrases.first(where: { Self.containsPhrase(lowered, $0) }) {
                    findings.warning("S202", "the wording '\(phrase)' suggests an answer; ask in a neutral way",
                                     at: location, question: question)
                }
            }
            if let long = Readability.sentences(text).map({ Readability.words($0).count }).first(where: { $0 > Self.maxSentenceWords }) {
                findings.warning("S203", "a sentence in the label has \(long) words; keep sentences to \(Self.maxSentenceWords) words or fewer",
                                 at: location, question: question)
            }
            if let score = Readability.score(text), score.words >= Self.minWordsToGrade, score.readingAge > Self.maxReadingAge {
                findings.warning("S204", "the label needs a reading age of about \(SurveyLimits.whole(score.readingAge.rounded())); aim for 9 with shorter words and sentences",
                                 at: location, question: question)
            }
        }
    }

    /// "and" (or "as well as") inside the question sentence, other than in "between … and …".
    func doubleBarrel(_ text: String) -> String? {
        let sentences = Readability.sentences(text)
        let questionSentences = sentences.filter { $0.hasSuffix("?") }
        for sentence in questionSentences.isEmpty ? sentences : questionSentences {
            let lowered = Self.normalise(sentence)
            if Self.containsPhrase(lowered, "between") { continue }
            for joiner in ["and/or", "and", "as well as"] where Self.containsPhrase(lowered, joiner) {
                return joiner
            }
        }
        return nil
    }

    static func normalise(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
    }

    /// A phrase as whole words: neither end touches a letter a–z or an apostrophe. A plain search, with no
    /// regular expression to compile for every label.
    static func containsPhrase(_ text: String, _ phrase: String) -> Bool {
        guard !phrase.isEmpty else { return false }
        func joins(_ character: Character?) -> Bool {
            guard let scalar = character?.unicodeScalars.first else { return false }
            return ("a"..."z").contains(scalar) || scalar == "'"
        }
        var from = text.startIndex
        while let found = text.range(of: phrase, range: from..<text.endIndex) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !joins(before), !joins(after) { return true }
            from = text.index(after: found.lowerBound)
        }
        return false
    }
}
