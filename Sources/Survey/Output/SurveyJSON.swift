import Foundation

/// The survey as JSON for other tools: the model as written, plus resolved options, XLSForm `relevant`
/// expressions and the data columns. Keys are sorted so the same survey always gives the same text.
public enum SurveyJSON {
    public static func encode(_ survey: Survey) -> String {
        JSONValue.object(object(survey)).written(pretty: true) + "\n"
    }

    static func object(_ survey: Survey) -> [String: JSONValue] {
        var result: [String: JSONValue] = [
            "id": .string(survey.id),
            "title": text(survey.title),
            "version": .string(survey.version ?? "1"),
            "languages": .array(survey.languages.map { ["code": .string($0.code), "name": .string($0.name)] }),
            "estimated_minutes_computed": .int(TimeEstimate.minutes(for: survey)),
            "choices": .object(Dictionary(survey.choiceLists.map { ($0.name, .array($0.choices.map(choice))) }, uniquingKeysWith: { first, _ in first })),
            "sections": .array(survey.sections.map { section(survey, $0) }),
            "variables": .array(zip(survey.variables, DataShape.xlsFormRelevant(survey)).map { variable($0, xlsFormRelevant: $1) }),
            "columns": .array(DataShape.columns(survey).map { column(survey, $0) }),
        ]
        result["introduction"] = survey.introduction.map(text)
        result["privacy_notice"] = survey.privacyNotice.map(text)
        result["contact"] = survey.contact.map(text)
        result["estimated_minutes"] = survey.estimatedMinutes.map(JSONValue.int)
        if !survey.logic.metadata.isEmpty { result["metadata"] = JSONValue(survey.logic.metadata.map(\.rawValue)) }
        result["public_key"] = survey.logic.publicKey.map(JSONValue.string)
        result["submission_url"] = survey.logic.submissionURL.map(JSONValue.string)
        if survey.logic.phoneForm != .doorToDoor { result["phone_form"] = .string(survey.logic.phoneForm.rawValue) }
        return result
    }

    static func text(_ text: LocalizedText) -> JSONValue {
        if text.isPlain { return .string(text.entries[0].text) }
        return JSONValue(Dictionary(text.entries.map { ($0.language ?? "", $0.text) }, uniquingKeysWith: { first, _ in first }))
    }

    static func choice(_ choice: Choice) -> JSONValue {
        var result: [String: JSONValue] = ["code": .string(choice.code), "label": text(choice.label)]
        result["entry"] = choice.entry.map(JSONValue.int)
        result["added"] = choice.special.map { .string($0.rawValue) }
        result["parent"] = choice.parent.map(JSONValue.string)
        return .object(result)
    }

    static func section(_ survey: Survey, _ section: Section) -> JSONValue {
        var result: [String: JSONValue] = ["id": .string(section.id), "questions": .array(section.questions.map { question(survey, $0) })]
        result["title"] = section.title.map(text)
        result["description"] = section.description.map(text)
        if section.repeatRule != nil {
            var repeatObject: [String: JSONValue] = ["max": .int(survey.repeatMax(section))]
            repeatObject["count"] = survey.repeatCountName(section).map(JSONValue.string)
            repeatObject["adds_one_by_one"] = .bool(survey.repeatAddsOneByOne(section))
            result["repeat"] = .object(repeatObject)
            result["item_label"] = section.itemLabel.map(text)
        }
        return .object(result)
    }

    static func number(_ value: NumberValue?) -> JSONValue? {
        guard let value else { return nil }
        return value.isWhole && abs(value.value) < 1e15 ? .int(Int(value.value)) : .double(value.value)
    }

