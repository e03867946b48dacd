import Foundation

/// How search splits text into words. `assets/search.js` splits the same way, so a word the index
/// knows is the word the browser finds: letters and digits of any script, accents dropped, lower case;
/// "people's" is "people"; "door-step" is both "doorstep" and "door", "step".
public enum SearchWords {
    public static func words(in text: String) -> [String] {
        var result: [String] = []
        for token in tokens(in: text) { result += forms(of: token) }
        return result
    }

    /// The words a token of the text stands for: itself, or for a hyphenated token the joined word and its parts.
    public static func forms(of token: String) -> [String] {
        var folded = fold(token)
        for ending in ["'s", "’s", "'", "’"] where folded.hasSuffix(ending) {
            folded.removeLast(ending.count)
            break
        }
        folded.removeAll { $0 == "'" || $0 == "’" }
        let parts = folded.split(whereSeparator: isHyphen).map(String.init)
        let joined = parts.joined()
        var forms: [String] = []
        if joined.count > 1 { forms.append(joined) }
        if parts.count > 1 { forms += parts.filter { $0.count > 1 } }
        return forms
    }

    /// Lower case without accents: "Café" → "cafe".
    public static func fold(_ text: String) -> String {
        // Plain ASCII has no accents to drop.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where !isMark(scalar) {
            scalars.append(scalar)
        }
        return String(scalars).lowercased()
    }

    /// Runs of letters and digits, joined by single apostrophes or hyphens.
    static func tokens(in text: String) -> [String] {
        asciiTokens(in: text) ?? scalarTokens(in: text)
    }

    /// The tokens of plain ASCII text, found a byte at a time: its only letters and digits are `A`–`Z`,
    /// `a`–`z` and `0`–`9`, its only joiners `'` and `-`, and it has no marks. A token is then one stretch of
    /// the text, cut out once. Nil for text beyond ASCII.
    static func asciiTokens(in text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var tokens: [String] = []
            var start = -1, end = 0
            var pendingJoiner = false
            for index in bytes.indices {
                let byte = bytes[index]
                switch byte {
                case 0x80...:
                    return nil
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
                    if start < 0 { start = index }
                    end = index + 1
                    pendingJoiner = false
                case UInt8(ascii: "'") where start >= 0 && !pendingJoiner, UInt8(ascii: "-") where start >= 0 && !pendingJoiner:
                    pendingJoiner = true
                default:
                    if start >= 0 { tokens.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) }
                    start = -1
                    pendingJoiner = false
                }
            }
            if start >= 0 { tokens.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) }
            return tokens
        }
    }

    /// The tokens of any text, a Unicode scalar at a time.
    static func scalarTokens(in text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var pendingJoiner: Unicode.Scalar?
        func finish() {
            if !current.isEmpty { tokens.append(String(current)) }
            current = String.UnicodeScalarView()
            pendingJoiner = nil
        }
        for scalar in text.unicodeScalars {
            if isWordStart(scalar) || (!current.isEmpty && pendingJoiner == nil && isMark(scalar)) {
                if let joiner = pendingJoiner { current.append(joiner); pendingJoiner = nil }
                current.append(scalar)
            } else if !current.isEmpty, pendingJoiner == nil, isJoiner(scalar) {
                pendingJoiner = scalar
            } else {
                finish()
            }
        }
        finish()
        return tokens
    }

    static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII's letters and digits are its only letters and numbers: no table look-up needed.
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "’" || isHyphen(Character(scalar))
    }

    static func isHyphen(_ character: Character) -> Bool {
        character == "-" || character == "\u{2010}" || character == "\u{2011}"
    }
}
