import Diagnostics
import Markdown

/// Text that `doorstep init` and `doorstep new` write for the author to replace starts with
/// `Replace this:`. Until it is replaced, each one is a warning at its line and column, so a starter
/// sentence is never published without anyone noticing.
public enum PlaceholderCheck {
    public static let marker = "Replace this:"

    static func check(_ files: [String: String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (path, text) in files where path.hasSuffix(".md") || path.hasSuffix(".yml") {
            guard text.containsBytes(marker) else { continue }
            for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                var rest = Substring(line)
                while let found = rest.range(of: marker) {
                    let column = line.distance(from: line.startIndex, to: found.lowerBound) + 1
                    diagnostics.append(.warning("placeholder-text",
                        "starter text still to be replaced: write your own words in place of '\(marker) …'",
                        at: SourceLocation(file: path, line: lineIndex + 1, column: column), length: marker.count))
                    rest = rest[found.upperBound...]
                }
            }
        }
        return diagnostics
    }
}
