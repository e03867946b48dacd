import Foundation

/// The survey as JSON for other tools: the model as written, plus resolved options, XLSForm `relevant`
/// expressions and the data columns. Keys are sorted so the same survey always gives the same text.
public enum SurveyJSON {
    public static func encode(_ survey: Survey) -> String {
        let object = self.object(survey)
        guard let data = try? JSONSerialization.data(withJSONObject: object,
                                                     options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func object(_ survey: Survey) -> [String: Any] {
        var result: [String: Any] = [
            "id": survey.id,
            "title": text(survey.title),
            "version": survey.version ?? "1",
            "languages": survey.languages.map { ["code": $0.code, "name": $0.name] },
            "estimated_minutes_computed": TimeEstimate.minutes(for: survey),
            "choices": Dictionary(survey.choiceLists.map { ($0.name, $0.choices.map(choice)) }, uniquingKeysWith: { first, _ in first }),
            "sections": survey.sections.map { section(survey, $0) },
            "variables": zip(survey.variables, DataShape.xlsFormRelevant(survey)).map { variable($0, xlsFormRelevant: $1) },
            "columns": DataShape.columns(survey).map { column(survey, $0) },
        ]
        result["introduction"] = survey.introduction.map(text)
        result["privacy_notice"] = survey.privacyNotice.map(text)
        result["contact"] = survey.contact.map(text)
        result["estimated_minutes"] = survey.estimatedMinutes
        if !survey.logic.metadata.isEmpty { result["metadata"] = survey.logic.metadata.map(\.rawValue) }
        result["public_key"] = survey.logic.publicKey
        result["submission_url"] = survey.logic.submissionURL
        if survey.logic.phoneForm != .doorToDoor { result["phone_form"] = survey.logic.phoneForm.rawValue }
        return result
    }

    static func text(_ text: LocalizedText) -> Any {
        if text.isPlain { return text.entries[0].text }
        return Dictionary(text.entries.map { ($0.language ?? "", $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    static func choice(_ choice: Choice) -> [String: Any] {
        var result: [String: Any] = ["code": choice.code, "label": text(choice.label)]
        result["entry"] = choice.entry
        result["added"] = choice.special?.rawValue
        result["parent"] = choice.parent
        return result
    }

    static func section(_ survey: Survey, _ section: Section) -> [String: Any] {
        var result: [String: Any] = ["id": section.id, "questions": section.questions.map { question(survey, $0) }]
        result["title"] = section.title.map(text)
        result["description"] = section.description.map(text)
        if let rule = section.repeatRule {
            var repeatObject: [String: Any] = ["max": survey.repeatMax(section)]
            repeatObject["count"] = survey.repeatCountName(section)
            repeatObject["adds_one_by_one"] = survey.repeatAddsOneByOne(section)
            _ = rule
            result["repeat"] = repeatObject
            result["item_label"] = section.itemLabel.map(text)
        }
        return result
    }

    static func number(_ value: NumberValue?) -> Any? {
        guard let value else { return nil }
        return value.isWhole && abs(value.value) < 1e15 ? Int(value.value) as Any : value.value as Any
    }

    static func question(_ survey: Survey, _ question: Question) -> [String: Any] {
        var result: [String: Any] = [
            "id": question.id, "type": question.type.rawValue, "label": text(question.label), "required": question.required,
        ]
        result["hint"] = question.hint.map(text)
        if let condition = question.showIf {
            result["show_if"] = SkipLogic.json(condition, in: survey)
            result["relevant"] = SkipLogic.xpath(condition, in: survey)
        }
        switch question.choices {
        case .list(let name, _)?: result["choices"] = name
        case .inline(let choices, _)?: result["choices"] = choices.map(choice)
        case nil: break
        }
        if question.type.hasChoices { result["options"] = survey.options(for: question).map(choice) }
        result["scale"] = question.scale
        result["other"] = question.other != nil ? true : nil
        result["dont_know"] = question.dontKnow != nil ? true : nil
        result["prefer_not_to_say"] = question.preferNotToSay != nil ? true : nil
        result["min"] = number(question.min)
        result["max"] = number(question.max)
        result["min_length"] = number(question.minLength)
        result["max_length"] = number(question.maxLength)
        result["lines"] = question.lines
        result["rank"] = question.rank
        result["min_label"] = question.minLabel.map(text)
        result["max_label"] = question.maxLabel.map(text)
        result["constraint_message"] = question.constraintMessage.map(text)
        result["special_category"] = question.specialCategory?.rawValue
        if let calculation = question.calculation {
            result["calculate"] = calculation.text
            result["calculation"] = calculation.expression.map(CalcOutput.xpath)
        }
        switch question.defaultAnswer?.kind {
        case .today?: result["default"] = DefaultAnswer.todayWord
        case .lastAnswer?: result["default"] = DefaultAnswer.lastAnswerWord
        case .fixed(let value)?: result["default"] = value
        case nil: break
        }
        if let pattern = question.pattern {
            result["pattern"] = pattern.preset?.rawValue ?? pattern.regex
            result["regex"] = pattern.regex
        }
        result["filter_by"] = question.filterBy
        result["required_message"] = question.requiredMessage.map(text)
        if !question.allow.isEmpty {
            result["allow"] = Dictionary(question.allow.map { ($0.code, $0.reason) }, uniquingKeysWith: { first, _ in first })
        }
        return result
    }

    /// A column of a response file: a response field with its codes, a variable, or one option's 0/1 column.
    static func column(_ survey: Survey, _ column: DataColumn) -> [String: Any] {
        switch column.kind {
        case .response(let field):
            var result: [String: Any] = ["name": column.name, "kind": "response", "type": field.type]
            let codes = DataShape.codes(field, in: survey)
            if !codes.isEmpty { result["codes"] = codes.map(\.code) }
            return result
        case .variable(let variable):
            return ["name": column.name, "kind": "variable", "variable": variable.name]
        case .option(let variable, let choice):
            return ["name": column.name, "kind": "option", "variable": variable.name, "code": choice.code, "codes": ["1", "0"]]
        }
    }

    static func variable(_ variable: SurveyVariable, xlsFormRelevant: String?) -> [String: Any] {
        var result: [String: Any] = [
            "name": variable.name, "question": variable.questionID, "role": variable.role.rawValue, "type": variable.type,
        ]
        result["relevant"] = variable.relevant
        result["xlsform_relevant"] = xlsFormRelevant
        result["xlsform_name"] = variable.xlsFormName
        result["instance"] = variable.instance
        if !variable.codes.isEmpty { result["codes"] = variable.codes.map(\.code) }
        return result
    }
}
