import Foundation

/// Answer instructions the web form and paper print themselves ("Choose one.", "Tick all that apply").
enum Instructions {
    private static let standard: Set<String> = [
        "tick all that apply", "tick one", "tick one box", "choose one", "choose all that apply", "select all that apply",
    ]

    /// A hint that only repeats the printed instruction is left out, so the reader sees it once.
    static func hint(_ hint: LocalizedText?, language: String?) -> LocalizedText? {
        guard let hint else { return nil }
        let text = hint.text(in: language).lowercased()
            .trimmingCharacters(in: CharacterSet.punctuationCharacters.union(.whitespacesAndNewlines))
        return standard.contains(text) ? nil : hint
    }

    /// True when the introduction already says how long the survey takes, so it is not said twice.
    static func mentionsTime(_ introduction: LocalizedText?, language: String?) -> Bool {
        introduction?.text(in: language).lowercased().contains("minute") ?? false
    }
}
