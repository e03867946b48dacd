import Foundation

extension StringProtocol {
    /// True when every byte is ASCII: each byte is then a scalar of its own, and only `\r\n` joins two into one
    /// Character, so a search for any other ASCII byte finds what a search by Character finds.
    /// Read eight bytes at a time where the text lies in one piece of memory (a native string or a slice of
    /// one), byte by byte otherwise.
    @inlinable
    public var isAllASCII: Bool {
        if let answer = utf8.withContiguousStorageIfAvailable({ asciiOnly($0) }) { return answer }
        return utf8.allSatisfy { $0 < 0x80 }
    }
}

/// True when no byte has its top bit set.
@inlinable
public func asciiOnly(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let count = bytes.count
    var offset = 0
    while offset + 8 <= count {
        if UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
        offset += 8
    }
    while offset < count {
        if base[offset] >= 0x80 { return false }
        offset += 1
    }
    return true
}

extension String {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8: the quick test before a
    /// slower pass, without Foundation's search through UTF-16. The C library finds each place the first
    /// byte occurs and compares the rest there.
    public func containsBytes(_ needle: String) -> Bool {
        var text = self
        var needle = needle
        return needle.withUTF8 { wanted in
            guard let first = wanted.first, let wantedBase = wanted.baseAddress else { return true }
            return text.withUTF8 { bytes in
                guard let base = bytes.baseAddress, bytes.count >= wanted.count else { return false }
                let last = bytes.count - wanted.count
                var start = 0
                while start <= last {
                    guard let hit = memchr(base + start, Int32(first), last - start + 1) else { return false }
                    let offset = hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
                    if memcmp(base + offset, wantedBase, wanted.count) == 0 { return true }
                    start = offset + 1
                }
                return false
            }
        }
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

/// The lines of a text as `lines` splits them, found by where each begins; a line's text is made only when
/// asked for. Pipe tables need the lines of a few paragraphs, not every line of the page.
struct LineStarts {
    private let text: String
    /// The text split as `lines` splits it, for a text with a carriage return (where `\r\n` is one Character).
    private let split: [Substring]?
    /// The byte offset at which each line begins, and one past the end of the text.
    private let starts: [Int]

    init(_ text: String) {
        self.text = text
        guard !text.utf8.contains(13) else {
            split = text.lines
            starts = []
            return
        }
        split = nil
        var starts = [0]
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, 10, bytes.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
            starts.append(bytes.count + 1)
        }
        self.starts = starts
    }

    /// How many lines the text has.
    var count: Int { split?.count ?? starts.count - 1 }

    /// Lines `range` (numbered from 0).
    func lines(_ range: Range<Int>) -> [Substring] {
        if let split { return Array(split[range]) }
        let utf8 = text.utf8
        return range.map { number in
            let start = utf8.index(utf8.startIndex, offsetBy: starts[number])
            let end = utf8.index(utf8.startIndex, offsetBy: starts[number + 1] - 1)
            return text[start..<end]
        }
    }
}
