import Diagnostics
import YAMLSupport
import Yams

/// Reads YAML with every value's position kept, so that schema errors point at the offending node.
public struct YAMLReader: Sendable {
    public var file: String
    /// Lines before the YAML text in its file (front matter and fenced blocks start part-way down).
    public var lineOffset: Int

    public init(file: String, lineOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
    }

    /// The node tree, or a located syntax error, through the YAML layer every reader shares.
    /// `textKeys` name the values that are words for people (titles, summaries), where ` #` is warned of.
    public func compose(_ text: String, textKeys: Set<String> = ["title", "summary"]) -> (Node?, [Diagnostic]) {
        let document = YAMLDocument(text, textKeys: textKeys) { location(line: $0, column: $1) }
        return (document.root, document.diagnostics)
    }

    public func location(of node: Node) -> SourceLocation {
        location(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: column)
    }

    /// A mapping's values by key, with checks that report through `diagnostics`.
    public func mapping(_ node: Node, what: String, diagnostics: inout [Diagnostic]) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error("yaml-type", "\(what) must be a mapping of keys to values", at: location(of: node)))
            return nil
        }
        return YAMLMapping(reader: self, node: node, mapping: mapping, what: what)
    }
}

public struct YAMLMapping {
    public let reader: YAMLReader
    public let node: Node
    let mapping: Node.Mapping
    /// How the mapping is named in messages: "module manifest", "front matter", …
    public let what: String
    /// Misspelt keys read as the allowed key each stands for (allowed key → key as written).
    var corrections: [String: String] = [:]

    public init(reader: YAMLReader, node: Node, mapping: Node.Mapping, what: String) {
        self.reader = reader
        self.node = node
        self.mapping = mapping
        self.what = what
    }

    public var keys: [String] { mapping.keys.compactMap(\.string) }

    /// The value of `key`, or of the misspelt key taken for it.
    public subscript(key: String) -> Node? { value(of: key) ?? corrections[key].flatMap(value(of:)) }

    /// `mapping[key]` as Yams answers it (the last key equal to a node made for `key`), with the text of each
    /// key compared first: Yams makes the node and resolves its tag again for every key it compares.
    private func value(of key: String) -> Node? {
        var wanted: Node?
        var found: Node?
        for (keyNode, value) in mapping where keyNode.scalar?.string == key {
            if wanted == nil { wanted = Node(key, mapping.tag.copy(with: .implicit)) }
            if keyNode == wanted { found = value }
        }
        return found
    }

    public var location: SourceLocation { reader.location(of: node) }

    /// Errors for keys not in `allowed`, each with a did-you-mean where one is close; a misspelt key is
    /// then read as the key it stands for, so that one typo is one error and not also a missing key.
    public mutating func unknownKeys(allowed: [String]) -> [Diagnostic] {
        corrections = Dictionary(KeyTypos.corrections(keys: keys, allowed: allowed).map { ($1, $0) },
                                 uniquingKeysWith: { first, _ in first })
        return mapping.keys.compactMap { keyNode in
            let key = keyNode.string ?? ""
            guard !allowed.contains(key) else { return nil }
            return .error("unknown-key", "unknown key '\(key)' in \(what)", at: reader.location(of: keyNode),
                          length: key.count, notes: Suggestion.note(for: key, in: allowed)
                            + ["allowed keys: \(allowed.joined(separator: ", "))"])
        }
    }

    public func string(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> String? {
        guard let value = self[key] else {
            if required { diagnostics.append(missing(key)) }
            return nil
        }
        guard case .scalar(let scalar) = value else {
            diagnostics.append(.error("yaml-type", "'\(key)' must be text", at: reader.location(of: value)))
            return nil
        }
        // `title:`, `title: ~`, `title: null` and `title: "  "` all leave nothing to show.
        let isNull: Bool
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": isNull = scalar.style == .plain
        default: isNull = false
        }
        if required && (isNull || scalar.string.allSatisfy(\.isWhitespace)) {
            diagnostics.append(.error("value-empty", "'\(key)' must not be empty", at: reader.location(of: value)))
            return nil
        }
        return scalar.string
    }

    public func int(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> Int? {
        guard let value = self[key] else {
            if required { diagnostics.append(missing(key)) }
            return nil
        }
        guard case .scalar(let scalar) = value, let number = Int(scalar.string) else {
            diagnostics.append(.error("yaml-type", "'\(key)' must be a whole number", at: reader.location(of: value)))
            return nil
        }
        return number
    }

    public func bool(_ key: String, diagnostics: inout [Diagnostic]) -> Bool? {
        guard let value = self[key] else { return nil }
        guard let flag = value.bool else {
            diagnostics.append(.error("yaml-type", "'\(key)' must be true or false", at: reader.location(of: value)))
            return nil
        }
        return flag
    }

    /// A list of text values; a single value is accepted as a list of one.
    public func stringList(_ key: String, diagnostics: inout [Diagnostic]) -> [Located<String>]? {
        guard let value = self[key] else { return nil }
        switch value {
        case .scalar(let scalar):
            return scalar.string.isEmpty ? [] : [Located(scalar.string, at: reader.location(of: value))]
        case .sequence(let sequence):
            var items: [Located<String>] = []
            for item in sequence {
                if case .scalar(let scalar) = item {
                    items.append(Located(scalar.string, at: reader.location(of: item)))
                } else {
                    diagnostics.append(.error("yaml-type", "each item of '\(key)' must be text", at: reader.location(of: item)))
                }
            }
            return items
        default:
            diagnostics.append(.error("yaml-type", "'\(key)' must be a list", at: reader.location(of: value)))
            return nil
        }
    }

    public func location(of key: String) -> SourceLocation {
        self[key].map(reader.location(of:)) ?? location
    }

    private func missing(_ key: String) -> Diagnostic {
        .error("key-missing", "\(what) is missing the required key '\(key)'", at: location)
    }
}

/// A value and where it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
