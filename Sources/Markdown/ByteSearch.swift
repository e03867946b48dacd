extension String {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8: the quick test before a
    /// slower pass, without Foundation's search through UTF-16.
    public func containsBytes(_ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard let first = needle.first else { return true }
        var found = false
        var copy = self
        copy.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return }
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == first {
                    var matched = 1
                    while matched < needle.count, bytes[index + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { found = true; return }
                }
                index += 1
            }
        }
        return found
    }
}

extension String {
    /// The text's lines, split at each "\n", as `split(separator: "\n", omittingEmptySubsequences: false)`
    /// gives them, but found byte by byte rather than Character by Character. The two agree except where a
    /// "\r\n" pair is one Character, so text with a carriage return takes the Character path.
    public var lines: [Substring] {
        guard !utf8.contains(13) else { return split(separator: "\n", omittingEmptySubsequences: false) }
        var result: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 10 {
                result.append(Substring(utf8[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        result.append(Substring(utf8[start..<utf8.endIndex]))
        return result
    }
}
