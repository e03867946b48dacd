import Foundation

/// The survey as an XLSForm workbook (survey, choices and settings sheets) for KoboToolbox and ODK Central.
public enum XLSForm {
    /// The three sheets as rows of cells, header row first.
    public struct Sheets: Sendable, Equatable {
        public var survey: [[String]]
        public var choices: [[String]]
        public var settings: [[String]]
    }

    public static func xlsx(_ survey: Survey) throws -> Data {
        let sheets = sheets(survey)
        return try XLSXWriter.workbook([("survey", sheets.survey), ("choices", sheets.choices), ("settings", sheets.settings)])
    }

    public static func sheets(_ survey: Survey) -> Sheets {
        var builder = Builder(survey: survey)
        builder.build()
        return Sheets(survey: builder.surveyRows, choices: builder.choiceRows, settings: builder.settingsRows)
    }

    /// The header of a text column: `label` alone, or `label::English (en)` for each declared language.
    static func columns(_ name: String, _ survey: Survey) -> [String] {
        survey.languages.isEmpty ? [name] : survey.languages.map { "\(name)::\($0.xlsFormName)" }
    }

    static func cells(_ text: LocalizedText?, _ survey: Survey) -> [String] {
        guard let text else { return columns("x", survey).map { _ in "" } }
        guard !survey.languages.isEmpty else { return [text.text(in: nil)] }
        return survey.languages.enumerated().map { index, language in
            text.exactText(in: language.code, isDefault: index == 0) ?? ""
        }
    }

    struct Builder {
        let survey: Survey
        var surveyRows: [[String]] = []
        var choiceRows: [[String]] = []
        var settingsRows: [[String]] = []
        /// Lists already written, by name, with their contents, so shared lists are written once.
        var lists: [String: [Choice]] = [:]

        init(survey: Survey) { self.survey = survey }

        mutating func build() {
            surveyRows.append(["type", "name"] + columns("label", survey) + columns("hint", survey)
                + ["required", "relevant", "constraint"] + columns("constraint_message", survey) + ["appearance", "parameters"])
            choiceRows.append(["list_name", "name"] + columns("label", survey))
            for section in survey.sections {
                if !section.isImplicit {
                    row(type: "begin_group", name: section.id, label: section.title ?? LocalizedText(section.id), hint: section.description)
                }
                for question in section.questions { add(question) }
                if !section.isImplicit { row(type: "end_group", name: section.id, label: nil) }
            }
            var settings = [("form_title", survey.title.text(in: survey.defaultLanguage)), ("form_id", survey.id),
                            ("version", survey.version ?? "1")]
            if let language = survey.languages.first { settings.append(("default_language", language.xlsFormName)) }
            settingsRows = [settings.map(\.0), settings.map(\.1)]
        }

        mutating func row(type: String, name: String, label: LocalizedText?, hint: LocalizedText? = nil, required: Bool = false,
                          relevant: String? = nil, constraint: String? = nil, message: LocalizedText? = nil,
                          appearance: String = "", parameters: String = "") {
            surveyRows.append([type, name] + cells(label, survey) + cells(hint, survey)
                + [required ? "yes" : "", relevant ?? "", constraint ?? ""] + cells(constraint == nil ? nil : message, survey)
                + [appearance, parameters])
        }

        mutating func add(_ question: Question) {
            let variables = survey.variables.filter { $0.questionID == question.id }
            let relevant = SkipLogic.relevant(for: question, in: survey)
            let (constraint, generatedMessage) = Constraints.constraint(for: question, in: survey)
            let message = question.constraintMessage ?? generatedMessage
            let notAnswered = variables.first { $0.role == .notAnswered }
            // With a "Don't know" column, an empty answer is allowed and that column becomes the required one.
            let required = question.required && notAnswered == nil
            var hint = question.hint
            var parameters = ""
            var appearance = ""
            let type: String
            switch question.type {
            case .note: type = "note"
            case .text: type = "text"
            case .textLong:
                type = "text"
                appearance = "multiline"
            case .integer, .decimal, .date: type = question.type.rawValue
            case .rating:
                type = "range"
                let start = question.min?.text ?? "0", end = question.max?.text ?? "10"
                parameters = "start=\(start) end=\(end) step=1"
                hint = Self.ratingHint(question, start: start, end: end, survey: survey)
            case .ranking: type = "rank \(listName(for: question))"
            case .scale:
                type = "select_one \(listName(for: question))"
                appearance = "likert"
            case .consent, .yesNo, .selectOne: type = "select_one \(listName(for: question))"
            case .selectMultiple: type = "select_multiple \(listName(for: question))"
            }
            row(type: type, name: question.id, label: question.label, hint: hint, required: required, relevant: relevant,
                constraint: constraint, message: constraint == nil ? nil : message, appearance: appearance, parameters: parameters)
            for variable in variables where variable.role != .answer {
                switch variable.role {
                case .otherText:
                    row(type: "text", name: variable.name, label: variable.label, required: question.required, relevant: variable.relevant)
                case .notAnswered:
                    let name = listName(named: survey.listName(for: question) ?? "not_answered", choices: variable.codes)
                    row(type: "select_one \(name)", name: variable.name, label: variable.label, required: question.required,
                        relevant: variable.relevant, appearance: "minimal")
                case .answer:
                    break
                }
            }
        }

