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
        /// Lists already written, by what they hold, so identical lists under two names are written once.
        var listsByContent: [ChoiceListKey: String] = [:]
        /// Cells of the columns only some surveys need (`calculation`, `choice_filter`, …), by row.
        var extraCells: [Int: [String: String]] = [:]
        var extraChoiceCells: [Int: [String: String]] = [:]
        /// Inside a repeat whose members are added one by one: the most members, checked on its first question.
        var repeatLimit: Int?
        /// Conditions every later row needs ("the visit was completed", "the person agreed"), each with the
        /// group depth it applies at; rows inside a group inherit it from the group.
        var gates: [(condition: String, depth: Int)] = []
        var depth = 0

        /// Each question's columns, by the id written in the survey (a repeat's first member stands for all).
        let variablesByQuestion: [String: [SurveyVariable]]

        init(survey: Survey) {
            self.survey = survey
            var byQuestion: [String: [SurveyVariable]] = [:]
            let sourceByName = Dictionary(survey.askedQuestions.map { ($0.question.id, $0) }, uniquingKeysWith: { first, _ in first })
            for variable in survey.variables where variable.instance == nil || variable.instance == 1 {
                let id = sourceByName[variable.questionID]?.source.id ?? variable.questionID
                byQuestion[id, default: []].append(variable)
            }
            variablesByQuestion = byQuestion
        }

        mutating func build() {
            surveyRows.append(["type", "name"] + columns("label", survey) + columns("hint", survey)
                + ["required", "relevant", "constraint"] + columns("constraint_message", survey) + ["appearance", "parameters"])
            choiceRows.append(["list_name", "name"] + columns("label", survey))
            addMetadata()
            for section in survey.sections {
                if section.repeatRule != nil {
                    addRepeat(section)
                    continue
                }
                // ODK refuses a group with nothing on screen, such as one holding only calculations.
                let grouped = !section.isImplicit && section.questions.contains { $0.type != .calculate }
                if grouped {
                    row(type: "begin_group", name: section.id, label: section.title ?? LocalizedText(section.id), hint: section.description)
                }
                for question in section.questions { add(question) }
                if grouped { row(type: "end_group", name: section.id, label: nil) }
            }
            var settings = [("form_title", survey.title.text(in: survey.defaultLanguage)), ("form_id", survey.id),
                            ("version", survey.version ?? "1")]
            if let language = survey.languages.first { settings.append(("default_language", language.xlsFormName)) }
            settings += logicSettings()
            settingsRows = [settings.map(\.0), settings.map(\.1)]
            appendExtraColumns()
        }

        mutating func row(type: String, name: String, label: LocalizedText?, hint: LocalizedText? = nil, required: Bool = false,
                          relevant: String? = nil, constraint: String? = nil, message: LocalizedText? = nil,
                          appearance: String = "", parameters: String = "") {
            let ends = type.hasPrefix("end_")
            if ends {
                depth -= 1
                for index in gates.indices where gates[index].depth > depth { gates[index].depth = depth }
            }
            let conditions = ends ? [] : gates.filter { $0.depth == depth }.map(\.condition)
            let relevant = conditions.isEmpty ? relevant ?? ""
                : (conditions + (relevant.map { ["(\($0))"] } ?? [])).joined(separator: " and ")
            surveyRows.append([type, name] + cells(label, survey) + cells(hint, survey)
                + [required ? "yes" : "", relevant, constraint ?? ""] + cells(constraint == nil ? nil : message, survey)
                + [appearance, parameters])
            if type.hasPrefix("begin_") { depth += 1 }
        }

        mutating func add(_ question: Question) {
            let variables = variablesByQuestion[question.id] ?? []
            let relevant = SkipLogic.relevant(for: question, in: survey)
            let (constraint, generatedMessage) = Constraints.constraint(for: question, in: survey)
            let message = question.constraintMessage ?? generatedMessage
            let notAnswered = variables.first { $0.role == .notAnswered }
            // With a "Don't know" column the answer is required only while that column is empty; both are on one screen.
            let required = question.required && notAnswered == nil
            if question.type == .ranking, let rank = question.rank, rank < survey.options(for: question).count {
                addTopRanks(question, rank: rank, relevant: relevant)
                return
            }
            if notAnswered != nil { beginAnswerScreen(question, relevant: relevant) }
            var hint = question.hint
            var parameters = ""
            var appearance = ""
            let type: String
            switch question.type {
            case .note: type = "note"
            case .calculate: type = "calculate"
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
            let (logicConstraint, logicMessage) = LogicConstraints.constraint(for: question, in: survey)
            let allConstraint = [constraint, logicConstraint].compactMap { $0 }.joined(separator: " and ")
            let allMessage = question.constraintMessage ?? (constraint == nil ? logicMessage : message)
            row(type: type, name: question.id, label: question.label, hint: hint, required: required,
                relevant: question.type == .calculate ? nil : relevant,
                constraint: allConstraint.isEmpty ? nil : allConstraint, message: allConstraint.isEmpty ? nil : allMessage,
                appearance: appearance, parameters: parameters)
            addLogicCells(question, requiredUnlessNotAnswered: question.required && notAnswered != nil ? notAnswered?.name : nil)
            for variable in variables where variable.role != .answer {
                switch variable.role {
                case .otherText:
                    row(type: "text", name: ExtraColumns.otherName(question), label: variable.label, required: question.required,
                        relevant: "selected(${\(question.id)}, 'other')")
                case .notAnswered:
                    let name = listName(named: survey.listName(for: question) ?? "not_answered", choices: variable.codes)
                    row(type: "select_one \(name)", name: ExtraColumns.notAnsweredName(question), label: question.label,
                        constraint: "${\(question.id)} = ''", message: survey.wording.localized(WordingKey.logicLeaveAnswerEmpty.rawValue, languages: survey.languages))
                case .answer, .metadata, .repeatCount:
                    break
                }
            }
            if notAnswered != nil { row(type: "end_group", name: question.id + AnswerScreen.suffix, label: nil) }
            // A "No" to taking part ends the form: the response is kept, with nothing else asked.
            if question.type == .consent { gates.append(("${\(question.id)} = 'yes'", depth)) }
        }

        mutating func listName(for question: Question) -> String {
            listName(named: survey.listName(for: question) ?? question.id, choices: survey.options(for: question))
        }

        /// Writes a list the first time it is used; a different list under a taken name gets a numbered name.
        mutating func listName(named base: String, choices: [Choice]) -> String {
            let key = ChoiceListKey(choices, survey: survey)
            if let written = listsByContent[key] { return written }
            var name = base
            var counter = 2
            while lists[name] != nil {
                name = "\(base)_\(counter)"
                counter += 1
            }
            lists[name] = choices
            listsByContent[key] = name
            for choice in choices {
                choiceRows.append([name, choice.code] + cells(choice.label, survey))
                if let parent = choice.parent { extraChoiceCells[choiceRows.count - 1, default: [:]]["parent"] = parent }
            }
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
        default:
            break
        }
        guard !parts.isEmpty else { return (nil, nil) }
        return (parts.joined(separator: " and "), message.map { survey.wording.localized($0.key.rawValue, languages: survey.languages, $0.values) })
    }
}
