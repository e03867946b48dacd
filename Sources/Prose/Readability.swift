/// How hard a piece of English is to read, with the Flesch–Kincaid grade level.
/// The counts are heuristics tuned for plain English, good enough to flag text that needs work.
public enum Readability {
    /// Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59; nil with no words.
    public static func fleschKincaidGrade(_ text: String) -> Double? {
        score(text)?.grade
    }

    /// Grade, word count and sentence count together, so callers do not split the text twice.
    public static func score(_ text: String) -> ReadabilityScore? {
        // The text is read as scalars once, for the words and the sentences both.
        let scalars = scalarArray(text)
        let (wordCount, syllableCount) = wordsAndSyllables(scalars)
        guard wordCount > 0 else { return nil }
        let sentenceCount = max(1, sentenceCount(scalars))
        let wordsPerSentence = Double(wordCount) / Double(sentenceCount)
        let syllablesPerWord = Double(syllableCount) / Double(wordCount)
        let grade = 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59
        return ReadabilityScore(grade: grade, words: wordCount, sentences: sentenceCount)
    }

    /// Sentences end at `.`, `!` or `?` followed by a space or the end; a full stop inside a number or
    /// after a common abbreviation (e.g., Mr., Dr.) does not end one. A blank line ends one too, so headings
    /// and list items without a full stop count.
    public static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        splitSentences(text) { scalars, range in
            appendSentence(String(String.UnicodeScalarView(scalars[range])), to: &result)
        }
        return result
    }

    /// How many sentences `sentences(_:)` finds, without making them: a stretch counts when it holds a
    /// letter or a digit.
    public static func sentenceCount(_ text: String) -> Int {
        sentenceCount(scalarArray(text))
    }

    private static func sentenceCount(_ scalars: [Unicode.Scalar]) -> Int {
        var count = 0
        splitSentences(scalars) { scalars, range in
            if scalars[range].contains(where: isWordScalar) { count += 1 }
        }
        return count
    }

    /// Calls `close` with each stretch of the text that ends a sentence, in order.
    private static func splitSentences(_ text: String, _ found: ([Unicode.Scalar], Range<Int>) -> Void) {
        splitSentences(scalarArray(text), found)
    }

    private static func splitSentences(_ scalars: [Unicode.Scalar], _ found: ([Unicode.Scalar], Range<Int>) -> Void) {
        var start = 0
        func close(at end: Int) {
            found(scalars, start..<end)
            start = end
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "." || scalar == "!" || scalar == "?" {
                // Swallow runs like "?!" or "..." and closing quotes or brackets.
                var last = index
                while last + 1 < scalars.count, isCloser(scalars[last + 1]) { last += 1 }
                let atEnd = last + 1 >= scalars.count
                let followedBySpace = !atEnd && isWhitespace(scalars[last + 1])
                if (atEnd || followedBySpace) && !(scalar == "." && endsWithAbbreviation(scalars, before: index, from: start)) {
                    close(at: last + 1)
                }
                index = last + 1
                continue
            }
            if scalar == "\n", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                close(at: index + 1)
            }
            index += 1
        }
        close(at: scalars.count)
    }

    /// What may follow a sentence's last mark and still belong to the sentence: more marks, closing quotes and brackets.
    private static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", "\"", "'", ")", "\u{201D}", "\u{2019}": return true
        default: return false
        }
    }

    /// The words `words(_:)` finds and their syllables, counted without making a string for each word.
    static func wordsAndSyllables(_ text: String) -> (words: Int, syllables: Int) {
        wordsAndSyllables(scalarArray(text))
    }

    private static func wordsAndSyllables(_ scalars: [Unicode.Scalar]) -> (words: Int, syllables: Int) {
        var words = 0, syllables = 0
        forEachWord(in: scalars) { word, isASCII in
            words += 1
            if isASCII {
                // Counted as the letters go by: no list of them is made.
                var counter = SyllableCounter()
                for scalar in scalars[word] { if let letter = asciiLowercaseLetter(scalar) { counter.add(letter) } }
                syllables += counter.syllables
            } else {
                syllables += Self.syllables(in: String(String.UnicodeScalarView(scalars[word])))
            }
        }
        return (words, syllables)
    }

    /// Calls `found` with where each word lies in `scalars`, and whether it is all ASCII. A word is one
    /// unbroken stretch: every scalar either belongs to the word being read or ends it.
    private static func forEachWord(in scalars: [Unicode.Scalar], _ found: (Range<Int>, Bool) -> Void) {
        var start = 0, length = 0, isASCII = true
        for (index, scalar) in scalars.enumerated() {
            if isWordScalar(scalar) || ((scalar == "'" || scalar == "\u{2019}" || scalar == "-") && length > 0
                                        && index + 1 < scalars.count && scalars[index + 1].properties.isAlphabetic) {
                if length == 0 { start = index; isASCII = true }
                length += 1
                if !scalar.isASCII { isASCII = false }
            } else if length > 0 {
                found(start..<(start + length), isASCII)
                length = 0
            }
        }
        if length > 0 { found(start..<(start + length), isASCII) }
    }

    /// The text's scalars, decoded in one pass (`Array(text.unicodeScalars)` walks the text twice: once to count).
    private static func scalarArray(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { scalars.append(scalar) }
        return scalars
    }

    private static func asciiLowercaseLetter(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let lower = UInt8(scalar.value) | 0x20
        return lower >= 97 && lower <= 122 ? Unicode.Scalar(lower) : nil
    }

    /// White space, without the Unicode tables for ASCII.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return value == 32 || (value >= 9 && value <= 13)
        }
        return scalar.properties.isWhitespace
    }

    /// Words are runs of letters and digits, keeping inner apostrophes and hyphens ("don't", "long-term").
    /// Works on Unicode scalars rather than Characters: the same answer for English text, many times faster.
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        let scalars = scalarArray(text)
        forEachWord(in: scalars) { word, _ in result.append(String(String.UnicodeScalarView(scalars[word]))) }
        return result
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 97 && value <= 122) || (value >= 65 && value <= 90) || (value >= 48 && value <= 57)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Syllables are groups of vowels (y counts after a consonant), less a silent final "e"; at least one.
    public static func syllables(in word: String) -> Int {
        // Most words are plain ASCII: lower-cased and filtered by byte, without Unicode tables.
        let letters: [Unicode.Scalar] = word.utf8.allSatisfy({ $0 < 0x80 })
            ? word.unicodeScalars.compactMap(asciiLowercaseLetter)
            : word.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }
        guard !letters.isEmpty else { return word.isEmpty ? 0 : 1 }
        return syllables(ofLetters: letters)
    }

    /// Syllables of a word given as its lower-case letters, at least one of them.
    private static func syllables(ofLetters letters: [Unicode.Scalar]) -> Int {
        var counter = SyllableCounter()
        for letter in letters { counter.add(letter) }
        return counter.syllables
    }

    /// Counts a word's syllables from its lower-case letters, given one at a time.
    struct SyllableCounter {
        private var letters = 0
        private var groups = 0
        private var previousWasVowel = false
        /// The last four letters, the last first.
        private var last: Unicode.Scalar = " ", beforeLast: Unicode.Scalar = " ", third: Unicode.Scalar = " ", fourth: Unicode.Scalar = " "

        private static func isVowel(_ letter: Unicode.Scalar) -> Bool {
            letter == "a" || letter == "e" || letter == "i" || letter == "o" || letter == "u" || letter == "y"
        }

        mutating func add(_ letter: Unicode.Scalar) {
            // A leading "y" is a consonant ("yes", "you").
            let vowel = Self.isVowel(letter) && !(letter == "y" && letters == 0)
            if vowel && !previousWasVowel { groups += 1 }
            previousWasVowel = vowel
            (fourth, third, beforeLast, last) = (third, beforeLast, last, letter)
            letters += 1
        }

        /// Groups of vowels (y counts after a consonant), less a silent final "e"; at least one.
        var syllables: Int {
            if letters <= 3 { return 1 }
            var count = groups
            if last == "e" && !Self.isVowel(beforeLast) {
                // "-le" after a consonant is a syllable of its own ("table", "people"); other final e's are silent.
                let isSyllabicLE = beforeLast == "l" && !Self.isVowel(third)
                if !isSyllabicLE { count -= 1 }
            } else if beforeLast == "e", last == "d", third != "t", third != "d" {
                // A past tense "-ed" is usually not its own syllable ("lived", "used"), except after t or d.
                if !Self.isVowel(third) { count -= 1 }
            } else if beforeLast == "e", last == "s", !Self.isVowel(third), !(letters > 4 && third == "h" && fourth == "s") {
                // A plural "-es" is silent after most consonants ("homes", "names"), but not after a hiss.
                switch third {
                case "s", "x", "z", "c", "g": break
                default: count -= 1
                }
            }
            return max(1, count)
        }
    }

    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "e.g", "i.e", "etc", "vs", "no", "approx", "cllr", "prof",
    ]

    private static let longestAbbreviation = abbreviations.map(\.unicodeScalars.count).max() ?? 0

    /// The abbreviations as numbers: an ASCII word is looked up without making a string of it for each full stop.
    private static let abbreviationKeys = Set(abbreviations.map { key($0.unicodeScalars) })

    /// An ASCII word of up to seven scalars as one number: its length in the top byte, then a byte for each scalar.
    private static func key(_ scalars: some Collection<Unicode.Scalar>) -> UInt64 {
        var key: UInt64 = 0
        for scalar in scalars { key = key << 8 | UInt64(scalar.value & 0x7F) }
        return key | UInt64(scalars.count) << 56
    }

    /// True when the word before the full stop at `index` is an abbreviation or an initial ("J. Smith").
    private static func endsWithAbbreviation(_ scalars: [Unicode.Scalar], before index: Int, from start: Int) -> Bool {
        var first = index
        while first > start, !isWhitespace(scalars[first - 1]), scalars[first - 1] != "(" { first -= 1 }
        // Lower case never has fewer scalars than the word, so a word longer than every abbreviation is none.
        var end = index
        while end > first, isCloser(scalars[end - 1]) { end -= 1 }
        if end - first > longestAbbreviation { return false }
        let word = scalars[first..<end]
        // An ASCII word is lower-cased as ASCII, as lowercased() would; anything else goes the long way.
        if word.allSatisfy(\.isASCII) {
            if word.count == 1, let letter = word.first, letter.value >= 65, letter.value <= 90 { return true }
            return abbreviationKeys.contains(key(word.lazy.map { $0.value >= 65 && $0.value <= 90 ? Unicode.Scalar($0.value + 32)! : $0 }))
        }
        let text = String(String.UnicodeScalarView(word))
        if text.unicodeScalars.count == 1, let letter = text.unicodeScalars.first, letter.properties.isUppercase { return true }
        return abbreviations.contains(text.lowercased())
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
}