        mutating func listName(for question: Question) -> String {
            listName(named: survey.listName(for: question) ?? question.id, choices: survey.options(for: question))
        }

        /// Writes a list the first time it is used; a different list under a taken name gets a numbered name.
        mutating func listName(named base: String, choices: [Choice]) -> String {
            var name = base
            var counter = 2
            while let existing = lists[name] {
                if existing == choices { return name }
                name = "\(base)_\(counter)"
                counter += 1
            }
            lists[name] = choices
            for choice in choices { choiceRows.append([name, choice.code] + cells(choice.label, survey)) }
            return name
        }

        static func ratingHint(_ question: Question, start: String, end: String, survey: Survey) -> LocalizedText? {
            guard question.minLabel != nil || question.maxLabel != nil else { return question.hint }
            let languages: [String?] = survey.languages.isEmpty ? [nil] : survey.languages.map(\.code)
            let entries = languages.map { language -> LocalizedText.Entry in
                var parts: [String] = []
                if let hint = question.hint { parts.append(hint.text(in: language)) }
                if let label = question.minLabel { parts.append("\(start) = \(label.text(in: language))") }
                if let label = question.maxLabel { parts.append("\(end) = \(label.text(in: language))") }
                return LocalizedText.Entry(language: language, text: parts.joined(separator: "; "))
            }
            return LocalizedText(entries: entries)
        }
    }
}

/// Answer checks in ODK XPath, with a default message from the wording tables when the author gives none.
public enum Constraints {
    public static func constraint(for question: Question, in survey: Survey) -> (String?, LocalizedText?) {
        var parts: [String] = []
        var message: (key: WordingKey, values: [String: String])?
        switch question.type {
        case .integer, .decimal:
            if let min = question.min { parts.append(". >= \(min.text)") }
            if let max = question.max { parts.append(". <= \(max.text)") }
            switch (question.min, question.max) {
            case let (min?, max?): message = (.checkNumberBetween, ["min": min.text, "max": max.text])
            case let (min?, nil): message = (.checkNumberAtLeast, ["min": min.text])
            case let (nil, max?): message = (.checkNumberAtMost, ["max": max.text])
            default: break
            }
        case .text, .textLong:
            if let min = question.minLength { parts.append("string-length(.) >= \(min.text)") }
            if let max = question.maxLength { parts.append("string-length(.) <= \(max.text)") }
            switch (question.minLength, question.maxLength) {
            case let (min?, max?): message = (.checkLengthBetween, ["min": min.text, "max": max.text])
            case let (min?, nil): message = (.checkLengthAtLeast, ["min": min.text])
            case let (nil, max?): message = (.checkLengthAtMost, ["max": max.text])
            default: break
            }
        case .selectMultiple:
            // "Don't know" and "Prefer not to say" cannot be ticked alongside real answers.
            for option in [SpecialOption.dontKnow, .preferNotToSay] where question.specialOptions.contains(where: { $0.0 == option }) {
                parts.append("not(selected(., '\(option.code)') and count-selected(.) > 1)")
            }
            if !parts.isEmpty { message = (.checkExclusive, [:]) }
        case .consent:
            parts.append(". = 'yes'")
            message = (.checkConsent, [:])
        default:
            break
        }
        guard !parts.isEmpty else { return (nil, nil) }
        return (parts.joined(separator: " and "), message.map { survey.wording.localized($0.key.rawValue, languages: survey.languages, $0.values) })
    }
}
