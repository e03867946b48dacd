import Foundation

/// Skip logic in the forms other tools read: ODK XPath for XLSForm, a JSON tree for the web form's script,
/// and a sentence for people reading the paper or web form.
public enum SkipLogic {
    /// ODK XPath for XLSForm's `relevant` column: `${q} = 'yes'`, `selected(${q}, 'bus')`, `${n} >= 2`.
    public static func xpath(_ condition: Condition, in survey: Survey) -> String {
        render(condition, survey).text
    }

    /// The `relevant` expression of a question, or nil when it is always asked.
    public static func relevant(for question: Question, in survey: Survey) -> String? {
        question.showIf.map { xpath($0, in: survey) }
    }

    private enum Precedence: Int { case or = 1, and = 2, atom = 3 }

    private static func render(_ condition: Condition, _ survey: Survey) -> (text: String, precedence: Precedence) {
        switch condition.kind {
        case .test(let test):
            return render(test, survey)
        case .all(let parts):
            let texts = parts.map { render($0, survey) }.map { $0.precedence.rawValue < Precedence.and.rawValue ? "(\($0.text))" : $0.text }
            return texts.count == 1 ? (texts[0], .atom) : (texts.joined(separator: " and "), .and)
        case .any(let parts):
            let texts = parts.map { render($0, survey).text }
            return texts.count == 1 ? (texts[0], .atom) : (texts.joined(separator: " or "), .or)
        case .not(let inner):
            return ("not(\(render(inner, survey).text))", .atom)
        }
    }

    private static func render(_ test: ConditionTest, _ survey: Survey) -> (text: String, precedence: Precedence) {
        let field = "${\(test.question)}"
        let type = survey.conditionTarget(test.question)?.type
        let isMultiple = type == .selectMultiple
        let isNumber = type?.isNumeric ?? false
        func literal(_ value: ConditionValue) -> String { isNumber ? value.text : quoted(value.text) }
        switch test.comparison {
        case .answered:
            let wanted = test.values.first.map { ["true", "yes", "on"].contains($0.text.lowercased()) } ?? true
            return (wanted ? "\(field) != ''" : "\(field) = ''", .atom)
        case .equals, .oneOf:
            let parts = test.values.map { isMultiple ? "selected(\(field), \(quoted($0.text)))" : "\(field) = \(literal($0))" }
            return parts.count == 1 ? (parts[0], .atom) : (parts.joined(separator: " or "), .or)
        case .notEquals:
            let parts = test.values.map { isMultiple ? "not(selected(\(field), \(quoted($0.text))))" : "\(field) != \(literal($0))" }
            return parts.count == 1 ? (parts[0], .atom) : (parts.joined(separator: " and "), .and)
        case .atLeast: return ("\(field) >= \(test.values.first?.text ?? "0")", .atom)
        case .atMost: return ("\(field) <= \(test.values.first?.text ?? "0")", .atom)
        case .moreThan: return ("\(field) > \(test.values.first?.text ?? "0")", .atom)
        case .lessThan: return ("\(field) < \(test.values.first?.text ?? "0")", .atom)
        }
    }

    /// XPath has no escapes: a string holding a single quote goes in double quotes.
    static func quoted(_ text: String) -> String {
        text.contains("'") ? "\"\(text)\"" : "'\(text)'"
    }

    /// The tree the web form's script evaluates: `{"all":[…]}`, `{"any":[…]}`, `{"not":…}`,
    /// `{"q":"id","op":"one_of","values":["a"],"multiple":true,"number":false}`.
    public static func json(_ condition: Condition, in survey: Survey) -> JSONValue {
        switch condition.kind {
        case .test(let test):
            let type = survey.conditionTarget(test.question)?.type
            return [
                "q": .string(test.question), "op": .string(test.comparison.rawValue), "values": JSONValue(test.values.map(\.text)),
                "multiple": .bool(type == .selectMultiple), "number": .bool(type?.isNumeric ?? false),
            ]
        case .all(let parts): return ["all": .array(parts.map { json($0, in: survey) })]
        case .any(let parts): return ["any": .array(parts.map { json($0, in: survey) })]
        case .not(let inner): return ["not": json(inner, in: survey)]
        }
    }

