import Survey

/// Whether a question was asked, by the same rules the web form and ODK apply: an unanswered earlier
/// question equals nothing and compares as no number.
public enum ConditionEvaluator {
    /// `answer(questionID)` gives the stored value of the question's own answer.
    public static func holds(_ condition: Condition, survey: Survey, answer: (String) -> String) -> Bool {
        switch condition.kind {
        case .test(let test): return holds(test, survey: survey, answer: answer)
        case .all(let parts): return parts.allSatisfy { holds($0, survey: survey, answer: answer) }
        case .any(let parts): return parts.contains { holds($0, survey: survey, answer: answer) }
        case .not(let inner): return !holds(inner, survey: survey, answer: answer)
        }
    }

    static func holds(_ test: ConditionTest, survey: Survey, answer: (String) -> String) -> Bool {
        let value = answer(test.question)
        let type = survey.question(test.question)?.type
        let codes: [Substring] = type == .selectMultiple || type == .ranking ? value.split(separator: " ") : [Substring(value)]
        func matches(_ wanted: ConditionValue) -> Bool {
            if type?.isNumeric == true, let a = Double(value), let b = wanted.number ?? Double(wanted.text) { return a == b }
            return codes.contains { $0 == wanted.text }
        }
        func number() -> Double? { Double(value) }
        let bound = test.values.first.flatMap { $0.number ?? Double($0.text) }
        switch test.comparison {
        case .answered:
            let wanted = test.values.first.map { ["true", "yes", "on"].contains($0.text.lowercased()) } ?? true
            return value.isEmpty != wanted
        case .equals, .oneOf: return !value.isEmpty && test.values.contains(where: matches)
        case .notEquals: return !test.values.contains(where: matches)
        case .atLeast: return compare(number(), bound, >=)
        case .atMost: return compare(number(), bound, <=)
        case .moreThan: return compare(number(), bound, >)
        case .lessThan: return compare(number(), bound, <)
        }
    }

    static func compare(_ a: Double?, _ b: Double?, _ op: (Double, Double) -> Bool) -> Bool {
        guard let a, let b else { return false }
        return op(a, b)
    }
}
