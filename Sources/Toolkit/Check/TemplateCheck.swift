import Diagnostics
import Foundation
import Markdown

/// What a template override may and may not do, checked before the template engine sees it: tags are
/// closed on the line they open, sections nest at most `maximumDepth` deep, includes name real templates
/// and never lead back to themselves, unescaped output is limited to the variables that hold HTML the
/// generator made, and the template's own HTML runs no script and links only where pages may link.
public enum TemplateCheck {
    public static let maximumDepth = 50
    /// Variables whose values are HTML that doorstep rendered and escaped itself, when the caller names none.
    public static let htmlVariables: Set<String> = ["body", "licenceHTML"]

    /// One Mustache tag as written.
    public struct Tag: Sendable, Equatable {
        /// `parent` is `{{<name}}`: the template this one fills the blocks of, included like a partial.
        public enum Kind: Sendable, Equatable { case variable, unescaped, sectionOpen, sectionClose, partial, parent, comment, delimiters }
        public var kind: Kind
        public var name: String
        public var line: Int
        public var column: Int
    }

    public struct Scan: Sendable {
        public var tags: [Tag] = []
        public var diagnostics: [Diagnostic] = []
        /// The templates this one includes: its partials (`{{> name}}`) and its parent (`{{< name}}`).
        public var partials: [Tag] { tags.filter { $0.kind == .partial || $0.kind == .parent } }
    }

    /// Reads the tags of one template file; stops at the first tag it cannot read, since everything after
    /// it would be misread.
    public static func scan(_ file: SourceFile) -> Scan {
        var result = Scan()
        let scalars = Array(file.text.unicodeScalars)
        var open = Array("{{".unicodeScalars), close = Array("}}".unicodeScalars)
        var index = 0, line = 1, column = 1, depth = 0
        func matches(_ pattern: [Unicode.Scalar], at position: Int) -> Bool {
            position + pattern.count <= scalars.count && Array(scalars[position..<position + pattern.count]) == pattern
        }
        func advance(_ count: Int) {
            for _ in 0..<count where index < scalars.count {
                if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
                index += 1
            }
        }
        func located(_ l: Int, _ c: Int) -> SourceLocation { SourceLocation(file: file.path, line: l, column: c) }
        while index < scalars.count {
            guard matches(open, at: index) else {
                advance(1)
                continue
            }
            let (tagLine, tagColumn) = (line, column)
            var start = index + open.count
            let triple = open == Array("{{".unicodeScalars) && start < scalars.count && scalars[start] == "{"
            if triple { start += 1 }
            let closing = triple ? close + ["}"] : close
            var end = start
            var found = false
            let isComment = start < scalars.count && scalars[start] == "!"
            while end < scalars.count {
                if matches(closing, at: end) { found = true; break }
                if scalars[end] == "\n" && !isComment { break }
                if !isComment && matches(open, at: end) { break }
                end += 1
            }
            guard found else {
                result.diagnostics.append(.error("template-syntax",
                    "this '\(String(String.UnicodeScalarView(open)))' is never closed with '\(String(String.UnicodeScalarView(closing)))' on the same line",
                    at: located(tagLine, tagColumn), length: open.count))
                return result
            }
            let content = String(String.UnicodeScalarView(scalars[start..<end]))
            advance(end + closing.count - index)
            var body = content.trimmingCharacters(in: .whitespaces)
            var kind = Tag.Kind.variable
            if triple { kind = .unescaped } else if let first = body.first {
                switch first {
                case "#", "^", "$": kind = .sectionOpen
                case "<": kind = .parent
                case "/": kind = .sectionClose
                case ">": kind = .partial
                case "&": kind = .unescaped
                case "!": kind = .comment
                case "=": kind = .delimiters
                default: break
                }
                if kind != .variable { body.removeFirst() }
            }
            let name = body.trimmingCharacters(in: .whitespaces)
            if kind == .delimiters {
                let parts = name.dropLast(name.hasSuffix("=") ? 1 : 0).split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count == 2 else {
                    result.diagnostics.append(.error("template-syntax", "a '{{=' tag must give two delimiters, such as {{=<% %>=}}",
                                                     at: located(tagLine, tagColumn)))
                    return result
                }
                open = Array(parts[0].unicodeScalars)
                close = Array(parts[1].unicodeScalars)
            }
            if kind == .sectionOpen || kind == .parent {
                depth += 1
                if depth > maximumDepth {
                    result.diagnostics.append(.error("template-too-deep",
                        "sections are nested more than \(maximumDepth) deep here; a template this deep cannot be rendered safely",
                        at: located(tagLine, tagColumn)))
                    return result
                }
            } else if kind == .sectionClose {
                depth = max(0, depth - 1)
            }
            result.tags.append(Tag(kind: kind, name: name, line: tagLine, column: tagColumn))
        }
        return result
    }

