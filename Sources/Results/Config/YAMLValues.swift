import Diagnostics
import Survey
import Yams

/// Reads the small results configuration files (results.yml, population profiles, feedback) with a
/// location for every problem.
struct YAMLValues {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// The file's tree. Every value is read from its text (`number` parses it), never from a type the YAML
    /// library guesses, so its `.basic` resolver serves: `.default` compiles a dozen regular expressions first.
    mutating func root(_ text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch {
            let message = String(describing: error).split(separator: "\n").first.map(String.init) ?? "YAML syntax error"
            diagnostics.append(.error("R060", "'\(file)' is not valid YAML: \(message)", at: SourceLocation(file: file, line: 1, column: 1)))
            return nil
        }
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func error(_ code: String, _ message: String, at node: Node?, notes: [String] = []) {
        diagnostics.append(.error(code, message, at: location(node), length: node?.scalar?.string.count ?? 1, notes: notes))
    }

    mutating func warning(_ code: String, _ message: String, at node: Node?, notes: [String] = []) {
        diagnostics.append(.warning(code, message, at: location(node), length: node?.scalar?.string.count ?? 1, notes: notes))
    }

    /// A mapping's entries in order, with unknown keys reported.
    mutating func mapping(_ node: Node?, allowed: [String]?, what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard let node else { return [] }
        guard let mapping = node.mapping else {
            error("R061", "\(what) must be a list of 'key: value' lines", at: node)
            return []
        }
        var result: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            if let allowed, !allowed.contains(name) {
                error("R062", "unknown key '\(name)' in \(what)", at: key, notes: Suggestion.note(for: name, in: allowed))
                continue
            }
            result.append((name, key, value))
        }
        return result
    }

    mutating func string(_ node: Node?, key: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            error("R061", "'\(key)' must be text", at: node)
            return nil
        }
        return scalar.string
    }

    mutating func number(_ node: Node?, key: String) -> Double? {
        guard let node else { return nil }
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite else {
            error("R061", "'\(key)' must be a number", at: node)
            return nil
        }
        return value
    }

    mutating func strings(_ node: Node?, key: String) -> [String] {
        guard let node else { return [] }
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else {
            error("R061", "'\(key)' must be a list", at: node)
            return []
        }
        return sequence.compactMap { item in
            guard let text = item.scalar?.string else {
                error("R061", "each item of '\(key)' must be text", at: item)
                return nil
            }
            return text
        }
    }

    /// Text in each language: a plain string, or a map of language code to text.
    mutating func text(_ node: Node?, key: String, languages: [String]) -> [String: String]? {
        guard let node else { return nil }
        if let scalar = node.scalar {
            if languages.count > 1 {
                error("R063", "'\(key)' must be given in every language of the survey (\(languages.joined(separator: ", "))), as a map such as '{\(languages[0]): …}'", at: node)
            }
            return Dictionary(uniqueKeysWithValues: (languages.isEmpty ? [""] : languages).map { ($0, scalar.string) })
        }
        var result: [String: String] = [:]
        for (language, keyNode, value) in mapping(node, allowed: nil, what: "'\(key)'") {
            guard let text = value.scalar?.string else {
                error("R061", "the '\(language)' text of '\(key)' must be text", at: value)
                continue
            }
            if !languages.isEmpty, !languages.contains(language) {
                error("R063", "'\(key)' has text in '\(language)', which is not a language of the survey (\(languages.joined(separator: ", ")))", at: keyNode)
            }
            result[language] = text
        }
        for language in languages where result[language] == nil {
            error("R063", "'\(key)' has no text in '\(language)'; every language of the survey needs one", at: node)
        }
        return result
    }
}
