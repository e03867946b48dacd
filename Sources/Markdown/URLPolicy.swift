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
    public static func scheme(of url: String) -> String? {
        var scheme = ""
        var started = false
        for scalar in url.unicodeScalars {
            let value = scalar.value
            if value == 0x09 || value == 0x0A || value == 0x0D { continue }
            if !started && value <= 0x20 { continue }
            started = true
            if scalar == ":" { return scheme.isEmpty ? nil : scheme }
            let isLetter = (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
            let isDigit = (0x30...0x39).contains(value)
            if isLetter || (!scheme.isEmpty && (isDigit || scalar == "+" || scalar == "-" || scalar == ".")) {
                scheme.unicodeScalars.append(isLetter ? Unicode.Scalar(value | 0x20)! : scalar)
            } else {
                return nil
            }
        }
        return nil
    }

    /// "links may be relative or use http, https, mailto or tel".
    public static var allowedList: String {
        "links may be relative, or use " + allowedSchemes.dropLast().joined(separator: ", ") + " or " + allowedSchemes.last!
    }
}
