import Foundation
import Diagnostics
import Markdown

/// Broken links and anchors, located at the link's destination in the source line.
public enum LinkChecker {
    public static func check(_ site: Site, files: [String: String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in site.allPages {
            let lines = (files[page.sourcePath] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            visitLinks(in: page.document, lineOffset: page.bodyLineOffset) { destination, span, offset in
                guard case .failure(let problem) = site.resolve(link: destination, from: page.sourcePath) else { return }
                let location = locate(destination, in: lines, from: span.startLine + offset, to: span.endLine + offset,
                                      file: page.sourcePath)
                diagnostics += [diagnostic(for: problem, destination: destination, at: location, site: site)].compactMap { $0 }
            }
            for block in page.directives where block.name == "note" || block.name == "tip" || block.name == "warning" {
                visitLinks(in: MarkdownParser.parse(block.content), lineOffset: block.contentLineOffset) { destination, span, offset in
                    guard case .failure(let problem) = site.resolve(link: destination, from: page.sourcePath) else { return }
                    let location = locate(destination, in: lines, from: span.startLine + offset, to: span.endLine + offset,
                                          file: page.sourcePath)
                    diagnostics += [diagnostic(for: problem, destination: destination, at: location, site: site)].compactMap { $0 }
                }
            }
        }
        return diagnostics
    }

    static func visitLinks(in document: MarkdownNode, lineOffset: Int, _ body: (String, SourceSpan, Int) -> Void) {
        document.forEach { node in
            switch node {
            case .link(let destination, _, _, let span), .image(let destination, _, _, let span):
                body(destination, span, lineOffset)
            default:
                break
            }
        }
    }

    static func diagnostic(for problem: LinkProblem, destination: String, at location: SourceLocation, site: Site) -> Diagnostic? {
        let target: String
        switch problem {
        case .missingFile(let path), .notMarkdown(let path), .missingAnchor(let path, _, _): target = path
        }
        // The module's manifest error already explains why its pages are missing.
        guard !site.unreadableFolders.contains(where: { target.hasPrefix($0 + "/") }) else { return nil }
        switch problem {
        case .missingFile(let path):
            let guess = Suggestion.closest(to: path, in: site.allSourcePaths)
            return .error("link-broken", "link to '\(destination)' points at '\(path)', which is not a page of this site",
                          at: location, length: destination.count, notes: guess.map { ["did you mean '\($0)'?"] } ?? [])
        case .notMarkdown(let path):
            return .error("link-broken",
                "link to '\(destination)' points at '\(path)', which is neither a page nor a file in a module's assets folder",
                at: location, length: destination.count)
        case .missingAnchor(let page, let anchor, let known):
            return .error("anchor-broken", "'\(page)' has no heading with the id '\(anchor)'",
                          at: location, length: destination.count, notes: Suggestion.note(for: anchor, in: known))
        }
    }

    /// The column where the destination is written, searching the block's lines; the block start otherwise.
    static func locate(_ destination: String, in lines: [Substring], from start: Int, to end: Int, file: String) -> SourceLocation {
        guard start >= 1 else { return SourceLocation(file: file, line: 1, column: 1) }
        for line in start...max(start, min(end, lines.count)) where line <= lines.count {
            let text = String(lines[line - 1])
            for prefix in ["](", "]: ", "<"] {
                if let range = text.range(of: prefix + destination) {
                    let column = text.distance(from: text.startIndex, to: range.lowerBound) + prefix.count + 1
                    return SourceLocation(file: file, line: line, column: column)
                }
            }
        }
        return SourceLocation(file: file, line: start, column: 1)
    }
}
