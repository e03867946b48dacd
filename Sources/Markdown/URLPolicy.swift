/// The one rule for every URL that reaches a page's HTML: relative links, fragments and the schemes in
/// `allowedSchemes`; anything else (`javascript:`, `vbscript:`, `data:`, `file:`, …) is refused.
///
/// The scheme is read the way a browser reads it (the WHATWG URL standard): leading and trailing spaces
/// and control characters are dropped, tabs and line breaks anywhere are ignored, and the scheme is
/// compared without regard to case. Character references (`&#115;`, `&colon;`) have already been decoded
/// by libcmark, so `jav&#x61;script:` is seen as `javascript:`.
public enum URLPolicy {
    public static let allowedSchemes: [String] = ["http", "https", "mailto", "tel"]

    public enum Verdict: Equatable, Sendable {
        /// No scheme: a path, a `?query`, a `#fragment` or a `//host` address.
        case relative
        case allowed(scheme: String)
        case refused(scheme: String)

        public var isRefused: Bool {
            if case .refused = self { return true }
            return false
        }
    }

    public static func classify(_ url: String) -> Verdict {
        guard let scheme = scheme(of: url) else { return .relative }
        return allowedSchemes.contains(scheme) ? .allowed(scheme: scheme) : .refused(scheme: scheme)
    }

    /// The lower-cased scheme a browser would see, or nil for a relative URL.
    /// Read byte by byte: every byte a scheme may hold, and every byte skipped before it, is ASCII, so the first
    /// byte of any other character ends the search as its scalar would.
    public static func scheme(of url: String) -> String? {
        var url = url
        return url.withUTF8 { bytes -> String? in
            // Read once to find whether there is a scheme at all (most links have none), then again to write it.
            func read(into scheme: inout [UInt8]?) -> Bool {
                var length = 0
                var started = false
                for byte in bytes {
                    if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                    if !started && byte <= 0x20 { continue }
                    started = true
                    if byte == UInt8(ascii: ":") { return length > 0 }
                    let isLetter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    let isDigit = (0x30...0x39).contains(byte)
                    guard isLetter || (length > 0 && (isDigit || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."))) else {
                        return false
                    }
                    scheme?.append(isLetter ? byte | 0x20 : byte)
                    length += 1
                }
                return false
            }
            var none: [UInt8]? = nil
            guard read(into: &none) else { return nil }
            var scheme: [UInt8]? = []
            _ = read(into: &scheme)
            return scheme.map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// "links may be relative or use http, https, mailto or tel".
    public static var allowedList: String {
        "links may be relative, or use " + allowedSchemes.dropLast().joined(separator: ", ") + " or " + allowedSchemes.last!
    }
}
