import Diagnostics

/// One answer option: `code` is what is stored, `entry` the number typed in from paper.
public struct Choice: Sendable, Equatable {
    public var code: String
    public var label: LocalizedText
    public var entry: Int?
    public var location: SourceLocation?
    public var codeLocation: SourceLocation?
    public var entryLocation: SourceLocation?
    /// The code was an unquoted YAML boolean (`yes`, `no`, `on`, `off`, `true`, `false`), which YAML 1.1 reads as true/false.
    public var codeIsUnquotedBoolean: Bool
    /// Marks the added "Other", "Don't know" and "Prefer not to say" options.
    public var special: SpecialOption?
    /// In a cascade, the code of the earlier answer this choice belongs to (the ward of a street).
    public var parent: String?
    public var parentLocation: SourceLocation?

    public init(
        code: String, label: LocalizedText, entry: Int? = nil, location: SourceLocation? = nil,
        codeLocation: SourceLocation? = nil, entryLocation: SourceLocation? = nil,
        codeIsUnquotedBoolean: Bool = false, special: SpecialOption? = nil
    ) {
        self.code = code
        self.label = label
        self.entry = entry
        self.location = location
        self.codeLocation = codeLocation
        self.entryLocation = entryLocation
        self.codeIsUnquotedBoolean = codeIsUnquotedBoolean
        self.special = special
    }
}

/// Options the survey adds on request, always after the written choices and in this order.
public enum SpecialOption: String, Sendable, Equatable, CaseIterable {
    case other
    case dontKnow = "dont_know"
    case preferNotToSay = "prefer_not_to_say"

    /// The stored code.
    public var code: String { rawValue }

    /// Paper entry numbers kept clear of ordinary positions, as survey offices conventionally do.
    public var entry: Int {
        switch self {
        case .other: 96
        case .dontKnow: 98
        case .preferNotToSay: 99
        }
    }
}

/// A named list of choices shared by several questions.
public struct ChoiceList: Sendable, Equatable {
    public var name: String
    public var choices: [Choice]
    public var location: SourceLocation?

    public init(name: String, choices: [Choice], location: SourceLocation? = nil) {
        self.name = name
        self.choices = choices
        self.location = location
    }
}

/// Where a question's options come from.
public enum ChoiceSource: Sendable, Equatable {
    /// A shared list named in the survey's `choices`.
    case list(name: String, location: SourceLocation?)
    case inline([Choice], location: SourceLocation?)
}
