import Markdown
import Toolkit

/// `{{group.phone}}` and the other `group:` details from `site.yml`, written into pages and surveys.
/// A detail that is not set prints as a blank line to fill in by hand, never as a made-up example.
enum GroupPlaceholders {
    /// One pass over the bytes: whether a placeholder sits inside code is known from the text since the last one.
    static func fill(_ html: String, group: GroupDetails) -> String {
        // Most pages have none: told by the C library's search, before the page is copied into bytes.
        guard html.containsBytes("{{group.") else { return html }
        let bytes = Array(html.utf8)
        let marker = Array("{{group.".utf8)
        guard var next = find(marker, in: bytes, from: 0) else { return html }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var inCode = false
        var position = 0
        while true {
            let segment = bytes[position..<next]
            inCode = Self.codeState(after: segment, was: inCode)
            output += segment
            position = next
            guard let end = find(Array("}}".utf8), in: bytes, from: next + marker.count) else { break }
            let key = String(decoding: bytes[(next + marker.count)..<end], as: UTF8.self)
            let whole = bytes[next..<(end + 2)]
            // Inside code, a placeholder is being shown, not used.
            if inCode {
                output += whole
            } else if let value = group.value(key) {
                output += HTML.escape(value).utf8
            } else if GroupDetails.keys.contains(key) {
                let label = GroupDetails.label(key)
                output += "<span class=\"group-blank\" role=\"img\" aria-label=\"\(label): to fill in\"></span>".utf8
            } else {
                output += whole  // reported by the check stage
            }
            position = end + 2
            guard let found = find(marker, in: bytes, from: position) else { break }
            next = found
        }
        output += bytes[position...]
        return String(decoding: output, as: UTF8.self)
    }

    /// The first place at or after `start` where `needle` occurs.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Whether the text is inside `<code>` after `segment`: the later of its last `<code` and last `</code>` decides.
    static func codeState(after segment: ArraySlice<UInt8>, was: Bool) -> Bool {
        let open = Array("<code".utf8), close = Array("</code>".utf8)
        var index = segment.endIndex - 1
        while index >= segment.startIndex {
            if segment[index] == UInt8(ascii: "<") {
                if segment[index...].starts(with: close) { return false }
                if segment[index...].starts(with: open) { return true }
            }
            index -= 1
        }
        return was
    }
}
