/// Answers the survey engine supplies itself: built-in scales, Yes/No, consent and the added options.
/// Their codes are fixed here; their wording, in every language, comes from the survey's `Wording`.
public enum BuiltInChoices {
    public static let scaleNames = ["agree5", "agree7", "frequency5", "satisfaction5", "likelihood5"]

    /// The codes of each built-in scale, in the order shown.
    public static let scales: [String: [String]] = [
        "agree5": ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree"],
        "agree7": ["strongly_agree", "agree", "somewhat_agree", "neither", "somewhat_disagree", "disagree", "strongly_disagree"],
        "frequency5": ["always", "often", "sometimes", "rarely", "never"],
        "satisfaction5": ["very_satisfied", "fairly_satisfied", "neither", "fairly_dissatisfied", "very_dissatisfied"],
        "likelihood5": ["very_likely", "fairly_likely", "neither", "fairly_unlikely", "very_unlikely"],
    ]

    static let yesNo: [(code: String, key: WordingKey)] = [("yes", .yesNoYes), ("no", .yesNoNo)]

    static let consent: [(code: String, key: WordingKey)] = [("yes", .consentYes), ("no", .consentNo)]

    static let special: [SpecialOption: WordingKey] = [
        .other: .optionOther, .dontKnow: .optionDontKnow, .preferNotToSay: .optionPreferNotToSay,
    ]

    /// The wording keys of a built-in scale's labels, with their codes.
    public static func scaleRows(_ name: String) -> [(code: String, key: String)]? {
        scales[name]?.map { ($0, WordingKey.scale(name, $0)) }
    }

    /// `en-GB` → `en`.
    static func baseCode(_ code: String) -> String { Wording.baseCode(code) }
}
