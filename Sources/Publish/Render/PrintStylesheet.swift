import Foundation
import Markdown

/// `assets/print.css`: the theme's stylesheets as a paged-media engine reads them. WeasyPrint knows media
/// types but not media features, so rules for screen widths and colour schemes are left out (they are
/// for screens anyway), `@media print` rules apply directly, and properties that only mean something on
/// a screen are dropped. Packs link this one file, so every warning WeasyPrint gives is a real problem.
enum PrintStylesheet {
    static let screenOnlyProperties: Set<String> = ["overflow-x", "overflow-y", "-webkit-text-size-adjust", "print-color-adjust",
                                                    "-webkit-print-color-adjust", "cursor", "scroll-behavior",
                                                    // SVG paint as CSS: WeasyPrint reads the chart's own fill attributes instead.
                                                    "fill"]

    static func make(_ sheets: [(name: String, css: String)]) -> String {
        var output = "/* Made from the theme's \(sheets.map(\.name).joined(separator: ", ")) for printing packs. */\n"
        for sheet in sheets {
            output += "/* \(sheet.name) */\n" + rules(withoutComments(sheet.css))
        }
        return output
    }

    /// True when every scalar is a Character of its own (but "\r\n", which holds no brace, slash or star): a
    /// search for those bytes then finds what a search by Character finds, though the text is not all ASCII
    /// (the theme's style sheet has "›" and "…").
    static func bytesAreCharacters(_ css: String) -> Bool {
        if css.isAllASCII { return true }
        var pairs = 0
        var previous: UInt8 = 0
        for byte in css.utf8 {
            if byte == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r") { pairs += 1 }
            previous = byte
        }
        return css.unicodeScalars.count - pairs == css.count
    }

    static func withoutComments(_ css: String) -> String {
        if bytesAreCharacters(css) { return asciiWithoutComments(css) }
        var output = ""
        var rest = Substring(css)
        while let start = rest.range(of: "/*") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "*/") else { return output }
            rest = rest[end.upperBound...]
        }
        return output + rest
    }

    /// `withoutComments` for text whose scalars are Characters (see `bytesAreCharacters`), found byte by byte.
    private static func asciiWithoutComments(_ css: String) -> String {
        let bytes = Array(css.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                var end = index + 2
                while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) { end += 1 }
                guard end + 1 < bytes.count else { break }
                index = end + 2
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Which ASCII bytes each set holds, asked of the sets themselves, so trimming ASCII by this table is
    /// `trimmingCharacters(in:)` without Foundation's copy of the text.
    private static let asciiSpaces = (0..<128).map { CharacterSet.whitespaces.contains(Unicode.Scalar(UInt8($0))) }
    private static let asciiSpacesAndNewlines = (0..<128).map { CharacterSet.whitespacesAndNewlines.contains(Unicode.Scalar(UInt8($0))) }

    private static func trimmed(_ text: some StringProtocol, newlines: Bool) -> String {
        guard text.isAllASCII else { return text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces) }
        let table = newlines ? asciiSpacesAndNewlines : asciiSpaces
        let bytes = Array(text.utf8)
        var start = 0, end = bytes.count
        while start < end, table[Int(bytes[start])] { start += 1 }
        while end > start, table[Int(bytes[end - 1])] { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The rules of a block of CSS, with `@media` blocks kept, unwrapped or dropped as above.
    static func rules(_ css: String) -> String {
        var output = ""
        // Where every scalar is a Character, a brace is a byte of its own, and found as one.
        let ascii = bytesAreCharacters(css)
        var index = css.startIndex
        while index < css.endIndex {
            guard let open = ascii ? css.utf8[index...].firstIndex(of: UInt8(ascii: "{")) : css[index...].firstIndex(of: "{") else { break }
            let prelude = trimmed(css[index..<open], newlines: true)
            let close = ascii ? asciiMatchingBrace(css, open: open) : matchingBrace(css, open: open)
            let inner = String(css[css.index(after: open)..<close])
            if prelude.hasPrefix("@media") {
                let query = trimmed(prelude.dropFirst("@media".count), newlines: false)
                if query == "print" {
                    output += rules(inner)
                } else if query == "screen" {
                    output += "@media screen {\n" + rules(inner) + "}\n"
                }
                // Anything with a media feature ("(min-width: …)", "screen and (…)") is for screens only.
            } else if prelude.hasPrefix("@") {
                output += "\(prelude) {\(inner)}\n"
            } else {
                output += "\(prelude) {\(declarations(inner)) }\n"
            }
            index = close < css.endIndex ? css.index(after: close) : close
        }
        return output
    }

    /// The declarations of one rule, less the screen-only ones.
    static func declarations(_ block: String) -> String {
        block.split(separator: ";", omittingEmptySubsequences: true).compactMap { part -> String? in
            let text = trimmed(part, newlines: true)
            guard !text.isEmpty else { return nil }
            let property = text.split(separator: ":", maxSplits: 1).first.map { trimmed($0, newlines: false) } ?? ""
            return screenOnlyProperties.contains(property) ? nil : " \(text);"
        }.joined()
    }

    private static func asciiMatchingBrace(_ css: String, open: String.Index) -> String.Index {
        var depth = 0
        let bytes = css.utf8
        var index = open
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "{") { depth += 1 }
            if bytes[index] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return index }
            }
            index = bytes.index(after: index)
        }
        return css.endIndex
    }

    static func matchingBrace(_ css: String, open: String.Index) -> String.Index {
        var depth = 0
        var index = open
        while index < css.endIndex {
            if css[index] == "{" { depth += 1 }
            if css[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = css.index(after: index)
        }
        return css.endIndex
    }
}
