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

    /// Ids the default theme gives its own elements, which headings must not take.
    public static let reserved: Set<String> = [
        "main", "toc-title", "module-nav-title", "modules", "modules-title", "contents-title",
        "search-input", "search-hint", "search-status", "search-results",
        "group-guide", "group-session", "group-handout", "group-worksheet", "group-consent-form", "group-template",
        "group-page", "group-packs",
    ]

    /// Ids for a page's headings in order, with "-2", "-3" added where an id is taken, so that every id
    /// is unique ("Intro", "Intro", "Intro 2" → intro, intro-2, intro-2-2).
    public static func uniqueSlugs(_ texts: [String], reserved: Set<String> = reserved) -> [String] {
        var used = reserved
        // The last number tried for each base, so that many equal headings take linear time, not quadratic.
        var lastNumber: [String: Int] = [:]
        return texts.map { text in
            let base = slug(text)
            var candidate = base
            var number = lastNumber[base] ?? 1
            if number > 1 { candidate = "\(base)-\(number)" }
            while used.contains(candidate) {
                number += 1
                candidate = "\(base)-\(number)"
            }
            lastNumber[base] = number
            used.insert(candidate)
            return candidate
        }
    }
}
