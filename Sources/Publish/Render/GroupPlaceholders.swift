import Markdown
import Toolkit

/// `{{group.phone}}` and the other `group:` details from `site.yml`, written into pages and surveys.
/// A detail that is not set prints as a blank line to fill in by hand, never as a made-up example.
enum GroupPlaceholders {
    static func fill(_ html: String, group: GroupDetails) -> String {
        guard html.contains("{{group.") else { return html }
        var output = ""
        var rest = Substring(html)
        while let start = rest.range(of: "{{group.") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "}}") else { break }
            let key = String(rest[start.upperBound..<end.lowerBound])
            // Inside code, a placeholder is being shown, not used.
            let inCode = (output.range(of: "<code", options: .backwards)?.lowerBound).map { open in
                output.range(of: "</code>", options: .backwards).map { $0.lowerBound < open } ?? true
            } ?? false
            if inCode {
                output += rest[start.lowerBound..<end.upperBound]
            } else if let value = group.value(key) {
                output += HTML.escape(value)
            } else if GroupDetails.keys.contains(key) {
                let label = GroupDetails.label(key)
                output += "<span class=\"group-blank\" role=\"img\" aria-label=\"\(label): to fill in\"></span>"
            } else {
                output += rest[start.lowerBound..<end.upperBound]  // reported by the check stage
            }
            rest = rest[end.upperBound...]
        }
        return output + rest
    }
}
