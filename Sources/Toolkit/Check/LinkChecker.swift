import Diagnostics
import Foundation
import Markdown

/// Broken links and anchors, located at the link's destination in the source line.
public enum LinkChecker {
    public static func check(_ site: Site, files: [String: String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let folders = SiblingIndex(paths: site.allSourcePaths)
        for page in site.allPages {
            let lines = (files[page.sourcePath] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            // Callouts hold Markdown of their own, whose lines start below their fence.
            let callouts = page.directives.filter { ["note", "tip", "warning"].contains($0.name) }
            let documents = [(page.document, page.bodyLineOffset)]
                + callouts.map { (MarkdownParser.parse($0.content), $0.contentLineOffset) }
            for (document, offset) in documents {
                var cursor = Cursor(lines: lines)
                document.forEach { node in
                    guard let (destination, span) = node.linkDestination,
                          case .failure(let problem) = site.resolve(link: destination, from: page.sourcePath) else { return }
                    let location = cursor.locate(destination, from: span.startLine + offset, to: span.endLine + offset,
                                                 file: page.sourcePath)
                    if let found = diagnostic(for: problem, destination: destination, at: location, site: site, folders: folders) {
                        diagnostics.append(found)
                    }
                }
            }
        }
        return diagnostics
    }

    static func diagnostic(for problem: LinkProblem, destination: String, at location: SourceLocation, site: Site,
                           folders: SiblingIndex) -> Diagnostic? {
        let target: String
        switch problem {
        case .missingFile(let path), .notMarkdown(let path), .missingAnchor(let path, _, _): target = path
        case .refusedScheme(let scheme):
            return .error("link-scheme",
                "link to '\(destination)' uses the '\(scheme):' scheme, which is not allowed: \(URLPolicy.allowedList)",
                at: location, length: destination.count,
                notes: ["a link's target must never run code in the reader's browser or open a file on their computer"])
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
                          at: location, length: destination.count, notes: folders.suggestion(for: path))
        case .notMarkdown(let path):
            return .error("link-broken",
                "link to '\(destination)' points at '\(path)', which is neither a page nor a file in a module's assets folder",
                at: location, length: destination.count)
        case .missingAnchor(let page, let anchor, let known):
            return .error("anchor-broken", "'\(page)' has no heading with the id '\(anchor)'",
                          at: location, length: destination.count, notes: Suggestion.note(for: anchor, in: known))
        case .rootAbsolute, .refusedScheme:
            return nil
        }
    }

}

/// Pages by folder, built once per check, for did-you-mean on broken links.
struct SiblingIndex {
    private var names: [String: [String]] = [:]

    init(paths: [String]) {
        for path in paths {
            let folder = ProjectPath.directory(of: path)
            names[folder, default: []].append(String(path.dropFirst(folder.isEmpty ? 0 : folder.count + 1)))
        }
    }

    /// A page in the same folder whose name is close to the one written, if there is one.
    func suggestion(for path: String) -> [String] {
        let folder = ProjectPath.directory(of: path)
        let name = String(path.dropFirst(folder.isEmpty ? 0 : folder.count + 1))
        guard let guess = Suggestion.closest(to: name, in: names[folder] ?? []) else { return [] }
        return ["did you mean '\(folder.isEmpty ? guess : folder + "/" + guess)'?"]
    }
}

/// Finds where each link's destination is written. Links are met in document order, so the search for
/// the next one starts where the last one was found: a block with thousands of links takes linear time.
struct Cursor {
    let lines: [Substring]
    private var block: (start: Int, end: Int) = (0, 0)
    private var line = 0
    private var position: String.Index?

    init(lines: [Substring]) {
        self.lines = lines
    }

    /// The column where the destination is written within lines `start...end`; the block start otherwise.
    mutating func locate(_ destination: String, from start: Int, to end: Int, file: String) -> SourceLocation {
        guard start >= 1, start <= lines.count else { return SourceLocation(file: file, line: max(1, start), column: 1) }
        if block != (start, end) {
            block = (start, end)
            line = start
            position = nil
        }
        let last = max(start, min(end, lines.count))
        let saved = (line, position)
        while line <= last {
            let text = lines[line - 1]
            var best: (Range<String.Index>, Int)?
            for prefix in ["](", "]: ", "<"] {
                var searchStart = position ?? text.startIndex
                while let range = text.range(of: prefix + destination, range: searchStart..<text.endIndex) {
                    // The whole destination, not the start of a longer one.
                    let next = range.upperBound < text.endIndex ? text[range.upperBound] : ")"
                    if ")> \"'".contains(next) {
                        if best == nil || range.lowerBound < best!.0.lowerBound { best = (range, prefix.count) }
                        break
                    }
                    searchStart = range.upperBound
                }
            }
            if let (range, prefixLength) = best {
                position = range.upperBound
                let column = text.distance(from: text.startIndex, to: range.lowerBound) + prefixLength + 1
                return SourceLocation(file: file, line: line, column: column)
            }
            line += 1
            position = nil
        }
        // Not written as it was read (an escape or a character reference): the start of its block. The
        // cursor stays where the last link was found, so the next one is still found after it.
        (line, position) = saved
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
