import Diagnostics
import Markdown
import Mustache
import Yams

/// A directive a module or site adds without Swift: `directives/<name>.mustache` renders a ` ```<name> `
/// block whose YAML `directives/<name>.yml` describes. The block is checked against the schema; its
/// Markdown fields are rendered and link-checked like the page's own text.
public struct TemplateDirective: Directive {
    public let name: String
    public let schema: DirectiveSchema
    let template: MustacheTemplate

    /// A value read from a block, with the type its schema gives it.
    public indirect enum Value: Sendable, Hashable {
        case text(String)
        case markdown(MarkdownText)
        case number(Int)
        case flag(Bool)
        case list([Value])
        case record([String: Value])
    }

    init(name: String, schema: DirectiveSchema, template: MustacheTemplate) {
        self.name = name
        self.schema = schema
        self.template = template
    }

    public func decode(_ block: DirectiveBlock) -> (Value?, [Diagnostic]) {
        let reader = YAMLReader(file: block.location.file, lineOffset: block.contentLineOffset)
        var diagnostics: [Diagnostic] = []
        let what = "'\(name)' block"
        guard !block.content.allSatisfy(\.isWhitespace) else {
            let required = schema.fields.filter(\.required).map { "'\($0.name)'" }
            return (nil, [.error("directive-empty", "this '\(name)' block is empty",
                                 at: block.location, notes: required.isEmpty ? [] : ["it needs \(required.joined(separator: ", "))"])])
        }
        let (node, syntax) = reader.compose(block.content)
        guard let node else { return (nil, syntax) }
        guard let map = reader.mapping(node, what: what, diagnostics: &diagnostics) else { return (nil, diagnostics) }
        let value = Self.record(map, fields: schema.fields, reader: reader, diagnostics: &diagnostics)
        return (diagnostics.hasErrors ? nil : value, diagnostics)
    }

    static func record(_ map: YAMLMapping, fields: [DirectiveSchema.Field], reader: YAMLReader,
                       diagnostics: inout [Diagnostic]) -> Value {
        var map = map
        diagnostics += map.unknownKeys(allowed: fields.map(\.name))
        var values: [String: Value] = [:]
        for field in fields {
            guard let node = map[field.name] else {
                if field.required {
                    diagnostics.append(.error("key-missing", "\(map.what) is missing the required key '\(field.name)'", at: map.location))
                }
                continue
            }
            if let value = Self.value(node, key: field.name, type: field.type, reader: reader, diagnostics: &diagnostics) {
                values[field.name] = value
            }
        }
        return .record(values)
    }

    static func value(_ node: Node, key: String, type: DirectiveSchema.FieldType, reader: YAMLReader,
                      diagnostics: inout [Diagnostic]) -> Value? {
        func wrong(_ expected: String) -> Value? {
            diagnostics.append(.error("yaml-type", "'\(key)' must be \(expected)", at: reader.location(of: node)))
            return nil
        }
        switch type {
        case .text, .markdown:
            guard case .scalar(let scalar) = node else { return wrong(type == .text ? "text" : "text (Markdown)") }
            guard type == .markdown else { return .text(scalar.string) }
            // A block scalar (| or >) starts on the line below its indicator.
            let line = node.mark?.line ?? 1
            let startsBelow = scalar.style == .literal || scalar.style == .folded
            return .markdown(MarkdownText(scalar.string, lineOffset: reader.lineOffset + (startsBelow ? line : line - 1)))
        case .number:
            guard case .scalar(let scalar) = node, let number = Int(scalar.string) else { return wrong("a whole number") }
            return .number(number)
        case .yesNo:
            guard let flag = node.bool else { return wrong("true or false") }
            return .flag(flag)
        case .list(let item):
            guard case .sequence(let sequence) = node else {
                return wrong("a list: one item on each line, each starting with '- '")
            }
            return .list(sequence.compactMap { value($0, key: "each item of '\(key)'", type: item, reader: reader, diagnostics: &diagnostics) })
        case .records(let fields):
            guard case .sequence(let sequence) = node else {
                return wrong("a list: each item starting with '- ' and holding \(fields.map { "'\($0.name)'" }.joined(separator: ", "))")
            }
            return .list(sequence.compactMap { item in
                guard let map = reader.mapping(item, what: "item of '\(key)'", diagnostics: &diagnostics) else { return nil }
                return record(map, fields: fields, reader: reader, diagnostics: &diagnostics)
            })
        }
    }

    public func markdown(in value: Value, of block: DirectiveBlock) -> [MarkdownText] {
        switch value {
        case .markdown(let text): return [text]
        case .list(let items): return items.flatMap { markdown(in: $0, of: block) }
        case .record(let fields): return fields.sorted { $0.key < $1.key }.flatMap { markdown(in: $0.value, of: block) }
        case .text, .number, .flag: return []
        }
    }

    public func searchText(of value: Value, in block: DirectiveBlock) -> String {
        func words(_ value: Value) -> [String] {
            switch value {
            case .text(let text): return [text]
            case .markdown(let text): return [MarkdownParser.parse(text.text).plainText]
            case .list(let items): return items.flatMap(words)
            case .record(let fields): return schemaOrder(fields).flatMap(words)
            case .number, .flag: return []
            }
        }
        return ([block.argument] + words(value)).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A record's values in the order the schema lists its fields, so search text reads as the block does.
    private func schemaOrder(_ fields: [String: Value]) -> [Value] {
        let order = schema.allFields.map(\.name)
        return fields.sorted { (order.firstIndex(of: $0.key) ?? 0, $0.key) < (order.firstIndex(of: $1.key) ?? 0, $1.key) }.map(\.value)
    }

    public func render(_ value: Value, of block: DirectiveBlock, in context: DirectiveContext) -> String {
        // Every value reaches the template already safe for HTML: text escaped here, Markdown rendered by
        // the page's renderer. The template itself is read as text, so nothing is escaped twice.
        func object(_ value: Value) -> Any {
            switch value {
            case .text(let text): return HTML.escape(text)
            case .markdown(let text): return context.html(text)
            case .number(let number): return number
            case .flag(let flag): return flag
            case .list(let items): return items.map(object)
            case .record(let fields): return fields.mapValues(object)
            }
        }
        var root = (object(value) as? [String: Any]) ?? [:]
        if !block.argument.isEmpty { root["argument"] = HTML.escape(block.argument) }
        return template.render(root)
    }
}
