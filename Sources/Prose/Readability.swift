/// How hard a piece of English is to read, with the Flesch–Kincaid grade level.
/// The counts are heuristics tuned for plain English, good enough to flag text that needs work.
public enum Readability {
    /// Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59; nil with no words.
    public static func fleschKincaidGrade(_ text: String) -> Double? {
        score(text)?.grade
    }

    /// Grade, word count and sentence count together, so callers do not split the text twice.
    public static func score(_ text: String) -> ReadabilityScore? {
        let allWords = words(text)
        guard !allWords.isEmpty else { return nil }
        let sentenceCount = max(1, sentences(text).count)
        let syllableCount = allWords.reduce(0) { $0 + syllables(in: $1) }
        let wordsPerSentence = Double(allWords.count) / Double(sentenceCount)
        let syllablesPerWord = Double(syllableCount) / Double(allWords.count)
        let grade = 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59
        return ReadabilityScore(grade: grade, words: allWords.count, sentences: sentenceCount)
    }

    /// Sentences end at `.`, `!` or `?` followed by a space or the end; a full stop inside a number or
    /// after a common abbreviation (e.g., Mr., Dr.) does not end one.
    public static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            current.append(character)
            if character == "." || character == "!" || character == "?" {
                // Swallow runs like "?!" or "..." and closing quotes or brackets.
                while index + 1 < characters.count, ".!?\"')”’".contains(characters[index + 1]) {
                    index += 1
                    current.append(characters[index])
                }
                let atEnd = index + 1 >= characters.count
                let followedBySpace = !atEnd && characters[index + 1].isWhitespace
                if (atEnd || followedBySpace) && !(character == "." && endsWithAbbreviation(current)) {
                    appendSentence(current, to: &result)
                    current = ""
                }
            } else if character == "\n", index + 1 < characters.count, characters[index + 1] == "\n" {
                // A blank line ends a sentence too, so headings and list items without a full stop count.
                appendSentence(current, to: &result)
                current = ""
            }
            index += 1
        }
        appendSentence(current, to: &result)
        return result
    }

    /// Words are runs of letters and digits, keeping inner apostrophes and hyphens ("don't", "long-term").
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if "'’-".contains(character), !current.isEmpty, index + 1 < characters.count,
                      characters[index + 1].isLetter {
                current.append(character)
            } else if !current.isEmpty {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result.filter { $0.contains { $0.isLetter || $0.isNumber } }
    }

    /// Syllables are groups of vowels (y counts after a consonant), less a silent final "e"; at least one.
    public static func syllables(in word: String) -> Int {
        let letters = Array(word.lowercased().filter { $0.isLetter })
        guard !letters.isEmpty else { return word.isEmpty ? 0 : 1 }
        if letters.count <= 3 { return 1 }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var count = 0
        var previousWasVowel = false
        for (index, letter) in letters.enumerated() {
            // A leading "y" is a consonant ("yes", "you").
            let isVowel = vowels.contains(letter) && !(letter == "y" && index == 0)
            if isVowel && !previousWasVowel { count += 1 }
            previousWasVowel = isVowel
        }
        let last = letters[letters.count - 1]
        let beforeLast = letters[letters.count - 2]
        if last == "e" && !vowels.contains(beforeLast) {
            // "-le" after a consonant is a syllable of its own ("table", "people"); other final e's are silent.
            let isSyllabicLE = beforeLast == "l" && letters.count >= 3 && !vowels.contains(letters[letters.count - 3])
            if !isSyllabicLE { count -= 1 }
        } else if letters.count > 3, letters.suffix(2) == ["e", "d"], !["t", "d"].contains(letters[letters.count - 3]) {
            // A past tense "-ed" is usually not its own syllable ("lived", "used"), except after t or d.
            if !vowels.contains(letters[letters.count - 3]) { count -= 1 }
        } else if letters.suffix(2) == ["e", "s"], letters.count > 3,
                  !["s", "x", "z", "c", "g"].contains(letters[letters.count - 3]),
                  !vowels.contains(letters[letters.count - 3]),
                  !(letters.count > 4 && letters.suffix(4) == ["s", "h", "e", "s"]) {
            // A plural "-es" is silent after most consonants ("homes", "names").
            count -= 1
        }
        return max(1, count)
    }

    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "e.g", "i.e", "etc", "vs", "no", "approx", "cllr", "prof",
    ]

    private static func endsWithAbbreviation(_ text: String) -> Bool {
        let trimmed = text.trimmingTrailing { ".!?\"')”’".contains($0) }
        guard let lastWord = trimmed.split(whereSeparator: { $0.isWhitespace || $0 == "(" }).last else { return false }
        let word = lastWord.lowercased()
        // A single capital letter with a full stop is an initial ("J. Smith").
        if word.count == 1, let first = lastWord.first, first.isUppercase { return true }
        return abbreviations.contains(word)
    }

    private static func appendSentence(_ text: String, to result: inout [String]) {
        let trimmed = text.trimmingCharacters()
        if trimmed.contains(where: { $0.isLetter || $0.isNumber }) { result.append(trimmed) }
    }
}

/// The result of `Readability.score(_:)`.
public struct ReadabilityScore: Sendable, Equatable {
    /// The Flesch–Kincaid grade level (US school grade; add 5 for a reading age).
    public var grade: Double
    public var words: Int
    public var sentences: Int

    public init(grade: Double, words: Int, sentences: Int) {
        self.grade = grade
        self.words = words
        self.sentences = sentences
    }

    /// The reading age in years that the grade corresponds to.
    public var readingAge: Double { grade + 5 }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }

    fileprivate func trimmingTrailing(where predicate: (Character) -> Bool) -> String {
        var slice = Substring(self)
        while let last = slice.last, predicate(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
