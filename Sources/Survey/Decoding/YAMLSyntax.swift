import Diagnostics
import Yams

/// YAML syntax errors in words and at their place, shared by every reader of YAML in the generator
/// (surveys, manifests, front matter, session plans).
public enum YAMLSyntax {
    /// A located diagnostic for a YAML error from Yams, with `code`; `locate` maps a line and column of
    /// the YAML text to the file (front matter and fenced blocks start part-way down a page).
    public static func diagnostic(_ error: Error, yaml: String, code: String, lineOffset: Int,
                                  locate: (Int, Int) -> SourceLocation) -> Diagnostic {
        guard let yamlError = error as? YamlError else {
            return .error(code, "YAML syntax error", at: locate(1, 1))
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) (\($0.text) at line \($0.mark.line + lineOffset))" } ?? problem
            return .error(code, "YAML syntax error: \(detail)", at: locate(mark.line, mark.column))
        case let .reader(problem, offset, _, _):
            let (line, column) = lineAndColumn(of: offset ?? 0, in: yaml)
            return .error(code, "YAML syntax error: \(problem)", at: locate(line, column))
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let place = secondOccurrence(of: key, after: context.mark, in: yaml)
            return .error(code, "YAML syntax error: the key '\(key)' appears twice in the same map",
                          at: locate(place.line, place.column), length: key.count)
        default:
            return .error(code, "YAML syntax error: \(yamlError)", at: locate(1, 1))
        }
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
        for character in text.prefix(max(0, offset)) {
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