    static func question(_ survey: Survey, _ question: Question) -> JSONValue {
        var result: [String: JSONValue] = [
            "id": .string(question.id), "type": .string(question.type.rawValue), "label": text(question.label), "required": .bool(question.required),
        ]
        result["hint"] = question.hint.map(text)
        if let condition = question.showIf {
            result["show_if"] = SkipLogic.json(condition, in: survey)
            result["relevant"] = .string(SkipLogic.xpath(condition, in: survey))
        }
        switch question.choices {
        case .list(let name, _)?: result["choices"] = .string(name)
        case .inline(let choices, _)?: result["choices"] = .array(choices.map(choice))
        case nil: break
        }
        if question.type.hasChoices { result["options"] = .array(survey.options(for: question).map(choice)) }
        result["scale"] = question.scale.map(JSONValue.string)
        result["other"] = question.other != nil ? true : nil
        result["dont_know"] = question.dontKnow != nil ? true : nil
        result["prefer_not_to_say"] = question.preferNotToSay != nil ? true : nil
        result["min"] = number(question.min)
        result["max"] = number(question.max)
        result["min_length"] = number(question.minLength)
        result["max_length"] = number(question.maxLength)
        result["lines"] = question.lines.map(JSONValue.int)
        result["rank"] = question.rank.map(JSONValue.int)
        result["min_label"] = question.minLabel.map(text)
        result["max_label"] = question.maxLabel.map(text)
        result["constraint_message"] = question.constraintMessage.map(text)
        result["special_category"] = question.specialCategory.map { .string($0.rawValue) }
        if let calculation = question.calculation {
            result["calculate"] = .string(calculation.text)
            result["calculation"] = calculation.expression.map { .string(CalcOutput.xpath($0)) }
        }
        switch question.defaultAnswer?.kind {
        case .today?: result["default"] = .string(DefaultAnswer.todayWord)
        case .lastAnswer?: result["default"] = .string(DefaultAnswer.lastAnswerWord)
        case .fixed(let value)?: result["default"] = .string(value)
        case nil: break
        }
        if let pattern = question.pattern {
            result["pattern"] = .string(pattern.preset?.rawValue ?? pattern.regex)
            result["regex"] = .string(pattern.regex)
        }
        result["filter_by"] = question.filterBy.map(JSONValue.string)
        result["required_message"] = question.requiredMessage.map(text)
        if !question.allow.isEmpty {
            result["allow"] = JSONValue(Dictionary(question.allow.map { ($0.code, $0.reason) }, uniquingKeysWith: { first, _ in first }))
        }
        return .object(result)
    }

    /// A column of a response file: a response field with its codes, a variable, or one option's 0/1 column.
    static func column(_ survey: Survey, _ column: DataColumn) -> JSONValue {
        switch column.kind {
        case .response(let field):
            var result: [String: JSONValue] = ["name": .string(column.name), "kind": "response", "type": .string(field.type)]
            let codes = DataShape.codes(field, in: survey)
            if !codes.isEmpty { result["codes"] = JSONValue(codes.map(\.code)) }
            return .object(result)
        case .variable(let variable):
            return ["name": .string(column.name), "kind": "variable", "variable": .string(variable.name)]
        case .option(let variable, let choice):
            return ["name": .string(column.name), "kind": "option", "variable": .string(variable.name), "code": .string(choice.code), "codes": ["1", "0"]]
        }
    }

    static func variable(_ variable: SurveyVariable, xlsFormRelevant: String?) -> JSONValue {
        var result: [String: JSONValue] = [
            "name": .string(variable.name), "question": .string(variable.questionID), "role": .string(variable.role.rawValue),
            "type": .string(variable.type),
        ]
        result["relevant"] = variable.relevant.map(JSONValue.string)
        result["xlsform_relevant"] = xlsFormRelevant.map(JSONValue.string)
        result["xlsform_name"] = variable.xlsFormName.map(JSONValue.string)
        result["instance"] = variable.instance.map(JSONValue.int)
        if !variable.codes.isEmpty { result["codes"] = JSONValue(variable.codes.map(\.code)) }
        return .object(result)
    }
}
