/// The Porter2 ("Snowball English") stemmer, so that "interviewing", "interviews" and "interviewed" all
/// find "interview". `assets/search.js` holds the same rules for the words people type; both are tested
/// on one word list (`Tests/PublishTests/Fixtures/stems.txt`, made with the Snowball reference library).
public enum EnglishStemmer {
    /// Words of ASCII letters are stemmed; anything else (digits, other scripts) is kept as it is.
    public static func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count > 2, bytes.allSatisfy({ $0 >= 97 && $0 <= 122 || $0 == 39 }) else { return word }
        if let fixed = exceptions[word] { return fixed }
        var w = Word(bytes)
        return w.stemmed()
    }

    static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
        "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias",
        "andes": "andes",
    ]

    static let afterStep1a: Set<String> = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]

    private struct Word {
        var b: [UInt8]
        var r1 = 0
        var r2 = 0

        init(_ bytes: [UInt8]) { b = bytes }

        static let y = UInt8(ascii: "y"), Y = UInt8(ascii: "Y")

        func isVowel(_ i: Int) -> Bool {
            switch b[i] {
            case 97, 101, 105, 111, 117, 121: return true  // a e i o u y
            default: return false
            }
        }

        var text: String { String(decoding: b, as: UTF8.self) }

        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.utf8)
            return b.count >= s.count && Array(b[(b.count - s.count)...]) == s
        }

        mutating func replace(_ count: Int, with replacement: String) {
            b.removeLast(count)
            b += Array(replacement.utf8)
        }

        /// The longest of `suffixes` the word ends with.
        func longest(_ suffixes: [String]) -> String? {
            suffixes.filter(ends).max { $0.utf8.count < $1.utf8.count }
        }

        func hasVowel(before end: Int) -> Bool { (0..<max(0, end)).contains { isVowel($0) } }

        /// A short syllable ending just before `end`.
        func shortSyllable(endingAt end: Int) -> Bool {
            if end == 2 { return isVowel(0) && !isVowel(1) }
            guard end >= 3 else { return false }
            let last = b[end - 1]
            return !isVowel(end - 3) && isVowel(end - 2) && !isVowel(end - 1)
                && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != Self.Y
        }

        func regionStart(from start: Int) -> Int {
            var i = start
            while i < b.count && !isVowel(i) { i += 1 }
            while i < b.count && isVowel(i) { i += 1 }
            return min(b.count, i + 1)
        }

        mutating func markRegions() {
            let text = self.text
            if let prefix = ["gener", "commun", "arsen"].first(where: text.hasPrefix) {
                r1 = prefix.utf8.count
            } else {
                r1 = regionStart(from: 0)
            }
            r2 = regionStart(from: r1)
        }

        func inR1(_ suffixLength: Int) -> Bool { b.count - suffixLength >= r1 }
        func inR2(_ suffixLength: Int) -> Bool { b.count - suffixLength >= r2 }

        mutating func stemmed() -> String {
            if b.first == 39 { b.removeFirst() }
            for i in b.indices where b[i] == Self.y && (i == 0 || isVowel(i - 1)) { b[i] = Self.Y }
            markRegions()
            step0()
            step1a()
            if EnglishStemmer.afterStep1a.contains(text) { return text }
            step1b()
            step1c()
            step2()
            step3()
            step4()
            step5()
            return String(decoding: b.map { $0 == Self.Y ? Self.y : $0 }, as: UTF8.self)
        }

        mutating func step0() {
            if let s = longest(["'", "'s", "'s'"]) { b.removeLast(s.utf8.count) }
        }

        mutating func step1a() {
            guard let s = longest(["sses", "ied", "ies", "s", "us", "ss"]) else { return }
            switch s {
            case "sses": replace(4, with: "ss")
            case "ied", "ies": replace(3, with: b.count - 3 > 1 ? "i" : "ie")
            case "s": if hasVowel(before: b.count - 2) { b.removeLast() }
            default: break
            }
        }

        mutating func step1b() {
            guard let s = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]) else { return }
            let n = s.utf8.count
            if s == "eed" || s == "eedly" {
                if inR1(n) { replace(n, with: "ee") }
                return
            }
            guard hasVowel(before: b.count - n) else { return }
            b.removeLast(n)
            if ends("at") || ends("bl") || ends("iz") {
                b += Array("e".utf8)
            } else if let d = longest(["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]), !d.isEmpty {
                b.removeLast()
            } else if r1 >= b.count && shortSyllable(endingAt: b.count) {
                b += Array("e".utf8)
            }
        }

        mutating func step1c() {
            guard b.count > 2, b.last == Self.y || b.last == Self.Y, !isVowel(b.count - 2) else { return }
            b[b.count - 1] = UInt8(ascii: "i")
        }

        static let step2Rules: [(String, String)] = [
            ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
            ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
            ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
            ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
            ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
        ]

        mutating func step2() {
            guard let s = longest(Self.step2Rules.map(\.0)), inR1(s.utf8.count) else { return }
            let n = s.utf8.count
            switch s {
            case "ogi":
                if b.count > n, b[b.count - n - 1] == UInt8(ascii: "l") { replace(n, with: "og") }
            case "li":
                if b.count > n, Array("cdeghkmnrt".utf8).contains(b[b.count - n - 1]) { b.removeLast(n) }
            default:
                replace(n, with: Self.step2Rules.first { $0.0 == s }?.1 ?? "")
            }
        }

        mutating func step3() {
            let rules: [(String, String)] = [
                ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
                ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
            ]
            guard let s = longest(rules.map(\.0)), inR1(s.utf8.count) else { return }
            if s == "ative" {
                if inR2(5) { b.removeLast(5) }
                return
            }
            replace(s.utf8.count, with: rules.first { $0.0 == s }?.1 ?? "")
        }

        mutating func step4() {
            let suffixes = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism",
                            "ate", "iti", "ous", "ive", "ize", "ion"]
            guard let s = longest(suffixes), inR2(s.utf8.count) else { return }
            if s == "ion" {
                let before = b.count - 4
                if before >= 0, b[before] == UInt8(ascii: "s") || b[before] == UInt8(ascii: "t") { b.removeLast(3) }
                return
            }
            b.removeLast(s.utf8.count)
        }

        mutating func step5() {
            if b.last == UInt8(ascii: "e") {
                if inR2(1) || (inR1(1) && !shortSyllable(endingAt: b.count - 1)) { b.removeLast() }
            } else if b.last == UInt8(ascii: "l") {
                if inR2(1) && b.count >= 2 && b[b.count - 2] == UInt8(ascii: "l") { b.removeLast() }
            }
        }
    }
}
