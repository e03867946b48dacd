import Diagnostics
import Yams

/// `directives/<name>.yml`: the keys a template directive's block may hold, their types, and which are required.
///
/// ```yaml
/// description: Checks to make before knocking on a door.
/// fields:
///   title: {type: text}
///   checks: {type: list, of: markdown, required: true}
///   steps:
///     type: list
///     fields:
///       time: {type: text, required: true}
///       what: {type: markdown, required: true}
/// ```
public struct DirectiveSchema: Sendable, Hashable {
    public indirect enum FieldType: Sendable, Hashable {
        case text, markdown, number, yesNo
        /// A list of simple values.
        case list(FieldType)
        /// A list of small records, each with fields of its own.
        case records([Field])

        /// How the type is named in a schema and in messages.
        public var label: String {
            switch self {
            case .text: return "text"
            case .markdown: return "markdown"
            case .number: return "number"
            case .yesNo: return "yes-no"
            case .list(let item): return "list of \(item.label)"
            case .records: return "list of records"
            }
        }

        static let simpleNames: [String: FieldType] = ["text": .text, "markdown": .markdown, "number": .number, "yes-no": .yesNo]
        static let names = ["text", "markdown", "number", "yes-no", "list"]
    }

    public struct Field: Sendable, Hashable {
        public var name: String
        public var type: FieldType
        public var required: Bool
        public var location: SourceLocation
    }

    public var description: String?
    public var fields: [Field]
    public var location: SourceLocation

    static let keys = ["description", "fields"]
    static let fieldKeys = ["type", "required", "of", "fields"]

    public static func decode(_ file: SourceFile) -> (DirectiveSchema?, [Diagnostic]) {
        let reader = YAMLReader(file: file.path)
        var diagnostics: [Diagnostic] = []
        let (node, syntax) = reader.compose(file.text)
        diagnostics += syntax
        guard let node, var map = reader.mapping(node, what: "directive schema", diagnostics: &diagnostics) else {
            if syntax.isEmpty {
                diagnostics.append(.error("key-missing", "directive schema is missing the required key 'fields'",
                                          at: reader.location(line: 1, column: 1)))
            }
            return (nil, diagnostics)
        }
        diagnostics += map.unknownKeys(allowed: keys)
        let description = map.string("description", diagnostics: &diagnostics)
        guard let fieldsNode = map["fields"] else {
            diagnostics.append(.error("key-missing", "directive schema is missing the required key 'fields'", at: map.location))
            return (nil, diagnostics)
        }
        guard let fields = decodeFields(fieldsNode, reader: reader, nested: false, diagnostics: &diagnostics) else {
            return (nil, diagnostics)
        }
        return (DirectiveSchema(description: description, fields: fields, location: map.location), diagnostics)
    }

    static func decodeFields(_ node: Node, reader: YAMLReader, nested: Bool, diagnostics: inout [Diagnostic]) -> [Field]? {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error("yaml-type", "'fields' must map each key to its type, such as 'title: {type: text}'",
                                      at: reader.location(of: node)))
            return nil
        }
        var fields: [Field] = []
        var valid = true
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            let location = reader.location(of: keyNode)
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
                diagnostics.append(.error("directive-field-name",
                    "field name '\(name)' may hold only letters, digits and '_', so a template can name it", at: location, length: max(1, name.count)))
                valid = false
                continue
            }
            if name == "argument" {
                diagnostics.append(.error("directive-field-name",
                    "'argument' is the text after the directive's name on the fence line; name this field something else",
                    at: location, length: name.count))
                valid = false
                continue
            }
            guard var spec = reader.mapping(valueNode, what: "field '\(name)'", diagnostics: &diagnostics) else { valid = false; continue }
            diagnostics += spec.unknownKeys(allowed: fieldKeys)
            let required = spec.bool("required", diagnostics: &diagnostics) ?? false
            guard let typeName = spec.string("type", required: true, diagnostics: &diagnostics) else { valid = false; continue }
            let type: FieldType
            if let simple = FieldType.simpleNames[typeName] {
                type = simple
            } else if typeName == "list" {
                if let sub = spec["fields"] {
                    guard !nested else {
                        diagnostics.append(.error("directive-schema-depth",
                            "a record inside a list cannot hold another list of records; keep records one level deep",
                            at: reader.location(of: sub)))
                        valid = false
                        continue
                    }
                    guard let inner = decodeFields(sub, reader: reader, nested: true, diagnostics: &diagnostics) else { valid = false; continue }
                    type = .records(inner)
                } else if let of = spec.string("of", diagnostics: &diagnostics) {
                    guard let item = FieldType.simpleNames[of] else {
                        diagnostics.append(.error("directive-field-type",
                            "'\(of)' is not a type a list can hold: use text, markdown, number or yes-no",
                            at: spec.location(of: "of"), length: of.count, notes: Suggestion.note(for: of, in: FieldType.simpleNames.keys.sorted())))
                        valid = false
                        continue
                    }
                    type = .list(item)
                } else {
                    diagnostics.append(.error("key-missing",
                        "field '\(name)' is a list, so it needs 'of' (the type of each item) or 'fields' (for a list of records)",
                        at: spec.location(of: "type")))
                    valid = false
                    continue
                }
            } else {
                diagnostics.append(.error("directive-field-type",
                    "'\(typeName)' is not a field type: use \(FieldType.names.joined(separator: ", "))",
                    at: spec.location(of: "type"), length: typeName.count, notes: Suggestion.note(for: typeName, in: FieldType.names)))
                valid = false
                continue
            }
            fields.append(Field(name: name, type: type, required: required, location: location))
        }
        if fields.isEmpty && valid {
            diagnostics.append(.error("directive-schema-empty", "'fields' names no fields; a directive needs at least one",
                                      at: reader.location(of: node)))
            return nil
        }
        return valid ? fields : nil
    }

    /// Every field name at any depth, with its type, for checking the template's tags.
    var allFields: [Field] {
        fields.flatMap { field -> [Field] in
            if case .records(let inner) = field.type { return [field] + inner }
            return [field]
        }
    }
}
