import Diagnostics
import Foundation
import Markdown

/// Broken links and anchors, located at the link's destination in the source line.
public enum LinkChecker {
    /// Pages are checked side by side; a page's source lines are split only when one of its links is broken.
    public static func check(_ site: Site, files: [String: String]) -> [Diagnostic] {
        let folders = SiblingIndex(paths: site.allSourcePaths)
        return parallelMap(site.allPages) { page in
            check(page, site: site, text: files[page.sourcePath] ?? "", folders: folders)
        }.flatMap { $0 }
    }

    static func check(_ page: Page, site: Site, text: String, folders: SiblingIndex) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var cursor: Cursor?
        // Directives hold Markdown of their own, whose lines start below their fence.
        let documents = [(page.document, page.bodyLineOffset)]
            + page.directives.flatMap(\.markdown).map { (MarkdownParser.parse($0.text), $0.lineOffset) }
        for (document, offset) in documents {
            cursor = cursor.map { Cursor(lines: $0.lines) }
            document.forEach { node in
                guard let (destination, span) = node.linkDestination,
                      case .failure(let problem) = site.resolve(link: destination, from: page.sourcePath) else { return }
                var found = cursor ?? Cursor(lines: text.split(separator: "\n", omittingEmptySubsequences: false))
                let location = found.locate(destination, from: span.startLine + offset, to: span.endLine + offset,
                                            file: page.sourcePath)
                cursor = found
                if let found = diagnostic(for: problem, destination: destination, at: location, site: site, folders: folders,
                                          from: page.sourcePath) {
                    diagnostics.append(found)
                }
            }
        }
        return diagnostics
    }

    static func diagnostic(for problem: LinkProblem, destination: String, at location: SourceLocation, site: Site,
                           folders: SiblingIndex, from source: String) -> Diagnostic? {
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
        case .missingFile(let path) where site.draftPages.contains(path):
            return .error("link-to-draft", "link to '\(destination)' points at '\(path)', a draft page that this build leaves out",
                          at: location, length: destination.count,
                          notes: ["remove 'draft: true' from that page to publish it, or build with --drafts to see both"])
        case .missingFile(let path):
            return .error("link-broken", "link to '\(destination)' points at '\(path)', which is not a page of this site",
                          at: location, length: destination.count,
                          notes: folders.suggestion(for: path, writtenAs: destination, from: source))
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
struct SiblingIndex: Sendable {
    private var names: [String: [String]] = [:]

    init(paths: [String]) {
        for path in paths {
            let folder = ProjectPath.directory(of: path)
            names[folder, default: []].append(String(path.dropFirst(folder.isEmpty ? 0 : folder.count + 1)))
        }
    }

    /// A page in the same folder whose name is close to the one written, given as the link to write in
    /// the page `source` (the destination with its last part corrected); never the page itself.
    func suggestion(for path: String, writtenAs destination: String, from source: String) -> [String] {
        let folder = ProjectPath.directory(of: path)
        let name = String(path.dropFirst(folder.isEmpty ? 0 : folder.count + 1))
        let candidates = (names[folder] ?? []).filter { (folder.isEmpty ? $0 : folder + "/" + $0) != source }
        guard let guess = Suggestion.closest(to: name, in: candidates) else { return [] }
        return ["did you mean '\(Self.replacingName(in: destination, with: guess))'?"]
    }

    /// "../ethics/consnet.md#who" with "consent.md" → "../ethics/consent.md#who".
    static func replacingName(in destination: String, with name: String) -> String {
        let end = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? destination.endIndex
        let path = destination[..<end]
        let start = path.lastIndex(of: "/").map(path.index(after:)) ?? path.startIndex
        return String(destination[..<start]) + name + String(destination[end...])
    }
}

/// Finds where each link's destination is written. Links are met in document order, so the search for
/// the next one starts where the last one was found, on the line's bytes, and the column is counted on
/// from there: a block with thousands of links takes linear time.
struct Cursor {
    let lines: [Substring]
    private var block: (start: Int, end: Int) = (0, 0)
    private var line = 0
    /// The bytes of `line`, and where in them the search goes on, with the column of that place.
    private var bytes: [UInt8] = []
    private var offset = 0
    private var column = 1

    init(lines: [Substring]) {
        self.lines = lines
    }

    private mutating func enter(_ number: Int) {
        line = number
        bytes = number >= 1 && number <= lines.count ? Array(lines[number - 1].utf8) : []
        offset = 0
        column = 1
    }

    /// The column where the destination is written within lines `start...end`; the block start otherwise.
    mutating func locate(_ destination: String, from start: Int, to end: Int, file: String) -> SourceLocation {
        guard start >= 1, start <= lines.count else { return SourceLocation(file: file, line: max(1, start), column: 1) }
        if block != (start, end) {
            block = (start, end)
            enter(start)
        }
        let last = max(start, min(end, lines.count))
        let saved = (line, bytes, offset, column)
        let needles = ["](", "]: ", "<"].map { (Array(($0 + destination).utf8), $0.utf8.count) }
        let endings = Set(")> \"'".utf8)
        while line <= last {
            // One pass for the three ways a destination is written, stopping at the first: searching for
            // each separately would scan the rest of a long line for the two that are not there.
            var best: (Int, Int)?
            var from = offset
            search: while from < bytes.count {
                for (needle, prefixLength) in needles where bytes[from] == needle[0] && Self.matches(needle, in: bytes, at: from) {
                    let next = from + needle.count
                    if next >= bytes.count || endings.contains(bytes[next]) {
                        best = (from, prefixLength)
                        break search
                    }
                }
                from += 1
            }
            if let (found, prefixLength) = best {
                column += Self.characters(in: bytes, from: offset, to: found + prefixLength)
                let location = SourceLocation(file: file, line: line, column: column)
                let after = found + prefixLength + destination.utf8.count
                column += Self.characters(in: bytes, from: found + prefixLength, to: after)
                offset = after
                return location
            }
            guard line < last else { break }
            enter(line + 1)
        }
        // Not written as it was read (an escape or a character reference): the start of its block. The
        // cursor stays where the last link was found, so the next one is still found after it.
        (line, bytes, offset, column) = saved
        return SourceLocation(file: file, line: start, column: 1)
    }

    static func matches(_ needle: [UInt8], in haystack: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= haystack.count else { return false }
        for offset in 0..<needle.count where haystack[index + offset] != needle[offset] { return false }
        return true
    }

    /// Characters (Unicode scalars) in `bytes[from..<to]`: every byte that does not continue a sequence.
    static func characters(in bytes: [UInt8], from: Int, to: Int) -> Int {
        var count = 0
        for index in from..<min(to, bytes.count) where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
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
