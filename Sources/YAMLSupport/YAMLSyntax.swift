import Diagnostics
import Yams

/// YAML syntax errors in words a volunteer understands, at the place of the mistake rather than where the
/// YAML reader gave up: the reader's words are kept only as a note.
public enum YAMLSyntax {
    /// A located diagnostic for a YAML error from Yams; `locate` maps a 1-based line and column of the
    /// YAML text to the file (front matter and fenced blocks start part-way down a page).
    public static func diagnostic(_ error: Error, yaml: String, locate: (Int, Int) -> SourceLocation) -> Diagnostic {
        let lines = YAMLLines(yaml)
        // Notes name lines of the file, as the location does: front matter starts part-way down a page.
        let shift = locate(1, 1).line - 1
        func make(_ finding: YAMLLines.Finding, said: String?) -> Diagnostic {
            .error(finding.code, finding.message, at: locate(finding.line, finding.column), length: finding.length,
                   notes: finding.notes + (said.map { ["the YAML reader said: \($0)"] } ?? []))
        }
        guard let yamlError = error as? YamlError else {
            return .error(YAMLCode.syntax, "this YAML cannot be read", at: locate(1, 1))
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let said = context.map { "\(problem) (\($0.text) at line \($0.mark.line + shift))" } ?? problem
            // A mistake that a line shows on its own, at or before the reader's place, is the cause.
            if let finding = lines.firstLineMistake(upTo: mark.line) {
                return make(finding, said: said)
            }
            let finding = explain(problem: problem, context: context, mark: mark, lines: lines, shift: shift)
            return make(finding, said: said)
        case let .reader(problem, offset, _, _):
            let (line, column) = lineAndColumn(of: offset ?? 0, in: yaml)
            return make(.init(code: YAMLCode.syntax, message: "this character cannot be in a YAML file",
                              line: line, column: column, notes: ["remove it or retype the text around it"]),
                        said: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let place = secondOccurrence(of: key, after: context.mark, in: yaml)
            return .error(YAMLCode.duplicateKey, "the key '\(key)' appears twice in the same map",
                          at: locate(place.line, place.column), length: max(1, key.count),
                          notes: ["it is first on line \(context.mark.line + shift); keep one of them"])
        default:
            return .error(YAMLCode.syntax, "this YAML cannot be read", at: locate(1, 1),
                          notes: ["the YAML reader said: \(yamlError)"])
        }
    }

    /// The cause of a reader error that no single line shows, from what the reader was doing and where.
    static func explain(problem: String, context: YamlError.Context?, mark: Mark, lines: YAMLLines,
                        shift: Int) -> YAMLLines.Finding {
        let contextText = context?.text ?? ""
        let line = lines.line(mark.line)
        let shape = lines.shape(mark.line)
        if problem.contains("could not find expected ':'"), let context {
            // The reader notices the missing colon only on the next line; the key is where it started.
            return .init(code: YAMLCode.colonMissing, message: "this line needs a colon after its key, such as 'label: …'",
                         line: context.mark.line, column: context.mark.column)
        }
        if contextText.contains("flow sequence") || contextText.contains("flow mapping"), let context {
            let bracket = contextText.contains("sequence") ? "[" : "{"
            let closing = bracket == "[" ? "]" : "}"
            return .init(code: YAMLCode.bracketUnclosed, message: "the '\(bracket)' opened here is never closed",
                         line: context.mark.line, column: context.mark.column,
                         notes: ["close it with '\(closing)' on the same line, or write one item per line with '- '"])
        }
        if problem.contains("found undefined alias") {
            return .init(code: YAMLCode.aliasUnknown, message: "this alias has no anchor (&name) with its name before it",
                         line: mark.line, column: mark.column)
        }
        if problem.contains("tab") {
            return .init(code: YAMLCode.tab, message: "a tab here breaks the layout; YAML needs spaces",
                         line: mark.line, column: mark.column, notes: ["replace the tab with spaces"])
        }
        let column = mark.column - 1
        let atStart = column <= shape.start
        if problem.contains("mapping values are not allowed") {
            if let previous = lines.previousContentLine(before: mark.line), shape.indent > lines.shape(previous).indent,
               lines.shape(previous).value != nil {
                return .init(code: YAMLCode.indent, message: "this line is indented more than the one above",
                             line: mark.line, column: shape.indent + 1,
                             notes: ["line it up with line \(previous + shift) (\(lines.shape(previous).start) spaces)"])
            }
            return .init(code: YAMLCode.colonInText,
                         message: "a colon followed by a space cannot go in text without quotes",
                         line: mark.line, column: mark.column, notes: ["put the whole text in quotes: \"…\""])
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            if !atStart, column > 0, column <= line.count,
               line[..<column].last(where: { !YAMLLines.isSpace($0) }).map({ $0 == "\"" || $0 == "'" }) == true {
                return .init(code: YAMLCode.textAfterQuote, message: "this text comes after the closing quote",
                             line: mark.line, column: mark.column, notes: ["put all of the text inside the quotes"])
            }
            if atStart {
                let open = lines.openColumns(before: mark.line)
                let choices = open.prefix(3).map { "\($0.column) spaces like line \($0.line + shift)" }
                return .init(code: YAMLCode.indent,
                             message: "this line's indentation (\(shape.indent) spaces) lines up with nothing above it",
                             line: mark.line, column: shape.start + 1,
                             notes: choices.isEmpty ? [] : ["indent it \(choices.joined(separator: ", or "))"])
            }
        }
        return .init(code: YAMLCode.syntax, message: "this YAML cannot be read from here", line: mark.line, column: mark.column)
    }

    /// Yams reports a duplicate key at its first use; the second one, at the same indentation, is the one to fix.
    static func secondOccurrence(of key: String, after mark: Mark, in yaml: String) -> (line: Int, column: Int) {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        var index = mark.line
        while index < lines.count {
            let line = Array(lines[index])
            let column = max(0, mark.column - 1)
            if column < line.count {
                let rest = String(line[column...])
                if rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") {
                    return (index + 1, mark.column)
                }
            }
            index += 1
        }
        return (mark.line, mark.column)
    }

    static func lineAndColumn(of offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for character in text.utf8.prefix(max(0, offset)) {
            if character == UInt8(ascii: "\n") { line += 1; column = 1 } else if character & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}
