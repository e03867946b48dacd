import Diagnostics
import Foundation
import Yams
import YAMLSupport

/// Reads one wording table: YAML whose keys are groups (`web`, `paper`, `scale`, …) holding texts, or
/// dotted keys (`web.choose_one`). Every problem is a located diagnostic; a bad entry is left out, so the
/// built-in text (or the validator's "missing" error) stands in for it.
public enum WordingFile {
    /// The language a project file is for: `wording/cy.yml` → `cy`; nil when the name is not a language code.
    public static func language(ofPath path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasSuffix(".yml") else { return nil }
        let code = String(name.dropLast(4))
        return isLanguageCode(code) ? code : nil
    }

    public static func isLanguageCode(_ code: String) -> Bool {
        code.range(of: "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", options: .regularExpression) != nil
    }

    /// Decodes a project's `wording/<language>.yml` into a table that overrides or adds to the built-in ones.
    public static func decodeProjectFile(yaml: String, path: String) -> (wording: Wording, diagnostics: [Diagnostic]) {
        guard let language = language(ofPath: path) else {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return (Wording(), [.error("wording-file-name",
                "'\(name)' is not named after a language code: call it, for example, 'cy.yml' for Welsh or 'pl.yml' for Polish",
                at: SourceLocation(file: path, line: 1, column: 1))])
        }
        let (table, diagnostics) = decode(yaml: yaml, file: path, knownKeys: Wording.allKeys)
        return (Wording(tables: [language: table]), diagnostics)
    }

    /// Decodes a table. With `knownKeys`, an unknown key is an error and a text must keep the `{name}`
    /// placeholders of the English one.
    public static func decode(yaml: String, file: String, knownKeys: Set<String>?) -> (table: [String: Wording.Entry], diagnostics: [Diagnostic]) {
        func locate(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
        func location(_ node: Node) -> SourceLocation? { node.mark.map { locate($0.line, $0.column) } }
        // Syntax mistakes and alias limits are checked by the shared YAML layer, in plain words.
        let document = YAMLDocument(yaml, textKeys: [], locate: locate)
        guard let root = document.root else { return ([:], document.diagnostics) }
        var table: [String: Wording.Entry] = [:]
        var diagnostics: [Diagnostic] = document.diagnostics
        // Iterative walk: a deeply nested file cannot exhaust the stack.
        var pending: [(prefix: String, node: Node)] = [("", root)]
        while let (prefix, node) = pending.popLast() {
            guard let mapping = node.mapping else {
                diagnostics.append(.error("wording-not-text", prefix.isEmpty
                    ? "a wording file must be a map of keys such as 'web' or 'paper', each holding texts"
                    : "'\(prefix)' must hold texts by key, such as 'choose_one: Choose one.'", at: location(node)))
                continue
            }
            for (keyNode, value) in mapping.reversed() {
                guard let name = keyNode.scalar?.string, !name.isEmpty else {
                    diagnostics.append(.error("wording-not-text", "keys in a wording file must be plain words", at: location(keyNode)))
                    continue
                }
                let key = prefix.isEmpty ? name : "\(prefix).\(name)"
                if value.mapping != nil {
                    pending.append((key, value))
                    continue
                }
                if let knownKeys, !knownKeys.contains(key) {
                    let member = knownKeys.filter { $0.hasPrefix(key + ".") }.min()
                    diagnostics.append(.error("wording-unknown-key", member.map {
                        "'\(key)' is a group of texts, not one text: put its entries under it, such as '\($0.dropFirst(key.count + 1)): …'"
                    } ?? "there is no wording called '\(key)'", at: location(keyNode), length: name.count,
                        notes: Suggestion.note(for: key, in: knownKeys)))
                    continue
                }
                guard let scalar = value.scalar else {
                    diagnostics.append(.error("wording-not-text", "'\(key)' must be a text", at: location(value) ?? location(keyNode)))
                    continue
                }
                let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
                // Spaces are kept: "Question {number}: " runs on into the message after it.
                let text = scalar.string
                if text.trimmingCharacters(in: .whitespaces).isEmpty || isNull {
                    diagnostics.append(.error("wording-not-text", "'\(key)' is empty: give its text, or leave the line out to keep Doorstep's own",
                                              at: location(keyNode), length: name.count))
                    continue
                }
                if knownKeys != nil, let english = Wording.builtIn.tables["en"]?[key]?.text {
                    let wanted = Wording.placeholders(english), given = Wording.placeholders(text)
                    if wanted != given {
                        let lacking = wanted.subtracting(given).sorted().map { "{\($0)}" }
                        let extra = given.subtracting(wanted).sorted().map { "{\($0)}" }
                        var parts: [String] = []
                        if !lacking.isEmpty { parts.append("it must contain \(lacking.joined(separator: " and ")), which Doorstep fills in") }
                        if !extra.isEmpty { parts.append("\(extra.joined(separator: " and ")) is not filled in here") }
                        diagnostics.append(.error("wording-placeholder", "'\(key)': \(parts.joined(separator: "; "))",
                                                  at: location(value), notes: ["the English text is: \(english)"]))
                        continue
                    }
                }
                table[key] = Wording.Entry(text, location: location(value))
            }
        }
        return (table, diagnostics)
    }
}
