import Diagnostics

/// A number as written in the YAML, so outputs print `10` rather than `10.0`.
public struct NumberValue: Sendable, Equatable {
    public var value: Double
    public var text: String
    public var location: SourceLocation?

    public init(value: Double, text: String, location: SourceLocation? = nil) {
        self.value = value
        self.text = text
        self.location = location
    }

    public var isWhole: Bool { value.rounded() == value }
}

/// A warning silenced on one question (or on the survey), with the author's reason.
public struct Allowance: Sendable, Equatable {
    public var code: String
    public var reason: String
    public var location: SourceLocation?

    public init(code: String, reason: String, location: SourceLocation? = nil) {
        self.code = code
        self.reason = reason
        self.location = location
    }
}

/// The UK GDPR Article 9 special categories of personal data.
public enum SpecialCategory: String, Sendable, Equatable, CaseIterable {
    case racialOrEthnicOrigin = "racial_or_ethnic_origin"
    case politicalOpinions = "political_opinions"
    case religiousOrPhilosophicalBeliefs = "religious_or_philosophical_beliefs"
    case tradeUnionMembership = "trade_union_membership"
    case genetic
    case biometric
    case health
    case sexLife = "sex_life"
    case sexualOrientation = "sexual_orientation"
}

/// An added option ("Don't know", …): `true` for the built-in wording, or the author's own label.
public struct SpecialOptionRequest: Sendable, Equatable {
    public var label: LocalizedText?
    public var location: SourceLocation?

    public init(label: LocalizedText? = nil, location: SourceLocation? = nil) {
        self.label = label
        self.location = location
    }
}

public struct Question: Sendable, Equatable {
    public var id: String
    public var type: QuestionType
    public var label: LocalizedText
    public var hint: LocalizedText?
    public var required: Bool
    public var showIf: Condition?
    public var choices: ChoiceSource?
    /// A built-in scale name for `type: scale` (`agree5`, …).
    public var scale: String?
    public var other: SpecialOptionRequest?
    public var dontKnow: SpecialOptionRequest?
    public var preferNotToSay: SpecialOptionRequest?
    public var min: NumberValue?
    public var max: NumberValue?
    public var minLength: NumberValue?
    public var maxLength: NumberValue?
    /// Ruled lines on paper for `text_long`.
    public var lines: Int?
    /// How many options to rank (all when nil).
    public var rank: Int?
    public var minLabel: LocalizedText?
    public var maxLabel: LocalizedText?
    public var constraintMessage: LocalizedText?
    public var specialCategory: SpecialCategory?
    public var allow: [Allowance]
    /// Form logic: a worked-out value, a starting answer, a pattern, a cascade and the "required" message.
    public var calculation: Calculation?
    public var defaultAnswer: DefaultAnswer?
    public var pattern: AnswerPattern?
    /// The earlier question whose answer picks which choices are shown (each choice names its `parent`).
    public var filterBy: String?
    public var filterByLocation: SourceLocation?
    public var requiredMessage: LocalizedText?
    public var rankLocation: SourceLocation?

    public var location: SourceLocation?
    public var idLocation: SourceLocation?
    public var typeLocation: SourceLocation?
    public var requiredLocation: SourceLocation?
    public var scaleLocation: SourceLocation?
    public var specialCategoryLocation: SourceLocation?

    public init(id: String, type: QuestionType, label: LocalizedText) {
        self.id = id
        self.type = type
        self.label = label
        self.required = false
        self.allow = []
    }

    /// The requested extra options, in the order they are always shown.
    public var specialOptions: [(SpecialOption, SpecialOptionRequest)] {
        var result: [(SpecialOption, SpecialOptionRequest)] = []
        if let other { result.append((.other, other)) }
        if let dontKnow { result.append((.dontKnow, dontKnow)) }
        if let preferNotToSay { result.append((.preferNotToSay, preferNotToSay)) }
        return result
    }

    public func allows(_ code: String) -> Bool { allow.contains { $0.code == code } }
}

public struct Section: Sendable, Equatable {
    public var id: String
    public var title: LocalizedText?
    public var description: LocalizedText?
    public var questions: [Question]
    public var location: SourceLocation?
    public var idLocation: SourceLocation?
    /// Made from top-level `questions:`; it has no heading or group of its own.
    public var isImplicit: Bool
    /// Asked once for each member of a group (each person in the household).
    public var repeatRule: RepeatRule?
    /// The heading of each member's block, numbered: "Person" gives "Person 1", "Person 2".
    public var itemLabel: LocalizedText?

    public init(id: String, title: LocalizedText? = nil, description: LocalizedText? = nil, questions: [Question],
                location: SourceLocation? = nil, idLocation: SourceLocation? = nil, isImplicit: Bool = false) {
        self.id = id
        self.title = title
        self.description = description
        self.questions = questions
        self.location = location
        self.idLocation = idLocation
        self.isImplicit = isImplicit
    }
}
