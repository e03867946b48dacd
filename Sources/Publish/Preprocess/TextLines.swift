/// Lines as `split(separator: "\n")` counts them, found by scanning bytes: a line ends at a "\n" that is a
/// character of its own, so not at the "\n" of a "\r\n".
enum TextLines {
    /// The number of lines; an empty text has one.
    static func count(_ text: String) -> Int {
        var count = 1
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") { count += 1 }
            previous = byte
        }
        return count
    }

    /// The first `lines` lines, without the line break after the last of them; the whole text if it has fewer.
    static func prefix(_ text: String, lines: Int) -> Substring {
        guard lines > 0 else { return "" }
        var seen = 0
        var previous: UInt8 = 0
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") {
                seen += 1
                if seen == lines { return text[..<index] }
            }
            previous = byte
            index = utf8.index(after: index)
        }
        return text[...]
    }
}
