import Diagnostics

/// Checks a decoded survey for errors (it cannot be published) and warnings (`--strict` fails on them).
public enum SurveyValidator {
    public static func validate(_ survey: Survey) -> [Diagnostic] {
        var findings = Findings()
        StructureChecks(survey: survey).run(&findings)
        LanguageChecks(survey: survey).run(&findings)
        ConditionChecks(survey: survey).run(&findings)
        WordingChecks(survey: survey).run(&findings)
        SensitiveDataChecks(survey: survey).run(&findings)
        DesignChecks(survey: survey).run(&findings)
        ConstraintMessageChecks(survey: survey).run(&findings)
        FormLogicChecks(survey: survey).run(&findings)
        return findings.result(for: survey)
    }

    /// Checks that need every survey of the site at once: the same survey id twice.
    public static func validateAcross(_ surveys: [Survey]) -> [Diagnostic] {
        var firstByID: [String: Survey] = [:]
        var diagnostics: [Diagnostic] = []
        for survey in surveys where !survey.id.isEmpty {
            let key = survey.id.lowercased()
            if let first = firstByID[key] {
                let place = first.idLocation?.description ?? first.file
                diagnostics.append(.error("S028", "another survey already has the id '\(first.id)'",
                                          at: survey.idLocation, length: survey.id.count, notes: ["first used at \(place)"]))
            } else {
                firstByID[key] = survey
            }
        }
        return diagnostics
    }
}

/// Findings collected by the checks; a warning remembers its question so that `allow` can silence it.
struct Findings {
    private var items: [(diagnostic: Diagnostic, question: String?)] = []

    mutating func error(_ code: String, _ message: String, at location: SourceLocation?, length: Int = 1, notes: [String] = []) {
        items.append((.error(code, message, at: location, length: length, notes: notes), nil))
    }

    mutating func warning(_ code: String, _ message: String, at location: SourceLocation?, question: Question?,
                          length: Int = 1, notes: [String] = []) {
        items.append((.warning(code, message, at: location, length: length, notes: notes), question?.id))
    }

    func result(for survey: Survey) -> [Diagnostic] {
        let allowedByQuestion = Dictionary(survey.questions.map { ($0.id, Set($0.allow.map(\.code))) },
                                           uniquingKeysWith: { first, _ in first })
        let allowedBySurvey = Set(survey.allow.map(\.code))
        return items.compactMap { item in
            let code = item.diagnostic.code
            guard !item.diagnostic.isError else { return item.diagnostic }
            if allowedBySurvey.contains(code) { return nil }
            if let id = item.question, allowedByQuestion[id]?.contains(code) == true { return nil }
            return item.diagnostic
        }
    }
}

extension Survey {
    /// True when the default language is English (or undeclared), the language the wording checks understand.
    var wordingIsEnglish: Bool {
        guard let code = defaultLanguage else { return true }
        return BuiltInChoices.baseCode(code) == "en"
    }

    /// The English text to lint, when there is one.
    func englishText(_ text: LocalizedText?) -> String? {
        guard let text else { return nil }
        if let entry = text.entries.first(where: { $0.language.map(BuiltInChoices.baseCode) == "en" }) { return entry.text }
        return wordingIsEnglish ? text.text(in: defaultLanguage) : nil
    }

    func index(of questionID: String) -> Int? { questions.firstIndex { $0.id == questionID } }
}
