/// The codes of YAML problems, the same in every file the generator reads: surveys, front matter,
/// module manifests, `site.yml` and session plans.
public enum YAMLCode {
    public static let syntax = "yaml-syntax"
    public static let quoteUnclosed = "yaml-quote-unclosed"
    public static let bracketUnclosed = "yaml-bracket-unclosed"
    public static let textAfterQuote = "yaml-text-after-quote"
    public static let colonSpace = "yaml-colon-space"
    public static let colonMissing = "yaml-colon-missing"
    public static let colonInText = "yaml-colon-in-text"
    public static let dashSpace = "yaml-dash-space"
    public static let indent = "yaml-indent"
    public static let tab = "yaml-tab"
    public static let duplicateKey = "yaml-duplicate-key"
    public static let aliasUnknown = "yaml-alias-unknown"
    public static let aliasLimit = "yaml-alias-limit"
    public static let tooLarge = "yaml-too-large"
    public static let complexKey = "yaml-complex-key"
    public static let commentInText = "yaml-comment-in-text"

    /// Every code with what it means, for documentation.
    public static let all: [(code: String, meaning: String)] = [
        (quoteUnclosed, "a quote opened and never closed on its line"),
        (bracketUnclosed, "a `[` or `{` list never closed"),
        (textAfterQuote, "more text after the closing quote"),
        (colonSpace, "no space after the colon of a key"),
        (colonMissing, "a line with no colon after its key"),
        (colonInText, "a colon and a space inside unquoted text"),
        (dashSpace, "no space after the `-` of a list item"),
        (indent, "a line indented more than the one above, or in line with nothing above it"),
        (tab, "a tab used to indent a line"),
        (duplicateKey, "the same key twice in one map"),
        (aliasUnknown, "an alias (`*name`) with no anchor (`&name`) before it"),
        (aliasLimit, "aliases that stand for more values than a file may hold"),
        (tooLarge, "a file with more values than it may hold"),
        (complexKey, "a key that is a list, a map or an alias, in a file that uses aliases"),
        (commentInText, "warning: a ` #` that cuts unquoted text short"),
        (syntax, "any other YAML mistake"),
    ]
}
