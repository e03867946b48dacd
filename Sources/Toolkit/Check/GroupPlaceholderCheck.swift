import Diagnostics
import Markdown

/// Every `{{group.…}}` in a page or survey names a detail that `site.yml` can hold.
enum GroupPlaceholderCheck {
    static func check(_ files: [String: String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (path, text) in files where path.hasSuffix(".md") || path.hasSuffix(".yml") {
            guard text.containsBytes("{{group.") else { continue }
            for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                var rest = Substring(line)
                while let start = rest.range(of: "{{group.") {
                    let end = rest[start.upperBound...].range(of: "}}")
                    let key = String(rest[start.upperBound..<(end?.lowerBound ?? rest.endIndex)])
                    if end == nil || !GroupDetails.keys.contains(key) {
                        let column = line.distance(from: line.startIndex, to: start.lowerBound) + 1
                        let written = end.map { String(rest[start.lowerBound..<$0.upperBound]) } ?? String(rest[start.lowerBound...])
                        diagnostics.append(.error("group-detail-unknown",
                            end == nil ? "'{{group.' is not closed with '}}'" : "'\(written)' is not a group detail",
                            at: SourceLocation(file: path, line: lineIndex + 1, column: column), length: written.count,
                            notes: Suggestion.note(for: key, in: GroupDetails.keys)
                                + ["group details: \(GroupDetails.keys.map { "{{group.\($0)}}" }.joined(separator: ", ")), set under 'group:' in content/site.yml"]))
                    }
                    rest = end.map { rest[$0.upperBound...] } ?? rest[rest.endIndex...]
                }
            }
        }
        return diagnostics
    }
}
