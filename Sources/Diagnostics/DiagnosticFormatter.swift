import Foundation

/// Turns diagnostics into what people and editors read.
public struct DiagnosticFormatter: Sendable {
    public enum Style: String, Sendable, CaseIterable { case text, json }

    /// Gives the text of a file, so that the offending line can be shown under the message.
    public var sourceText: @Sendable (String) -> String?

    public init(sourceText: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.sourceText = sourceText
    }

    /// `path:line:col: error: message`, the source line, a caret under the place, then notes.
    public func text(_ diagnostic: Diagnostic) -> String {
        var lines: [String] = []
        let prefix = diagnostic.location.map { "\($0.description): " } ?? ""
        lines.append("\(prefix)\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]")
        if let location = diagnostic.location, let source = sourceLine(location) {
            lines.append("    " + source)
            let leading = source.prefix(location.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
            let width = max(1, min(diagnostic.length, max(1, source.count - (location.column - 1))))
            lines.append("    " + leading + "^" + String(repeating: "~", count: width - 1))
        }
        lines += diagnostic.notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }

    public func text(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.sortedForDisplay().map(text).joined(separator: "\n")
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

    private func sourceLine(_ location: SourceLocation) -> String? {
        guard let text = sourceText(location.file) else { return nil }
        var lineNumber = 1
        var start = text.startIndex
        while lineNumber < location.line {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            lineNumber += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        return String(text[start..<end]).replacingOccurrences(of: "\r", with: "")
    }
}
