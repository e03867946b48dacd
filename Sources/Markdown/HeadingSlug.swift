/// Stable heading ids: the same heading text always gives the same id, as GitHub and mdBook do.
public enum HeadingSlug {
    /// "Who to ask?" → "who-to-ask"; letters and digits kept, everything else folded into single hyphens.
    public static func slug(_ text: String) -> String {
        text.isAllASCII ? asciiSlug(text) : scalarSlug(text)
    }

    /// `slug` a scalar at a time, for any text.
    static func scalarSlug(_ text: String) -> String {
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

    /// `slug` for ASCII text, a byte at a time: lower-casing ASCII changes only A to Z, and its only
    /// alphabetic scalars are the letters.
    static func asciiSlug(_ text: String) -> String {
        var text = text
        let slug: String = text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { out in
                var length = 0
                var pendingHyphen = false
                for byte in bytes {
                    let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                    if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9")) {
                        if pendingHyphen && length > 0 {
                            out[length] = UInt8(ascii: "-")
                            length += 1
                        }
                        pendingHyphen = false
                        out[length] = lower
                        length += 1
                    } else if lower == UInt8(ascii: " ") || lower == UInt8(ascii: "-") || lower == UInt8(ascii: "_") {
                        pendingHyphen = true
                    }
                }
                return String(decoding: UnsafeBufferPointer(rebasing: out[..<length]), as: UTF8.self)
            }
        }
        return slug.isEmpty ? "section" : slug
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
        // The page's own ids apart from the reserved ones, which are looked in but never copied.
        var used: Set<String> = []
        used.reserveCapacity(texts.count)
        // The last number tried for each base, so that many equal headings take linear time, not quadratic.
        var lastNumber: [String: Int] = [:]
        return texts.map { text in
            let base = slug(text)
            var candidate = base
            var number = lastNumber[base] ?? 1
            if number > 1 { candidate = "\(base)-\(number)" }
            while used.contains(candidate) || reserved.contains(candidate) {
                number += 1
                candidate = "\(base)-\(number)"
            }
            lastNumber[base] = number
            used.insert(candidate)
            return candidate
        }
    }
}
