/// The kinds of question a survey can ask; the raw value is what authors write after `type:`.
public enum QuestionType: String, Sendable, Equatable, CaseIterable {
    case consent
    case text
    case textLong = "text_long"
    case integer
    case decimal
    case date
    case yesNo = "yes_no"
    case selectOne = "select_one"
    case selectMultiple = "select_multiple"
    case scale
    case rating
    case ranking
    case note
    /// A value worked out from earlier answers; shown on the web, not printed for respondents.
    case calculate

    /// Types whose answer is one or more codes from a list of choices.
    public var hasChoices: Bool { [.consent, .yesNo, .selectOne, .selectMultiple, .scale, .ranking].contains(self) }

    /// Types whose author must supply the choices (the others have built-in ones).
    public var needsChoices: Bool { [.selectOne, .selectMultiple, .ranking].contains(self) }

    public var isNumeric: Bool { [.integer, .decimal, .rating, .calculate].contains(self) }

    /// Exactly one code is stored (radio buttons, "tick one").
    public var isSingleChoice: Bool { [.consent, .yesNo, .selectOne, .scale].contains(self) }

    public var hasAnswer: Bool { self != .note }

    /// Asked of the person (a note is read, a calculation is worked out).
    public var isAsked: Bool { self != .note && self != .calculate }
}

extension QuestionType {
    /// "a" or "an", for messages that name the type.
    var article: String { rawValue.first.map { "aeiou".contains($0) } == true ? "an" : "a" }
}
