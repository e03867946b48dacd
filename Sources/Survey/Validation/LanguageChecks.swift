import Diagnostics

/// Every text must be given in each declared language, and only in those.
struct LanguageChecks {
    let survey: Survey

    func run(_ findings: inout Findings) {
        check(survey.title, key: "title", &findings)
        check(survey.introduction, key: "introduction", &findings)
        check(survey.privacyNotice, key: "privacy_notice", &findings)
        check(survey.contact, key: "contact", &findings)
        for section in survey.sections {
            check(section.title, key: "title", &findings)
            check(section.description, key: "description", &findings)
        }
        for list in survey.choiceLists {
            for choice in list.choices { check(choice.label, key: "label", &findings) }
        }
        for question in survey.questions { checkQuestion(question, &findings) }
        WordingCoverage(survey: survey).run(&findings)
    }

    func checkQuestion(_ question: Question, _ findings: inout Findings) {
        check(question.label, key: "label", &findings)
        check(question.hint, key: "hint", &findings)
        check(question.minLabel, key: "min_label", &findings)
        check(question.maxLabel, key: "max_label", &findings)
        check(question.constraintMessage, key: "constraint_message", &findings)
        if case .inline(let choices, _)? = question.choices {
            for choice in choices { check(choice.label, key: "label", &findings) }
        }
        for (option, request) in question.specialOptions {
            if let label = request.label { check(label, key: option.rawValue, &findings) }
        }
    }

    func check(_ text: LocalizedText?, key: String, _ findings: inout Findings) {
        guard let text else { return }
        let declared = survey.languages
        for entry in text.entries {
            guard let language = entry.language else { continue }
            if !declared.contains(where: { $0.code == language }) {
                let message = declared.isEmpty
                    ? "'\(key)' has text in '\(language)', but the survey declares no 'languages'"
                    : "'\(key)' has text in '\(language)', which is not one of the survey's 'languages'"
                findings.error("S022", message, at: entry.location ?? text.location, length: language.count,
                               notes: Suggestion.note(for: language, in: declared.map(\.code)))
            }
        }
        guard !(declared.count == 1 && text.isPlain) else { return }
        let missing = declared.enumerated().filter { position, language in
            text.exactText(in: language.code, isDefault: position == 0) == nil
        }.map { "'\($0.element.code)' (\($0.element.name))" }
        if !missing.isEmpty {
            findings.error("S021", "'\(key)' has no \(missing.joined(separator: " or ")) text", at: text.location)
        }
    }
}