    public static func jsonString(_ condition: Condition, in survey: Survey) -> String {
        json(condition, in: survey).written()
    }

    /// "Q3 is Better or Worse", for people: question numbers and choice labels instead of ids and codes,
    /// in `language` (the survey's first by default), worded by the survey's wording table.
    public static func sentence(_ condition: Condition, in survey: Survey, numbers: [String: Int], language: String? = nil) -> String {
        let language = language ?? survey.defaultLanguage
        let wording = survey.wording
        func join(_ parts: [Condition], _ key: WordingKey) -> String {
            parts.map { sentence($0, in: survey, numbers: numbers, language: language) }
                .reduce(nil) { first, next in first.map { wording.text(key, in: language, ["first": $0, "second": next]) } ?? next } ?? ""
        }
        func negated(_ text: String) -> String { wording.text(.conditionNot, in: language, ["condition": text]) }
        switch condition.kind {
        case .test(let test): return sentence(test, survey, numbers, language)
        case .all(let parts): return join(parts, .conditionAnd)
        case .any(let parts): return join(parts, .conditionOr)
        case .not(let inner):
            // A negated single test reads better turned round: "Q4 is not ‘Worse’".
            if case .test(var test) = inner.kind {
                switch test.comparison {
                case .equals, .oneOf: test.comparison = .notEquals
                case .notEquals: test.comparison = .oneOf
                case .answered:
                    let wanted = test.values.first.map { ["true", "yes", "on"].contains($0.text.lowercased()) } ?? true
                    test.values = [ConditionValue(text: wanted ? "false" : "true", kind: .boolean)]
                default: return negated(sentence(test, survey, numbers, language))
                }
                return sentence(test, survey, numbers, language)
            }
            return negated(sentence(inner, in: survey, numbers: numbers, language: language))
        }
    }

    private static func sentence(_ test: ConditionTest, _ survey: Survey, _ numbers: [String: Int], _ language: String?) -> String {
        let wording = survey.wording
        let name = numbers[test.question].map { wording.text(.paperQuestionNumber, in: language, ["number": String($0)]) } ?? test.question
        let options = survey.conditionTarget(test.question).map { survey.options(for: $0) } ?? []
        func label(_ code: String) -> String {
            options.first { $0.code == code }.map { "‘\($0.label.text(in: language))’" } ?? "‘\(code)’"
        }
        func say(_ key: WordingKey, _ values: [String: String]) -> String { wording.text(key, in: language, values.merging(["question": name]) { a, _ in a }) }
        let multiple = survey.conditionTarget(test.question)?.type == .selectMultiple
        let values = test.values
        let list = values.map { label($0.text) }
            .reduce(nil) { first, next in first.map { wording.text(.conditionValueOr, in: language, ["first": $0, "second": next]) } ?? next } ?? ""
        let value = values.first?.text ?? ""
        switch test.comparison {
        case .answered:
            let wanted = values.first.map { ["true", "yes", "on"].contains($0.text.lowercased()) } ?? true
            return say(wanted ? .conditionAnswered : .conditionNotAnswered, [:])
        case .equals, .oneOf: return say(multiple ? .conditionTicked : .conditionIs, ["values": list])
        case .notEquals: return say(multiple ? .conditionNotTicked : .conditionIsNot, ["values": list])
        case .atLeast: return say(.conditionAtLeast, ["value": value])
        case .atMost: return say(.conditionAtMost, ["value": value])
        case .moreThan: return say(.conditionMoreThan, ["value": value])
        case .lessThan: return say(.conditionLessThan, ["value": value])
        }
    }
}
