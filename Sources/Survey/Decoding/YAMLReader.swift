import Diagnostics
import YAMLSupport
import Yams

/// Reads Yams nodes into model values, turning every problem into a located diagnostic.
/// One instance decodes one survey; it is not shared between threads.
final class YAMLReader {
    let file: String
    let lineOffset: Int
    let columnOffset: Int
    var diagnostics: [Diagnostic] = []

    init(file: String, lineOffset: Int, columnOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
    }

    func location(_ node: Node?) -> SourceLocation? {
        guard let mark = node?.mark else { return nil }
        return location(line: mark.line, column: mark.column)
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: column + columnOffset)
    }

    func error(_ code: String, _ message: String, at node: Node?, notes: [String] = []) {
        diagnostics.append(.error(code, message, at: location(node), length: length(of: node), notes: notes))
    }

    func error(_ code: String, _ message: String, at location: SourceLocation?, notes: [String] = []) {
        diagnostics.append(.error(code, message, at: location, notes: notes))
    }

    /// Plain scalars underline their text; quoted ones include the quotes.
    func length(of node: Node?) -> Int {
        guard let scalar = node?.scalar else { return 1 }
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: return scalar.string.count + 2
        case .literal, .folded: return 1
        default: return max(1, scalar.string.count)
        }
    }

    /// A mapping's entries keyed by name, reporting unknown keys with a did-you-mean note.
    func mapping(_ node: Node, allowed: [String], context: String) -> Fields? {
        guard let mapping = node.mapping else { return nil }
        var fields = Fields(node: node)
        // A misspelt key is still read as the key it stands for, so one typo gives one error, not several.
        let typos = KeyTypos.corrections(keys: mapping.keys.compactMap { $0.scalar?.string }, allowed: allowed)
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                error("S004", "keys in \(context) must be plain words", at: key)
                continue
            }
            if allowed.contains(name) {
                fields.values[name] = value
                fields.keys[name] = key
            } else {
                error("S002", "unknown key '\(name)' in \(context)", at: key, notes: Suggestion.note(for: name, in: allowed))
                if let meant = typos[name] {
                    fields.values[meant] = value
                    fields.keys[meant] = key
                }
            }
        }
        return fields
    }

    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Text from a scalar; lists and maps are reported.
    func string(_ node: Node?, key: String) -> String? {
        guard let node, !isNull(node) else { return nil }
        guard let scalar = node.scalar else {
            error("S004", "'\(key)' must be text", at: node)
            return nil
        }
        return scalar.string
    }

    func bool(_ node: Node?, key: String) -> Bool? {
        guard let node, !isNull(node) else { return nil }
        if let scalar = node.scalar, scalar.style == .plain {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        error("S004", "'\(key)' must be true or false", at: node)
        return nil
    }

    /// A number within ±`SurveyLimits.largestNumber`, so that no output has to print or count up to it.
    func number(_ node: Node?, key: String) -> NumberValue? {
        guard let node, !isNull(node) else { return nil }
        if let scalar = node.scalar, scalar.style == .plain, let value = Double(scalar.string), value.isFinite {
            let limit = SurveyLimits.largestNumber
            guard abs(value) <= Double(limit) else {
                error("S024", "'\(key)' must be from -\(limit) to \(limit)", at: node)
                return nil
            }
            return NumberValue(value: value, text: scalar.string, location: location(node))
        }
        error("S004", "'\(key)' must be a number", at: node)
        return nil
    }

    /// A whole number from `minimum` to `maximum`; one too long for `Int` is out of range, not the wrong kind.
    func integer(_ node: Node?, key: String, minimum: Int, maximum: Int = SurveyLimits.largestNumber) -> Int? {
        guard let node, !isNull(node) else { return nil }
        guard let scalar = node.scalar, scalar.style == .plain, Self.isWholeNumber(scalar.string) else {
            error("S004", "'\(key)' must be a whole number", at: node)
            return nil
        }
        let value = Int(scalar.string)
        if let value, value >= minimum, value <= maximum { return value }
        if value.map({ $0 < minimum }) ?? scalar.string.hasPrefix("-") {
            error("S024", "'\(key)' must be at least \(minimum)", at: node)
        } else {
            error("S024", "'\(key)' must be at most \(maximum)", at: node)
        }
        return nil
    }

    /// Digits with an optional sign, as `Int` reads them, however many there are.
    static func isWholeNumber(_ text: String) -> Bool {
        let digits = text.first == "-" || text.first == "+" ? text.unicodeScalars.dropFirst() : text.unicodeScalars[...]
        return !digits.isEmpty && digits.allSatisfy { ("0"..."9").contains($0) }
    }

    /// A plain string, or a map from language code to string.
    func localized(_ node: Node?, key: String) -> LocalizedText? {
        guard let node, !isNull(node) else { return nil }
        if let scalar = node.scalar {
            emptyText(scalar, key: key, at: node)
            return LocalizedText(scalar.string, location: location(node))
        }
        if let mapping = node.mapping {
            var entries: [LocalizedText.Entry] = []
            for (languageNode, textNode) in mapping {
                guard let language = languageNode.scalar?.string, let text = textNode.scalar?.string, !isNull(textNode) else {
                    error("S004", "'\(key)' must map language codes to text", at: textNode)
                    continue
                }
                if let scalar = textNode.scalar { emptyText(scalar, key: "\(key).\(language)", at: textNode) }
                entries.append(.init(language: language, text: text, location: location(languageNode)))
            }
            return LocalizedText(entries: entries, location: location(node))
        }
        error("S004", "'\(key)' must be text or a map of language codes to text", at: node)
        return nil
    }

    /// `label: ""` or `label: "  "` shows nothing to the person answering.
    func emptyText(_ scalar: Node.Scalar, key: String, at node: Node) {
        guard scalar.string.allSatisfy(\.isWhitespace) else { return }
        error("S040", "'\(key)' is empty: write the words people will read", at: node)
    }

    /// YAML 1.1 reads these unquoted words as booleans, so a code written this way may not survive other tools.
    static let booleanWords: Set<String> = ["yes", "no", "on", "off", "true", "false"]

    func isUnquotedBoolean(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return Self.booleanWords.contains(scalar.string.lowercased())
    }
}

/// The known keys of one YAML mapping, with their key nodes for locations.
struct Fields {
    let node: Node
    var values: [String: Node] = [:]
    var keys: [String: Node] = [:]

    subscript(_ key: String) -> Node? { values[key] }

    func has(_ key: String) -> Bool { values[key] != nil }
}
