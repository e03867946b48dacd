import Markdown
import Foundation

/// A print-ready questionnaire (A4 through `survey.css`), made into values for the theme's templates:
/// numbered questions, round boxes for "tick one", square boxes for "tick all that apply", routing arrows
/// from the skip logic, ruled lines for open answers and codes for office use.
public enum PaperQuestionnaire {
    public static func view(_ survey: Survey) -> PaperView {
        view(survey, language: survey.defaultLanguage)
    }

    /// The questionnaire in one of the survey's languages, every added text from the survey's wording table.
    public static func view(_ survey: Survey, language: String?) -> PaperView {
        PaperBuilder(survey: survey, language: language).questionnaire()
    }

    /// Where each answer of a single-choice question sends the person: question id → code → "Q7" or "the end".
    /// Only jumps past the next question are listed.
    public static func routing(_ survey: Survey) -> [String: [String: String]] {
        let numbers = survey.questionNumbers
        let numbered = survey.questions.filter { $0.type.isAsked }
        var result: [String: [String: String]] = [:]
        for (index, question) in numbered.enumerated() where question.type.isSingleChoice {
            var routes: [String: String] = [:]
            for option in survey.options(for: question) {
                let target = numbered[(index + 1)...].first { later in
                    guard let condition = later.showIf else { return true }
                    return Routing.evaluate(condition, question: question.id, code: option.code) != false
                }
                // Consent is required: a "No" ends the interview.
                if question.type == .consent, option.code != "yes" {
                    routes[option.code] = "the end"
                } else if let target, target.id != numbered[safe: index + 1]?.id, let number = numbers[target.id] {
                    routes[option.code] = "Q\(number)"
                } else if target == nil, index + 1 < numbered.count {
                    routes[option.code] = "the end"
                }
            }
            if !routes.isEmpty { result[question.id] = routes }
        }
        return result
    }
}

