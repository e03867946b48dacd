/// The lines of a YAML text as Unicode scalars (libyaml counts columns in them), split once, with the
/// line-by-line reading that finds where a mistake really is. Lines and columns are 1-based.
struct YAMLLines {
    let lines: [[Unicode.Scalar]]

    init(_ text: String) {
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                lines.append([])
            } else if scalar != "\r" {
                lines[lines.count - 1].append(scalar)
            }
        }
        self.lines = lines
    }

    var count: Int { lines.count }

    func line(_ number: Int) -> [Unicode.Scalar] {
        number >= 1 && number <= lines.count ? lines[number - 1] : []
    }

    /// How one line is laid out: its indentation, where its key or item starts, and what follows.
    struct Shape {
        /// Leading spaces (tabs stop the count).
        var indent: Int
        /// 0-based index of the first character after the indentation and any `- ` item marks.
        var start: Int
        /// 0-based index of the key's colon, when the line starts with `key:`.
        var colon: Int?
        /// 0-based index where the value after `key: ` (or after `- `) starts, if there is one.
        var value: Int?
        /// No content: blank, or only a comment.
        var isBlank: Bool
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }

    func shape(_ number: Int) -> Shape {
        let chars = line(number)
        var i = 0
        while i < chars.count, chars[i] == " " { i += 1 }
        let indent = i
        while i < chars.count, Self.isSpace(chars[i]) { i += 1 }
        if i == chars.count || chars[i] == "#" {
            return Shape(indent: indent, start: i, colon: nil, value: nil, isBlank: true)
        }
        // `- ` item marks, perhaps several (`- - a`).
        while i < chars.count, chars[i] == "-", i + 1 == chars.count || Self.isSpace(chars[i + 1]) {
            i += 1
            while i < chars.count, Self.isSpace(chars[i]) { i += 1 }
        }
        let start = i
        var colon: Int?
        var j = start
        if j < chars.count, chars[j] == "\"" || chars[j] == "'" {
            // A quoted key or a quoted value: the colon, if any, follows the closing quote.
            guard let close = Self.closingQuote(chars, from: j) else {
                return Shape(indent: indent, start: start, colon: nil, value: start, isBlank: false)
            }
            j = close + 1
            while j < chars.count, chars[j] == " " { j += 1 }
            if j < chars.count, chars[j] == ":" { colon = j }
        } else if j < chars.count, !"[{|>".unicodeScalars.contains(chars[j]) {
            while j < chars.count {
                if chars[j] == ":", j + 1 == chars.count || Self.isSpace(chars[j + 1]) { colon = j; break }
                if chars[j] == "#", j > start, Self.isSpace(chars[j - 1]) { break }
                j += 1
            }
        }
        guard let colon else {
            return Shape(indent: indent, start: start, colon: nil, value: start < chars.count ? start : nil, isBlank: false)
        }
        var v = colon + 1
        while v < chars.count, Self.isSpace(chars[v]) { v += 1 }
        let hasValue = v < chars.count && chars[v] != "#"
        return Shape(indent: indent, start: start, colon: colon, value: hasValue ? v : nil, isBlank: false)
    }

    /// Calls `body` with each index of a line outside quoted text and comments, until it returns false.
    static func forEachOutsideQuotes(_ chars: [Unicode.Scalar], _ body: (Int) -> Bool) {
        var i = 0
        while i < chars.count {
            let startsToken = i == 0 || " \t[{,:?".unicodeScalars.contains(chars[i - 1])
            if chars[i] == "#", startsToken { return }
            if chars[i] == "\"" || chars[i] == "'", startsToken {
                i = (closingQuote(chars, from: i) ?? chars.count) + 1
                continue
            }
            guard body(i) else { return }
            i += 1
        }
    }

    /// The index of the quote that closes the one at `open`, on the same line.
    static func closingQuote(_ chars: [Unicode.Scalar], from open: Int) -> Int? {
        let quote = chars[open]
        var i = open + 1
        while i < chars.count {
            if quote == "\"", chars[i] == "\\" {
                i += 2
                continue
            }
            if chars[i] == quote {
                if quote == "'", i + 1 < chars.count, chars[i + 1] == "'" {
                    i += 2
                    continue
                }
                return i
            }
            i += 1
        }
        return nil
    }

    /// A mistake found by reading the lines themselves, before the YAML reader's own place for it.
    struct Finding {
        var code: String
        var message: String
        var line: Int
        /// 1-based.
        var column: Int
        var length = 1
        var notes: [String] = []
    }

    /// The first line, up to `last`, with a mistake that a line shows on its own: a tab in the indentation,
    /// a quote never closed, no space after a key's colon or after an item's dash.
    func firstLineMistake(upTo last: Int) -> Finding? {
        var blockIndent: Int?
        for number in 1...max(1, min(last, count)) {
            let chars = line(number)
            let shape = shape(number)
            if let indent = blockIndent {
                if shape.isBlank || shape.indent > indent { continue }
                blockIndent = nil
            }
            if shape.isBlank { continue }
            if let tab = chars.prefix(shape.start).firstIndex(of: "\t") {
                return Finding(code: YAMLCode.tab, message: "this line is indented with a tab; YAML needs spaces here",
                               line: number, column: tab + 1, notes: ["replace the tab with spaces"])
            }
            let start = shape.start
            if start + 1 < chars.count, chars[start] == "-", chars[start + 1].properties.isAlphabetic {
                return Finding(code: YAMLCode.dashSpace, message: "put a space after the '-' that starts a list item",
                               line: number, column: start + 1)
            }
            if shape.colon == nil, let colon = colonWithoutSpace(chars, from: start) {
                return Finding(code: YAMLCode.colonSpace, message: "put a space after the colon",
                               line: number, column: colon + 1)
            }
            if let value = shape.value, chars[value] == "\"" || chars[value] == "'",
               Self.closingQuote(chars, from: value) == nil {
                return Finding(code: YAMLCode.quoteUnclosed, message: "the quote opened here is never closed",
                               line: number, column: value + 1,
                               notes: ["end the text with the same quote mark (\(chars[value])) on this line"])
            }
            if let value = shape.value, chars[value] == "|" || chars[value] == ">" {
                blockIndent = shape.indent
            }
        }
        return nil
    }

    /// `label:Hello`: a word and a colon at the start of the line with no space after it.
    func colonWithoutSpace(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        guard i < chars.count, chars[i].properties.isAlphabetic || chars[i] == "_" else { return nil }
        while i < chars.count, chars[i].properties.isAlphabetic || chars[i].properties.numericType != nil
                || chars[i] == "_" || chars[i] == "-" {
            i += 1
        }
        guard i + 1 < chars.count, chars[i] == ":", !Self.isSpace(chars[i + 1]), chars[i + 1] != "/",
              chars[i + 1] != ":" else { return nil }
        return i
    }

    /// The content line before `number`, skipping blank and comment lines.
    func previousContentLine(before number: Int) -> Int? {
        var n = number - 1
        while n >= 1 {
            if !shape(n).isBlank { return n }
            n -= 1
        }
        return nil
    }

    /// Where keys could line up above `number`: the columns of the keys that are still open, nearest first.
    func openColumns(before number: Int) -> [(line: Int, column: Int)] {
        var result: [(line: Int, column: Int)] = []
        var n = number - 1
        var limit = Int.max
        while n >= 1, limit > 0 {
            let shape = shape(n)
            if !shape.isBlank {
                if shape.start < limit {
                    result.append((n, shape.start))
                    limit = shape.start
                }
                // A list item's dash column is no place for a key, so only keys are offered.
                if shape.indent < limit, shape.indent == shape.start {
                    result.append((n, shape.indent))
                    limit = shape.indent
                }
            }
            n -= 1
        }
        return result
    }
}
