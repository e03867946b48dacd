import Foundation

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

    static func withoutComments(_ css: String) -> String {
        var output = ""
        var rest = Substring(css)
        while let start = rest.range(of: "/*") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "*/") else { return output }
            rest = rest[end.upperBound...]
        }
        return output + rest
    }

    /// The rules of a block of CSS, with `@media` blocks kept, unwrapped or dropped as above.
    static func rules(_ css: String) -> String {
        var output = ""
        var index = css.startIndex
        while index < css.endIndex {
            guard let open = css[index...].firstIndex(of: "{") else { break }
            let prelude = css[index..<open].trimmingCharacters(in: .whitespacesAndNewlines)
            let close = matchingBrace(css, open: open)
            let inner = String(css[css.index(after: open)..<close])
            if prelude.hasPrefix("@media") {
                let query = prelude.dropFirst("@media".count).trimmingCharacters(in: .whitespaces)
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
            let text = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return nil }
            let property = text.split(separator: ":", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            return screenOnlyProperties.contains(property) ? nil : " \(text);"
        }.joined()
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
