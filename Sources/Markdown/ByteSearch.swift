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
