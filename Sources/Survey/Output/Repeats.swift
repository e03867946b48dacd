import Foundation

/// Repeated sections spelt out for the outputs that need one column per answer (web form, codebook, CSV):
/// each question of a repeat once per member, renamed `age_2`, asked only when the group has that many.
/// XLSForm keeps the repeat as a `begin_repeat` group instead.
public struct AskedQuestion: Sendable, Equatable {
    /// The question as asked: for a repeat, renamed (`age_2`) with its condition rewritten.
    public var question: Question
    /// The question as written.
    public var source: Question
    /// 1-based member number inside a repeat; nil outside one.
    public var instance: Int?
    public var sectionID: String
}

extension Survey {
    /// The most members a repeated section is asked about: its `max`, else its count question's `max`.
    public func repeatMax(_ section: Section) -> Int {
        guard let rule = section.repeatRule else { return 1 }
        let fromCount = rule.countQuestion.flatMap { question($0)?.max }.map { SurveyLimits.whole($0.value) }
        let limit = rule.max ?? fromCount ?? 1
        return Swift.min(Swift.max(limit, 1), SurveyLimits.maxRepeat)
    }

    /// The column that says how many members were asked about: the count question, or `<section>_count`.
    public func repeatCountName(_ section: Section) -> String? {
        guard let rule = section.repeatRule else { return nil }
        return rule.countQuestion ?? "\(section.id)_count"
    }

    /// True when the web form adds members one by one ("Add another") rather than by an earlier count.
    public func repeatAddsOneByOne(_ section: Section) -> Bool {
        section.repeatRule != nil && section.repeatRule?.countQuestion == nil
    }

    public func section(_ id: String) -> Section? { sections.first { $0.id == id } }

    /// "Person 2": the section's `item_label` (else its title) and the member number, in every language.
    public func memberHeading(_ section: Section, _ instance: Int) -> LocalizedText {
        let base = section.itemLabel ?? section.title ?? LocalizedText(section.id)
        return LocalizedText(entries: base.entries.map { entry in
            LocalizedText.Entry(language: entry.language, text: wording.text(.logicMember, in: entry.language, ["label": entry.text, "number": String(instance)]))
        })
    }

    /// The question a condition names, also when it names one member's copy (`age_2` is `age`).
    public func conditionTarget(_ id: String) -> Question? {
        if let question = question(id) { return question }
        guard let separator = id.lastIndex(of: "_"), Int(id[id.index(after: separator)...]) != nil else { return nil }
        let base = String(id[..<separator])
        guard let section = repeatSection(of: base) else { return nil }
        return section.questions.first { $0.id == base }.map { question in
            var copy = question
            copy.id = id
            return copy
        }
    }

    /// Every question in order, with repeats spelt out once per possible member.
    public var askedQuestions: [AskedQuestion] {
        var result: [AskedQuestion] = []
        for section in sections {
            guard section.repeatRule != nil, let countName = repeatCountName(section) else {
                result += section.questions.map { AskedQuestion(question: $0, source: $0, instance: nil, sectionID: section.id) }
                continue
            }
            let local = Set(section.questions.map(\.id))
            for instance in 1...repeatMax(section) {
                for source in section.questions {
                    var question = source
                    question.id = Self.instanceName(source.id, instance)
                    let member = Condition(.test(ConditionTest(
                        question: countName, comparison: .atLeast,
                        values: [ConditionValue(text: String(instance), kind: .number)])))
                    if let condition = source.showIf {
                        let renamed = Self.renamed(condition, local: local, instance: instance)
                        question.showIf = Condition(.all([member, renamed]))
                    } else {
                        question.showIf = member
                    }
                    if let filter = source.filterBy, local.contains(filter) { question.filterBy = Self.instanceName(filter, instance) }
                    result.append(AskedQuestion(question: question, source: source, instance: instance, sectionID: section.id))
                }
            }
        }
        return result
    }

    /// `age` of member 2 is `age_2`.
    public static func instanceName(_ id: String, _ instance: Int) -> String { "\(id)_\(instance)" }

    static func renamed(_ condition: Condition, local: Set<String>, instance: Int) -> Condition {
        var copy = condition
        switch condition.kind {
        case .test(var test):
            if local.contains(test.question) { test.question = instanceName(test.question, instance) }
            copy.kind = .test(test)
        case .all(let parts): copy.kind = .all(parts.map { renamed($0, local: local, instance: instance) })
        case .any(let parts): copy.kind = .any(parts.map { renamed($0, local: local, instance: instance) })
        case .not(let inner): copy.kind = .not(renamed(inner, local: local, instance: instance))
        }
        return copy
    }
}

/// A calculation in the forms other tools read: ODK XPath for XLSForm, a JSON tree for the web form's script.
public enum CalcOutput {
    /// `${adults} + ${children}`, `count(${people})`, `sum(${age})`; `/` is XPath's `div`.
    public static func xpath(_ expression: CalcExpression) -> String {
        switch expression {
        case .number(let text): return text
        case .reference(let name, _): return "${\(name)}"
        case .negate(let inner): return "-(\(xpath(inner)))"
        case .binary(let op, let left, let right):
            let symbol = op == "/" ? "div" : String(op)
            return "(\(xpath(left)) \(symbol) \(xpath(right)))"
        case .count(let name, _): return "count(${\(name)})"
        case .sum(let name, _): return "sum(${\(name)})"
        }
    }

    /// `{"num":"2"}`, `{"ref":"adults"}`, `{"neg":…}`, `{"op":"+","l":…,"r":…}`, `{"sum":["age_1","age_2"]}`.
    /// Inside a repeat (`instance`), names of the same repeat become that member's columns.
    public static func json(_ expression: CalcExpression, in survey: Survey, local: Set<String> = [], instance: Int? = nil) -> JSONValue {
        switch expression {
        case .number(let text): return ["num": .string(text)]
        case .reference(let name, _):
            if let instance, local.contains(name) { return ["ref": .string(Survey.instanceName(name, instance))] }
            return ["ref": .string(name)]
        case .negate(let inner): return ["neg": json(inner, in: survey, local: local, instance: instance)]
        case .binary(let op, let left, let right):
            return ["op": .string(String(op)), "l": json(left, in: survey, local: local, instance: instance),
                    "r": json(right, in: survey, local: local, instance: instance)]
        case .count(let name, _):
            guard let section = survey.section(name), let count = survey.repeatCountName(section) else { return ["num": "0"] }
            return ["ref": .string(count), "count": true]
        case .sum(let name, _):
            guard let section = survey.repeatSection(of: name) else { return ["sum": JSONValue([name])] }
            return ["sum": JSONValue((1...survey.repeatMax(section)).map { Survey.instanceName(name, $0) })]
        }
    }

    /// "adults + children", as written, for the codebook.
    public static func text(_ calculation: Calculation) -> String {
        calculation.text.trimmingCharacters(in: .whitespaces)
    }
}
