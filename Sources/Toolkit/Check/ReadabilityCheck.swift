import Foundation
import Diagnostics
import Markdown
import Prose

/// The reading level of a page's prose, measured on paragraphs and list items (not code or tables).
public struct PageReadability: Sendable, Hashable {
    public var sourcePath: String
    public var title: String
    public var grade: Double
    public var words: Int
    public var sentences: Int
    public var plainEnglishExpected: Bool
}

public enum ReadabilityCheck {
    /// Flesch–Kincaid grade above which a plain-English page gets a warning (about a reading age of 13).
    public static let gradeLimit = 8.0

    public static func measure(_ page: Page) -> PageReadability? {
        var chunks: [String] = []
        func collect(_ node: MarkdownNode) {
            switch node {
            case .paragraph:
                chunks.append(sentence(node.plainText))
            case .heading, .codeBlock, .table, .htmlBlock, .thematicBreak:
                break
            default:
                node.children.forEach(collect)
            }
        }
        collect(page.document)
        let text = chunks.joined(separator: " ")
        guard let score = Readability.score(text), score.words >= 30 else { return nil }
        return PageReadability(sourcePath: page.sourcePath, title: page.title, grade: score.grade, words: score.words,
                               sentences: score.sentences,
                               plainEnglishExpected: page.frontMatter.audience?.expectsPlainEnglish ?? true)
    }

    /// Pages for professionals are not held to the level, so they are not measured at all; the others were
    /// measured when they were parsed.
    public static func check(_ site: Site) -> [Diagnostic] {
        site.allPages.compactMap { page -> Diagnostic? in
            guard let measured = page.readingLevel, measured.plainEnglishExpected, measured.grade > gradeLimit else { return nil }
            return .warning("readability",
                "reading level is grade \(String(format: "%.1f", measured.grade)) (Flesch–Kincaid); aim for \(Int(gradeLimit)) or below with shorter sentences and everyday words",
                at: SourceLocation(file: measured.sourcePath, line: 1, column: 1),
                notes: ["if the page is written for agency staff, set 'audience: professionals' in its front matter"])
        }
    }

    /// List items often lack a full stop; end each chunk so sentences are not run together.
    static func sentence(_ text: String) -> String {
        let trimmed = trimmingSpace(text)
        guard let last = trimmed.last else { return "" }
        // A lead-in ending in a colon ("One thing I learnt today:") is read as a sentence of its own.
        if last == ":" { return trimmed.dropLast() + "." }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }

    /// The text without white space at either end, as `trimmingCharacters(in: .whitespacesAndNewlines)` gives
    /// it, but found scalar by scalar in Swift instead of through Foundation's copy of the text (every
    /// paragraph of every page passes through here).
    static func trimmingSpace(_ text: String) -> String {
        // Most paragraphs begin and end with a letter or a mark: ASCII that is not white space, told from two bytes.
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
           first != 0x20, !(9...13).contains(first), last != 0x20, !(9...13).contains(last) {
            return text
        }
        let scalars = text.unicodeScalars
        let space = CharacterSet.whitespacesAndNewlines
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || (9...13).contains(scalar.value) : space.contains(scalar)
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}