    /// "a, b and c".
    static func names(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }

    /// Script, event handlers, frames and links with refused schemes in a template's own HTML, and
    /// unescaped output of values that are not HTML the generator made.
    public static func safety(_ file: SourceFile, scan: Scan, htmlVariables: Set<String> = htmlVariables) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let literal = file.text
        // Line starts, so that a match's offset becomes a line and column in one step.
        var lineStarts = [0]
        for (position, scalar) in literal.unicodeScalars.enumerated() where scalar == "\n" { lineStarts.append(position + 1) }
        func location(ofOffset offset: Int) -> SourceLocation {
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return SourceLocation(file: file.path, line: low + 1, column: offset - lineStarts[low] + 1)
        }
        func offset(_ range: Range<String.Index>) -> Int { literal.unicodeScalars.distance(from: literal.startIndex, to: range.lowerBound) }
        for tag in scan.tags where tag.kind == .unescaped && !htmlVariables.contains(tag.name) {
            diagnostics.append(.error("template-unescaped",
                "'\(tag.name)' is written without escaping; only \(Self.names(htmlVariables.sorted())) hold HTML, so write {{\(tag.name)}}",
                at: SourceLocation(file: file.path, line: tag.line, column: tag.column),
                notes: ["unescaped text from a page could run script in a reader's browser"]))
        }
        let rules: [(String, String)] = [
            (#"<\s*(iframe|object|embed|base|frame|frameset|applet)\b"#, "a template may not include <%@>: it could load or run content from elsewhere"),
            (#"<\s*meta\b[^>]*http-equiv"#, "a template may not set http-equiv in a <meta> tag"),
            (#"(?<=\s)on[a-z]+\s*="#, "event-handler attributes (onclick=, onload=, …) run script; a template may not have them"),
            (#"<\s*script\b(?![^>]*\ssrc\s*=\s*"\s*\{\{\s*root\s*\}\}assets/)[^>]*>"#, "a template may load script only from the site's own assets, as <script src=\"{{root}}assets/…\">"),
            (#"<\s*script\b[^>]*>[^<\s]"#, "a template may not have script written inside it"),
        ]
        for (pattern, message) in rules {
            guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { continue }
            for match in expression.matches(in: literal, range: NSRange(literal.startIndex..., in: literal)) {
                guard let range = Range(match.range, in: literal) else { continue }
                let element = match.numberOfRanges > 1 ? Range(match.range(at: 1), in: literal).map { String(literal[$0]) } ?? "" : ""
                diagnostics.append(.error("template-unsafe", message.replacingOccurrences(of: "%@", with: element.lowercased()),
                                          at: location(ofOffset: offset(range)), length: match.range.length))
            }
        }
        // URLs written into attributes: the same policy as links in pages.
        if let attribute = try? NSRegularExpression(pattern: #"\s(?:href|src|action|formaction|xlink:href|poster|data)\s*=\s*["']?([^"'\s>]*)"#,
                                                    options: [.caseInsensitive]) {
            for match in attribute.matches(in: literal, range: NSRange(literal.startIndex..., in: literal)) {
                guard let range = Range(match.range(at: 1), in: literal) else { continue }
                let url = String(literal[range])
                if case .refused(let scheme) = URLPolicy.classify(url) {
                    diagnostics.append(.error("link-scheme",
                        "this template links to '\(url)', whose '\(scheme):' scheme is not allowed: \(URLPolicy.allowedList)",
                        at: location(ofOffset: offset(range)), length: max(1, url.count)))
                }
            }
        }
        return diagnostics
    }

    /// A chain of includes that leads back to where it started, as `[a, b, a]`, with the tag that starts it.
    /// `includes` maps each template name to the partials it names (with their tags).
    public static func cycle(in includes: [String: [Tag]]) -> (names: [String], tag: Tag, from: String)? {
        var state: [String: Int] = [:]  // 1: on the current path, 2: done
        var path: [String] = []
        func visit(_ name: String) -> (names: [String], tag: Tag, from: String)? {
            state[name] = 1
            path.append(name)
            defer { path.removeLast(); state[name] = 2 }
            for tag in includes[name] ?? [] {
                let next = tag.name
                if state[next] == 1, let start = path.firstIndex(of: next) {
                    return (Array(path[start...]) + [next], tag, name)
                }
                if state[next] == nil, includes[next] != nil, let found = visit(next) { return found }
            }
            return nil
        }
        for name in includes.keys.sorted() where state[name] == nil {
            if let found = visit(name) { return found }
        }
        return nil
    }
}
