import Diagnostics
import Yams

/// Reads `show_if` maps into a `Condition` tree; checks of meaning (which question, which codes) come later.
struct ConditionDecoder {
    let reader: YAMLReader

    static let operators = Comparison.allCases.map(\.rawValue)

    func condition(_ node: Node) -> Condition? {
        guard let mapping = node.mapping, !mapping.isEmpty else {
            reader.error("S004", "'show_if' must be a map such as {used_park: \"yes\"}", at: node)
            return nil
        }
        var parts: [Condition] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                reader.error("S004", "'show_if' keys must be question ids or 'all', 'any', 'not'", at: keyNode)
                continue
            }
            let location = reader.location(keyNode)
            switch key {
            case "all", "any":
                guard let sequence = valueNode.sequence, !sequence.isEmpty else {
                    reader.error("S004", "'\(key)' must be a list of conditions", at: valueNode)
                    continue
                }
                let children = sequence.compactMap(condition)
                parts.append(Condition(key == "all" ? .all(children) : .any(children), location: location))
            case "not":
                if let child = condition(valueNode) { parts.append(Condition(.not(child), location: location)) }
            default:
                parts.append(contentsOf: tests(question: key, keyNode: keyNode, valueNode: valueNode))
            }
        }
        if parts.count == 1 { return parts[0] }
        return parts.isEmpty ? nil : Condition(.all(parts), location: reader.location(node))
    }

    func tests(question: String, keyNode: Node, valueNode: Node) -> [Condition] {
        let questionLocation = reader.location(keyNode)
        func make(_ comparison: Comparison, _ values: [ConditionValue]) -> Condition {
            Condition(.test(ConditionTest(question: question, questionLocation: questionLocation,
                                          comparison: comparison, values: values)), location: questionLocation)
        }
        if valueNode.scalar != nil {
            return [make(.equals, [value(valueNode)])]
        }
        if let sequence = valueNode.sequence {
            return [make(.oneOf, sequence.map(value))]
        }
        guard let mapping = valueNode.mapping else { return [] }
        var result: [Condition] = []
        for (operatorNode, operandNode) in mapping {
            let name = operatorNode.scalar?.string ?? ""
            guard let comparison = Comparison(rawValue: name) else {
                reader.error("S030", "unknown comparison '\(name)' in 'show_if'", at: operatorNode,
                             notes: Suggestion.note(for: name, in: Self.operators))
                continue
            }
            let values: [ConditionValue]
            if let sequence = operandNode.sequence {
                guard comparison == .oneOf else {
                    reader.error("S004", "'\(name)' takes one value, not a list", at: operandNode)
                    continue
                }
                values = sequence.map(value)
            } else if operandNode.scalar != nil {
                values = [value(operandNode)]
            } else {
                reader.error("S004", "'\(name)' must be followed by a value", at: operandNode)
                continue
            }
            result.append(make(comparison, values))
        }
        return result
    }

    /// Keeps the value as written and notes how YAML would type a plain scalar.
    func value(_ node: Node) -> ConditionValue {
        let location = reader.location(node)
        guard let scalar = node.scalar else {
            reader.error("S004", "a condition value must be a single code, number or true/false", at: node)
            return ConditionValue(text: "", kind: .string, location: location)
        }
        guard scalar.style == .plain else { return ConditionValue(text: scalar.string, kind: .string, location: location) }
        if reader.isUnquotedBoolean(node) {
            return ConditionValue(text: scalar.string, kind: .boolean, location: location, isUnquotedBoolean: true)
        }
        if Double(scalar.string) != nil {
            return ConditionValue(text: scalar.string, kind: .number, location: location)
        }
        return ConditionValue(text: scalar.string, kind: .string, location: location)
    }
}
