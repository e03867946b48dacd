import Foundation

/// Turns diagnostics into what people and editors read.
public struct DiagnosticFormatter: Sendable {
    public enum Style: String, Sendable, CaseIterable { case text, json }

    /// Gives the text of a file, so that the offending line can be shown under the message.
    public var sourceText: @Sendable (String) -> String?
    /// Colours the severity, the caret and notes for a terminal (see `TerminalColour`).
    public var colour: Bool

    public init(sourceText: @escaping @Sendable (String) -> String? = { _ in nil }, colour: Bool = false) {
        self.sourceText = sourceText
        self.colour = colour
    }

    /// `path:line:col: error: message`, the source line, a caret under the place, then notes.
    public func text(_ diagnostic: Diagnostic) -> String {
        var lines = LineIndex(sourceText: sourceText)
        return text(diagnostic, lines: &lines)
    }

    /// Every diagnostic, each file's lines found once, so thousands of findings in one file take linear time.
    public func text(_ diagnostics: [Diagnostic]) -> String {
        var lines = LineIndex(sourceText: sourceText)
        return diagnostics.sortedForDisplay().map { text($0, lines: &lines) }.joined(separator: "\n")
    }

    private func text(_ diagnostic: Diagnostic, lines index: inout LineIndex) -> String {
        var lines: [String] = []
        let prefix = diagnostic.location.map { "\(Self.visible($0.description)): " } ?? ""
        let tone: TerminalColour.Tone = diagnostic.severity == .error ? .error : .warning
        lines.append(TerminalColour.paint(prefix, .bold, enabled: colour && !prefix.isEmpty)
            + TerminalColour.paint("\(diagnostic.severity.rawValue):", tone, enabled: colour)
            + " \(Self.visible(diagnostic.message)) [\(diagnostic.code)]")
        if let location = diagnostic.location, let all = index.characters(location.line, of: location.file) {
            // A very long line (generated or pasted text) is shown as a window around the place.
            var source = String(all.prefix(Self.longestLine))
            var column = location.column
            if all.count > Self.longestLine {
                let start = max(0, min(location.column - 1 - Self.longestLine / 2, all.count - Self.longestLine))
                let end = min(all.count, start + Self.longestLine)
                source = (start > 0 ? "…" : "") + String(all[start..<end]) + (end < all.count ? "…" : "")
                column = location.column - start + (start > 0 ? 1 : 0)
            }
            let location = SourceLocation(file: location.file, line: location.line, column: column)
            let characters = Array(source)
            let before = characters.prefix(max(0, location.column - 1))
            let marked = characters.dropFirst(before.count).prefix(max(1, diagnostic.length))
            lines.append("    " + Self.visible(source))
            let leading = before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: Self.visible(String($0)).count) }.joined()
            let width = max(1, Self.visible(String(marked)).count)
            lines.append("    " + leading + TerminalColour.paint("^" + String(repeating: "~", count: width - 1), tone, enabled: colour))
        }
        lines += diagnostic.notes.map { TerminalColour.paint("note:", .note, enabled: colour) + " \(Self.visible($0))" }
        return lines.joined(separator: "\n")
    }

    /// Characters of a source line shown under a message; longer lines are cut to a window this wide.
    static let longestLine = 160

    /// Control characters from a source file (ESC, NUL, carriage returns, …) shown as `\u{1B}`, so that
    /// echoing a line never drives the terminal; tabs are kept.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            || scalar.value == 0x2028 || scalar.value == 0x2029 || (0x202A...0x202E).contains(scalar.value)
            || (0x2066...0x2069).contains(scalar.value))
    }

    public func json(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(diagnostics.sortedForDisplay())) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// "2 errors, 1 warning" — the closing line of a run.
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(diagnostics.errorCount, "error")), \(plural(diagnostics.warningCount, "warning"))"
    }

}

/// The lines of each file, split once and kept for the run.
struct LineIndex {
    let sourceText: (String) -> String?
    private var files: [String: [Substring]] = [:]

    init(sourceText: @escaping (String) -> String?) {
        self.sourceText = sourceText
    }

    /// The characters of the last line asked for, kept: findings are sorted, so many on one long line
    /// are formatted without splitting it again for each.
    private var lastCharacters: (file: String, line: Int, characters: [Character])?

    mutating func characters(_ number: Int, of file: String) -> [Character]? {
        if let last = lastCharacters, last.file == file, last.line == number { return last.characters }
        guard let text = line(number, of: file) else { return nil }
        let characters = Array(text)
        lastCharacters = (file, number, characters)
        return characters
    }

    mutating func line(_ number: Int, of file: String) -> String? {
        if files[file] == nil {
            guard let text = sourceText(file) else { return nil }
            files[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = files[file], number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1]).replacingOccurrences(of: "\r", with: "")
    }
}
