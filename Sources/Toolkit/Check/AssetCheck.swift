import Diagnostics
import Foundation
import Markdown

/// What a module may ship in `assets/`: files a browser shows or downloads, never pages or scripts that
/// would run with the site's own address. SVG is allowed only without script, event handlers, outside
/// references or links with refused schemes, since a reader can open it as a page of its own.
public enum AssetCheck {
    /// Extensions that would run as a page or a script when opened from the site.
    public static let refusedExtensions: Set<String> = ["html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "cjs", "xml", "xsl", "xslt", "swf", "svgz"]

    public static func check(_ assets: [String: Data]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (path, data) in assets.sorted(by: { $0.key < $1.key }) {
            let location = SourceLocation(file: path, line: 1, column: 1)
            let fileExtension = (path as NSString).pathExtension.lowercased()
            if refusedExtensions.contains(fileExtension) {
                diagnostics.append(.error("asset-refused",
                    "'\(path)' is a .\(fileExtension) file, which a browser would run as a page or a script; modules may not publish them",
                    at: location, notes: ["write pages in Markdown; put pictures, PDFs and documents in assets/"]))
            } else if fileExtension == "svg" {
                diagnostics += svgProblems(path, data)
            }
        }
        return diagnostics
    }

    static func svgProblems(_ path: String, _ data: Data) -> [Diagnostic] {
        guard let text = String(data: data, encoding: .utf8) else {
            return [.error("asset-refused", "'\(path)' is not a UTF-8 SVG file", at: SourceLocation(file: path, line: 1, column: 1))]
        }
        let file = SourceFile(path: path, text: text)
        var diagnostics: [Diagnostic] = []
        let rules: [(String, String)] = [
            (#"<\s*script\b"#, "an SVG picture may not hold script"),
            (#"<\s*(foreignObject|iframe|object|embed|handler|listener)\b"#, "an SVG picture may not hold <%@>"),
            (#"(?<=\s)on[a-z]+\s*="#, "an SVG picture may not have event-handler attributes (onload=, onclick=, …)"),
            (#"<!ENTITY"#, "an SVG picture may not declare entities"),
            (#"(?:href|src)\s*=\s*["']\s*(?:https?:)?//"#, "an SVG picture may not load anything from another site"),
        ]
        let starts = lineStarts(text)
        for (pattern, message) in rules {
            guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { continue }
            for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range, in: text) else { continue }
                let element = match.numberOfRanges > 1 ? Range(match.range(at: 1), in: text).map { String(text[$0]) } ?? "" : ""
                diagnostics.append(.error("asset-unsafe", message.replacingOccurrences(of: "%@", with: element),
                                          at: location(of: range.lowerBound, in: file, starts: starts), length: match.range.length))
            }
        }
        if let attribute = try? NSRegularExpression(pattern: #"(?:href|src)\s*=\s*["']([^"']*)"#, options: [.caseInsensitive]) {
            for match in attribute.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let url = String(text[range])
                if case .refused(let scheme) = URLPolicy.classify(url), !(scheme == "data" && url.lowercased().hasPrefix("data:image/") && !url.lowercased().hasPrefix("data:image/svg")) {
                    diagnostics.append(.error("link-scheme",
                        "this SVG links to '\(url.prefix(60))', whose '\(scheme):' scheme is not allowed: \(URLPolicy.allowedList)",
                        at: location(of: range.lowerBound, in: file, starts: starts), length: max(1, min(url.count, 60))))
                }
            }
        }
        return diagnostics
    }

    private static func lineStarts(_ text: String) -> [String.Index] {
        var starts = [text.startIndex]
        var index = text.startIndex
        while let newline = text[index...].firstIndex(of: "\n") {
            index = text.index(after: newline)
            starts.append(index)
        }
        return starts
    }

    private static func location(of index: String.Index, in file: SourceFile, starts: [String.Index]) -> SourceLocation {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(file: file.path, line: low + 1, column: file.text.distance(from: starts[low], to: index) + 1)
    }
}
