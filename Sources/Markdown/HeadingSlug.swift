/// Stable heading ids: the same heading text always gives the same id, as GitHub and mdBook do.
public enum HeadingSlug {
    /// "Who to ask?" → "who-to-ask"; letters and digits kept, everything else folded into single hyphens.
    public static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "-" || scalar == "_" || scalar == "\u{2013}" || scalar == "\u{2014}" {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "section" : result
    }

    /// Ids for a page's headings in order, with "-2", "-3" added to repeats so every id is unique.
    public static func uniqueSlugs(_ texts: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return texts.map { text in
            let base = slug(text)
            let count = seen[base, default: 0] + 1
            seen[base] = count
            return count == 1 ? base : "\(base)-\(count)"
        }
    }
}
