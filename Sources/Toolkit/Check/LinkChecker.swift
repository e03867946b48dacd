import Diagnostics
import Foundation
import Markdown

/// Broken links and anchors, located at the link's destination in the source line.
public enum LinkChecker {
    public static func check(_ site: Site, files: [String: String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in site.allPages {
            let lines = (files[page.sourcePath] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            // Callouts hold Markdown of their own, whose lines start below their fence.
            let callouts = page.directives.filter { ["note", "tip", "warning"].contains($0.name) }
            let documents = [(page.document, page.bodyLineOffset)]
                + callouts.map { (MarkdownParser.parse($0.content), $0.contentLineOffset) }
            for (document, offset) in documents {
                document.forEach { node in
                    guard let (destination, span) = node.linkDestination,
                          case .failure(let problem) = site.resolve(link: destination, from: page.sourcePath) else { return }
                    let location = locate(destination, in: lines, from: span.startLine + offset, to: span.endLine + offset,
                                          file: page.sourcePath)
                    if let found = diagnostic(for: problem, destination: destination, at: location, site: site) {
                        diagnostics.append(found)
                    }
                }
            }
        }
        return diagnostics
    }

    static func diagnostic(for problem: LinkProblem, destination: String, at location: SourceLocation, site: Site) -> Diagnostic? {
        let target: String
        switch problem {
        case .missingFile(let path), .notMarkdown(let path), .missingAnchor(let path, _, _): target = path
        case .rootAbsolute:
            return .error("link-absolute",
                "link to '\(destination)' starts with '/': write it relative to this page, for example '../module/page.md'",
                at: location, length: destination.count)
        }
        // The manifest or front matter error already explains why the target is missing.
        guard !site.unreadableFolders.contains(where: { target.hasPrefix($0 + "/") }),
              !site.unreadablePages.contains(target) else { return nil }
        switch problem {
        case .missingFile(let path):
            return .error("link-broken", "link to '\(destination)' points at '\(path)', which is not a page of this site",
                          at: location, length: destination.count, notes: pathSuggestion(for: path, in: site.allSourcePaths))
        case .notMarkdown(let path):
            return .error("link-broken",
                "link to '\(destination)' points at '\(path)', which is neither a page nor a file in a module's assets folder",
                at: location, length: destination.count)
        case .missingAnchor(let page, let anchor, let known):
            return .error("anchor-broken", "'\(page)' has no heading with the id '\(anchor)'",
                          at: location, length: destination.count, notes: Suggestion.note(for: anchor, in: known))
        case .rootAbsolute:
            return nil
        }
    }

    /// A page in the same folder whose name is close to the one written, if there is one.
    static func pathSuggestion(for path: String, in candidates: [String]) -> [String] {
        let folder = ProjectPath.directory(of: path)
        let siblings = candidates.filter { ProjectPath.directory(of: $0) == folder }
        let name = String(path.dropFirst(folder.isEmpty ? 0 : folder.count + 1))
        let names = siblings.map { String($0.dropFirst(folder.isEmpty ? 0 : folder.count + 1)) }
        guard let guess = Suggestion.closest(to: name, in: names) else { return [] }
        return ["did you mean '\(folder.isEmpty ? guess : folder + "/" + guess)'?"]
    }

    /// The column where the destination is written, searching the block's lines; the block start otherwise.
    static func locate(_ destination: String, in lines: [Substring], from start: Int, to end: Int, file: String) -> SourceLocation {
        guard start >= 1 else { return SourceLocation(file: file, line: 1, column: 1) }
        for line in start...max(start, min(end, lines.count)) where line <= lines.count {
            let text = String(lines[line - 1])
            for prefix in ["](", "]: ", "<"] {
                var searchStart = text.startIndex
                while let range = text.range(of: prefix + destination, range: searchStart..<text.endIndex) {
                    // The whole destination, not the start of a longer one.
                    let next = range.upperBound < text.endIndex ? text[range.upperBound] : ")"
                    if ")> \"'".contains(next) {
                        let column = text.distance(from: text.startIndex, to: range.lowerBound) + prefix.count + 1
                        return SourceLocation(file: file, line: line, column: column)
                    }
                    searchStart = range.upperBound
                }
            }
        }
        return SourceLocation(file: file, line: start, column: 1)
    }
}

extension MarkdownNode {
    /// The destination of a link or image, with the span of its block.
    var linkDestination: (String, SourceSpan)? {
        switch self {
        case .link(let destination, _, _, let span), .image(let destination, _, _, let span): return (destination, span)
        default: return nil
        }
    }
}