/// Three-valued evaluation of a condition when only one answer is known: true, false or nil (cannot tell).
enum Routing {
    static func evaluate(_ condition: Condition, question: String, code: String) -> Bool? {
        switch condition.kind {
        case .test(let test):
            guard test.question == question else { return nil }
            let values = test.values.map(\.text)
            switch test.comparison {
            case .equals, .oneOf: return values.contains(code)
            case .notEquals: return !values.contains(code)
            case .answered: return values.first.map { $0.lowercased() != "false" } ?? true
            default: return nil
            }
        case .all(let parts):
            let results = parts.map { evaluate($0, question: question, code: code) }
            if results.contains(false) { return false }
            return results.allSatisfy { $0 == true } ? true : nil
        case .any(let parts):
            let results = parts.map { evaluate($0, question: question, code: code) }
            if results.contains(true) { return true }
            return results.allSatisfy { $0 == false } ? false : nil
        case .not(let inner):
            return evaluate(inner, question: question, code: code).map { !$0 }
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

struct PaperBuilder {
    let survey: Survey
    let language: String?
    let numbers: [String: Int]
    let routes: [String: [String: String]]

    init(survey: Survey, language: String? = nil) {
        self.survey = survey
        self.language = language ?? survey.defaultLanguage
        self.numbers = survey.questionNumbers
        self.routes = PaperQuestionnaire.routing(survey)
    }

    func text(_ value: LocalizedText?) -> String { value?.text(in: language) ?? "" }

    /// An added text in the questionnaire's language.
    func say(_ key: WordingKey, _ values: [String: String] = [:]) -> String {
        survey.wording.text(key, in: language, values)
    }

    func condition(_ key: WordingKey, _ condition: Condition) -> String {
        say(key, ["condition": SkipLogic.sentence(condition, in: survey, numbers: numbers, language: language)])
    }

    func paragraphs(_ value: LocalizedText?) -> [String] {
        (value?.text(in: language) ?? "").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    func questionnaire() -> PaperView {
        let time = survey.estimatedMinutes.flatMap { minutes in
            Instructions.mentionsTime(survey.introduction, language: language) ? nil
                : say(minutes == 1 ? .paperTimeOne : .paperTimeMany, ["minutes": String(minutes)])
        }
        let sections = survey.sections.map { section in
            let repeated = section.repeatRule != nil
            return PaperSectionView(
                title: section.isImplicit ? nil : text(section.title ?? LocalizedText(section.id)),
                description: paragraphs(section.description),
                questions: repeated ? [] : section.questions.compactMap { question($0) },
                repeatNote: repeated ? survey.wording.text(.logicRepeatPaperNote, in: language, ["count": String(survey.repeatMax(section))]) : nil,
                repeatItems: repeated ? repeatItems(section) : [])
        }
        return PaperView(
            surveyID: survey.id, language: language,
            officeUse: say(.paperOfficeUse, ["form": survey.id, "version": survey.version ?? "1"]),
            responseNumberLabel: say(.paperResponseNumber), introduction: paragraphs(survey.introduction), time: time,
            contact: survey.contact == nil ? nil : say(.paperContact, ["contact": text(survey.contact)]),
            privacyTitle: survey.privacyNotice == nil ? nil : say(.paperPrivacyTitle), privacy: paragraphs(survey.privacyNotice),
            howTitle: say(.paperHowTitle), howRound: say(.paperHowRound), howSquare: say(.paperHowSquare),
            howArrow: say(.paperHowArrow), howCodes: say(.paperHowCodes), sections: sections, end: say(.paperEnd))
    }

    /// The question as printed; nil for a calculation, which is worked out from other answers and never seen.
    func question(_ question: Question, idSuffix: String = "") -> PaperQuestionView? {
        if question.type == .calculate { return nil }
        var view = PaperQuestionView(
            isNote: question.type == .note, paragraphs: [], elementID: "paper-\(question.id)\(idSuffix)", type: question.type.rawValue,
            numberLabel: say(.paperQuestionNumber, ["number": String(numbers[question.id] ?? 0)]), label: text(question.label),
            condition: nil, hint: nil, instruction: nil, answer: .none, tickOne: true, options: [],
            ratingStart: nil, ratingEnd: nil, ratingPoints: [], digits: [], dateParts: [], lines: [], notAnswered: [])
        if question.type == .note {
            view.paragraphs = paragraphs(question.label)
            view.condition = question.showIf.map { condition(.paperReadOnlyIf, $0) }
            return view
        }
        view.condition = question.showIf.map { condition(.paperAnswerOnlyIf, $0) }
        view.hint = Instructions.hint(question.hint, language: language).map(text)
        switch question.type {
        case .consent, .yesNo, .selectOne, .scale:
            view.instruction = say(.paperTickOne)
            view.answer = .options
            view.options = options(question, box: "round")
        case .selectMultiple:
            view.instruction = say(.paperTickAll)
            view.answer = .options
            view.tickOne = false
            view.options = options(question, box: "square")
        case .ranking:
            let count = survey.options(for: question).count
            let many = (question.rank ?? count) > 2
            view.instruction = question.rank.map { say(many ? .paperRankManyUpTo : .paperRankTwoUpTo, ["rank": String($0)]) }
                ?? say(many ? .paperRankMany : .paperRankTwo)
            view.answer = .options
            view.tickOne = false
            view.options = options(question, box: "write")
        case .rating:
            view.instruction = say(.paperTickOne)
            view.answer = .rating
            view.ratingStart = question.minLabel.map(text)
            view.ratingEnd = question.maxLabel.map(text)
            view.ratingPoints = Array(question.ratingPoints)
        case .integer, .decimal:
            let digits = max(2, (question.max.map { String(SurveyLimits.whole(abs($0.value))).count } ?? 3) + (question.type == .decimal ? 2 : 0))
            view.instruction = say(.paperWriteNumber)
            view.answer = .digits
            view.digits = Array(1...digits)
        case .date:
            view.instruction = say(.paperWriteDate)
            view.answer = .date
            view.dateParts = [(say(.paperDay), 2), (say(.paperMonth), 2), (say(.paperYear), 4)].map {
                PaperDatePartView(label: $0.0, digits: Array(1...$0.1))
            }
        case .text, .textLong:
            view.answer = .lines
            view.lines = Array(1...max(1, question.type == .text ? 1 : question.answerLines))
        case .note, .calculate:
            break
        }
        view.notAnswered = survey.notAnsweredOptions(for: question).map { option($0, box: "round", route: nil) }
        return view
    }

    func options(_ question: Question, box: String) -> [PaperOptionView] {
        cascadeOrder(question).map { choice, group in
            var view = option(choice, box: box, route: routes[question.id]?[choice.code])
            view.group = group.map(text)
            if choice.special == .other { view.other = text(survey.pleaseSpecifyLabel) }
            return view
        }
    }

    func option(_ choice: Choice, box: String, route: String?) -> PaperOptionView {
        let destination = route.map { route in
            route == "the end" ? say(.paperGoToEnd)
                : say(.paperGoTo, ["question": say(.paperQuestionNumber, ["number": String(route.dropFirst())])])
        }
        return PaperOptionView(group: nil, box: box, label: text(choice.label), route: destination,
                               code: choice.entry.map(String.init) ?? "", other: nil)
    }
}
