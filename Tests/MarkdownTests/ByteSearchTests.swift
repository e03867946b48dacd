import Testing
@testable import Markdown

/// `containsBytes` finds a piece of text exactly where a plain search through the bytes finds it.
@Suite struct ByteSearchTests {
    /// The slow, obvious search it must agree with.
    static func naive(_ text: String, _ needle: String) -> Bool {
        let haystack = Array(text.utf8), wanted = Array(needle.utf8)
        guard !wanted.isEmpty else { return true }
        guard haystack.count >= wanted.count else { return false }
        return (0...(haystack.count - wanted.count)).contains { Array(haystack[$0..<($0 + wanted.count)]) == wanted }
    }

    @Test func agreesWithAPlainSearchOnRandomText() {
        // A small alphabet, so needles are found often, at the very start and end too; "é" is two bytes.
        let alphabet: [String] = ["a", "b", "_", "é", " ", "\n"]
        var generator = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let needle = (0..<Int.random(in: 0...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let expected = Self.naive(text, needle)
            #expect(text.containsBytes(needle) == expected, "\(text.debugDescription) holds \(needle.debugDescription): \(expected)")
            if expected { found += 1 }
        }
        #expect(found > 500)
        #expect(!"".containsBytes("a"))
        #expect("".containsBytes(""))
        #expect("ab___".containsBytes("___"))
        #expect(!"ab__c_".containsBytes("___"))
    }

    /// Heading ids made a byte at a time from ASCII headings are those made a scalar at a time.
    @Test func asciiHeadingIdsAreTheScalarOnes() {
        let alphabet: [String] = ["a", "Z", "q", "0", "9", " ", "-", "_", "?", "'", "&", "(", "\t", "M", "."]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            #expect(HeadingSlug.asciiSlug(text) == HeadingSlug.scalarSlug(text), "\(text.debugDescription)")
        }
        #expect(HeadingSlug.slug("Who to ask?") == "who-to-ask")
        #expect(HeadingSlug.slug("?!") == "section")
        #expect(HeadingSlug.slug("Café – menu") == "café-menu")
    }
}
