import Markdown
import Foundation

/// A print-ready questionnaire fragment (A4 through `survey.css`): numbered questions, round boxes for
/// "tick one", square boxes for "tick all that apply", routing arrows from the skip logic, ruled lines
/// for open answers and codes for office use.
public enum PaperQuestionnaire {
    public static func html(_ survey: Survey) -> String {
        html(survey, language: survey.defaultLanguage)
    }

    /// The questionnaire in one of the survey's languages, every added text from the survey's wording table.
    public static func html(_ survey: Survey, language: String?) -> String {
        var renderer = PaperRenderer(survey: survey, language: language)
        return renderer.render()
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

struct PaperRenderer {
    let survey: Survey
    let language: String?
    let numbers: [String: Int]
    let routes: [String: [String: String]]
    var out = ""
    /// `_2` while printing member 2 of a repeat, so that each block's ids are its own.
    var idSuffix = ""

    init(survey: Survey, language: String? = nil) {
        self.survey = survey
        self.language = language ?? survey.defaultLanguage
        self.numbers = survey.questionNumbers
        self.routes = PaperQuestionnaire.routing(survey)
    }

    func text(_ value: LocalizedText?) -> String { HTML.escape(value?.text(in: language) ?? "") }

    /// An added text in the questionnaire's language, escaped; `values` are HTML already.
    func say(_ key: WordingKey, _ values: [String: String] = [:]) -> String {
        Wording.fill(HTML.escape(survey.wording.text(key, in: language)), values)
    }

    func condition(_ key: WordingKey, _ condition: Condition) -> String {
        say(key, ["condition": HTML.escape(SkipLogic.sentence(condition, in: survey, numbers: numbers, language: language))])
    }

    func paragraphs(_ value: LocalizedText?, className: String) -> String {
        (value?.text(in: language) ?? "").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            .map { "<p class=\"\(className)\">\(HTML.escape($0))</p>\n" }.joined()
    }

    mutating func render() -> String {
        let langAttribute = language.map { " lang=\"\(HTML.escape($0))\"" } ?? ""
        out += "<div class=\"survey-paper\" data-survey-id=\"\(HTML.escape(survey.id))\"\(langAttribute)>\n"
        out += "<div class=\"survey-paper-office\"><span>\(say(.paperOfficeUse, ["form": HTML.escape(survey.id), "version": HTML.escape(survey.version ?? "1")]))</span>"
        out += "<span>\(say(.paperResponseNumber)) <span class=\"survey-paper-write-in\"></span></span></div>\n"
        out += "<div class=\"survey-paper-intro\">\n" + paragraphs(survey.introduction, className: "survey-paper-introduction")
        if let minutes = survey.estimatedMinutes, !Instructions.mentionsTime(survey.introduction, language: language) {
            out += "<p class=\"survey-paper-time\">\(say(minutes == 1 ? .paperTimeOne : .paperTimeMany, ["minutes": String(minutes)]))</p>\n"
        }
        if survey.contact != nil { out += "<p class=\"survey-paper-contact\">\(say(.paperContact, ["contact": text(survey.contact)]))</p>\n" }
        out += "</div>\n"
        if survey.privacyNotice != nil {
            out += "<section class=\"survey-paper-privacy\">\n<h2>\(say(.paperPrivacyTitle))</h2>\n" + paragraphs(survey.privacyNotice, className: "survey-paper-privacy-text") + "</section>\n"
        }
        out += "<section class=\"survey-paper-how\">\n<h2>\(say(.paperHowTitle))</h2>\n<ul>\n"
        out += "<li><span class=\"survey-box survey-box-round\" aria-hidden=\"true\"></span> \(say(.paperHowRound))</li>\n"
        out += "<li><span class=\"survey-box survey-box-square\" aria-hidden=\"true\"></span> \(say(.paperHowSquare))</li>\n"
        out += "<li>\(say(.paperHowArrow))</li>\n"
        out += "<li>\(say(.paperHowCodes))</li>\n</ul>\n</section>\n"
        for section in survey.sections {
            out += "<section class=\"survey-paper-section\">\n"
            if !section.isImplicit { out += "<h2>\(text(section.title ?? LocalizedText(section.id)))</h2>\n" }
            out += paragraphs(section.description, className: "survey-paper-section-description")
            if section.repeatRule != nil {
                renderRepeat(section)
            } else {
                for question in section.questions { renderQuestion(question) }
            }
            out += "</section>\n"
        }
        out += "<p class=\"survey-paper-end\">\(say(.paperEnd))</p>\n</div>\n"
        return out
    }

    mutating func renderQuestion(_ question: Question) {
        // A calculation is worked out from other answers; the person filling in the form never sees it.
        if question.type == .calculate { return }
        if question.type == .note {
            out += "<div class=\"survey-paper-note\">\n" + paragraphs(question.label, className: "survey-paper-note-text")
            if let condition = question.showIf {
                out += "<p class=\"survey-paper-condition\">\(self.condition(.paperReadOnlyIf, condition))</p>\n"
            }
            out += "</div>\n"
            return
        }
        let number = numbers[question.id] ?? 0
        out += "<div class=\"survey-paper-question survey-type-\(question.type.rawValue)\" id=\"paper-\(HTML.escape(question.id))\(idSuffix)\">\n"
        out += "<p class=\"survey-paper-label\"><span class=\"survey-paper-number\">\(say(.paperQuestionNumber, ["number": String(number)]))</span> \(text(question.label))</p>\n"
        if let condition = question.showIf {
            out += "<p class=\"survey-paper-condition\">\(self.condition(.paperAnswerOnlyIf, condition))</p>\n"
        }
        if let hint = Instructions.hint(question.hint, language: language) { out += "<p class=\"survey-paper-hint\">\(text(hint))</p>\n" }
        switch question.type {
        case .consent, .yesNo, .selectOne, .scale:
            out += "<p class=\"survey-paper-instruction\">\(say(.paperTickOne))</p>\n"
            options(question, round: true)
        case .selectMultiple:
            out += "<p class=\"survey-paper-instruction\">\(say(.paperTickAll))</p>\n"
            options(question, round: false)
        case .ranking:
            let count = survey.options(for: question).count
            let many = (question.rank ?? count) > 2
            let instruction = question.rank.map { say(many ? .paperRankManyUpTo : .paperRankTwoUpTo, ["rank": String($0)]) }
                ?? say(many ? .paperRankMany : .paperRankTwo)
            out += "<p class=\"survey-paper-instruction\">\(instruction)</p>\n"
            options(question, round: false, writeIn: true)
        case .rating:
            rating(question)
        case .integer, .decimal:
            let digits = max(2, (question.max.map { String(SurveyLimits.whole(abs($0.value))).count } ?? 3) + (question.type == .decimal ? 2 : 0))
            out += "<p class=\"survey-paper-instruction\">\(say(.paperWriteNumber))</p>\n<div class=\"survey-paper-digits\">"
            out += String(repeating: "<span class=\"survey-paper-digit\"></span>", count: digits) + "</div>\n"
        case .date:
            out += "<p class=\"survey-paper-instruction\">\(say(.paperWriteDate))</p>\n<div class=\"survey-paper-date\">"
            for (label, count) in [(say(.paperDay), 2), (say(.paperMonth), 2), (say(.paperYear), 4)] {
                out += "<span class=\"survey-paper-date-part\"><span class=\"survey-paper-date-label\">\(label)</span>"
                out += String(repeating: "<span class=\"survey-paper-digit\"></span>", count: count) + "</span>"
            }
            out += "</div>\n"
        case .text, .textLong:
            let lines = question.type == .text ? 1 : question.answerLines
            out += "<div class=\"survey-paper-lines\">" + String(repeating: "<span class=\"survey-paper-line\"></span>", count: lines) + "</div>\n"
        case .note, .calculate:
            break
        }
        let extra = survey.notAnsweredOptions(for: question)
        if !extra.isEmpty {
            out += "<ul class=\"survey-paper-options survey-paper-tick-one survey-paper-not-answered\">\n"
            for option in extra { optionItem(option, round: true, writeIn: false, route: nil) }
            out += "</ul>\n"
        }
        // Variable names are for data entry (the codebook has them), not for the person answering.
        out += "</div>\n"
    }

    mutating func options(_ question: Question, round: Bool, writeIn: Bool = false) {
        let kind = round ? "survey-paper-tick-one" : "survey-paper-tick-all"
        out += "<ul class=\"survey-paper-options \(kind)\">\n"
        for (option, group) in cascadeOrder(question) {
            if let group { out += "<li class=\"survey-paper-option-group\">\(text(group))</li>\n" }
            optionItem(option, round: round, writeIn: writeIn, route: routes[question.id]?[option.code])
            if option.special == .other {
                out += "<li class=\"survey-paper-other\"><span class=\"survey-paper-other-label\">\(text(survey.pleaseSpecifyLabel)):</span><span class=\"survey-paper-line\"></span></li>\n"
            }
        }
        out += "</ul>\n"
    }

    mutating func optionItem(_ option: Choice, round: Bool, writeIn: Bool, route: String?) {
        let box = writeIn ? "survey-box survey-box-write" : round ? "survey-box survey-box-round" : "survey-box survey-box-square"
        out += "<li class=\"survey-paper-option\"><span class=\"\(box)\" aria-hidden=\"true\"></span>"
        out += "<span class=\"survey-paper-option-label\">\(text(option.label))</span>"
        if let route {
            let destination = route == "the end" ? say(.paperGoToEnd)
                : say(.paperGoTo, ["question": say(.paperQuestionNumber, ["number": String(route.dropFirst())])])
            out += "<span class=\"survey-paper-route\">→ \(destination)</span>"
        }
        out += "<span class=\"survey-paper-code\">\(option.entry.map(String.init) ?? "")</span></li>\n"
    }

    mutating func rating(_ question: Question) {
        out += "<p class=\"survey-paper-instruction\">\(say(.paperTickOne))</p>\n<div class=\"survey-paper-rating\">\n"
        if let label = question.minLabel { out += "<span class=\"survey-paper-rating-end\">\(text(label))</span>\n" }
        for value in question.ratingPoints {
            out += "<span class=\"survey-paper-rating-point\"><span class=\"survey-box survey-box-round\" aria-hidden=\"true\"></span><span class=\"survey-paper-rating-value\">\(value)</span></span>\n"
        }
        if let label = question.maxLabel { out += "<span class=\"survey-paper-rating-end\">\(text(label))</span>\n" }
        out += "</div>\n"
    }
}
