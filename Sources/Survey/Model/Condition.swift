import Diagnostics

/// Skip logic: when a question is asked. Built from `show_if` as a tree, never as free text.
public struct Condition: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        case test(ConditionTest)
        case all([Condition])
        case any([Condition])
        case not(Condition)
    }

    public var kind: Kind
    public var location: SourceLocation?

    public init(_ kind: Kind, location: SourceLocation? = nil) {
        self.kind = kind
        self.location = location
    }

    /// Every test in the tree, in the order written.
    public var tests: [ConditionTest] {
        switch kind {
        case .test(let test): [test]
        case .all(let conditions), .any(let conditions): conditions.flatMap(\.tests)
        case .not(let condition): condition.tests
        }
    }
}

/// One comparison of an earlier answer, such as `{visits: {at_least: 2}}`.
public struct ConditionTest: Sendable, Equatable {
    public var question: String
    public var questionLocation: SourceLocation?
    public var comparison: Comparison
    public var values: [ConditionValue]

    public init(question: String, questionLocation: SourceLocation? = nil, comparison: Comparison, values: [ConditionValue]) {
        self.question = question
        self.questionLocation = questionLocation
        self.comparison = comparison
        self.values = values
    }
}

public enum Comparison: String, Sendable, Equatable, CaseIterable {
    case equals
    case notEquals = "not_equals"
    case oneOf = "one_of"
    case atLeast = "at_least"
    case atMost = "at_most"
    case moreThan = "more_than"
    case lessThan = "less_than"
    case answered

    public var isNumeric: Bool { [.atLeast, .atMost, .moreThan, .lessThan].contains(self) }
}

/// A value in a condition, kept as written so that codes stay strings and numbers stay numbers.
public struct ConditionValue: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case string, number, boolean }

    public var text: String
    public var kind: Kind
    public var location: SourceLocation?
    /// An unquoted `yes`/`no`/`on`/`off`/`true`/`false`, which YAML 1.1 reads as a boolean.
    public var isUnquotedBoolean: Bool

    public init(text: String, kind: Kind, location: SourceLocation? = nil, isUnquotedBoolean: Bool = false) {
        self.text = text
        self.kind = kind
        self.location = location
        self.isUnquotedBoolean = isUnquotedBoolean
    }

    public var number: Double? { kind == .number ? Double(text) : nil }
}
