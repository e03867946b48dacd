import Foundation
import Markdown

/// The web form's part of form logic: repeated sections member by member, calculations, defaults,
/// cascades and required messages, as attributes that `survey.js` reads.
extension WebFormRenderer {
    /// A fixed default as the input's starting value, so that "Clear" (form reset) brings it back.
    static func valueAttribute(_ question: Question) -> String {
        guard case .fixed(let value)? = question.defaultAnswer?.kind else { return "" }
        return " value=\"\(HTML.escape(value))\""
    }

    static func isDefault(_ code: String, of question: Question) -> Bool {
        guard case .fixed(let value)? = question.defaultAnswer?.kind else { return false }
        return value == code
    }

    func logicAttributes(_ question: Question, member: AskedQuestion?) -> String {
        var attributes = ""
        switch question.defaultAnswer?.kind {
        case .today?: attributes += " data-default=\"today\""
        case .lastAnswer?: attributes += " data-default=\"last_answer\""
        default: break
        }
        if let filter = question.filterBy { attributes += " data-filter-by=\"\(HTML.escape(filter))\"" }
        if question.required, let message = question.requiredMessage {
            attributes += " data-required-message=\"\(HTML.escape(message.text(in: language)))\""
        }
        if let expression = question.calculation?.expression {
            var local: Set<String> = []
            if let member, let section = survey.section(member.sectionID) { local = Set(section.questions.map(\.id)) }
            attributes += " data-calculate=\"\(Self.json(CalcOutput.json(expression, in: survey, local: local, instance: member?.instance)))\""
        }
        return attributes
    }

    /// A worked-out value: shown to the person filling in the form, kept in its own column.
    mutating func renderCalculation(_ question: Question, attributes: String) {
        out += "<div \(attributes)>\n<p class=\"survey-label survey-calculated\">\(text(question.label)): "
        out += "<output class=\"survey-calculated-value\" id=\"q-\(HTML.escape(question.id))-value\">–</output></p>\n</div>\n"
    }

    /// One block per member, numbered. Members past the count (or not yet added) are hidden by the script;
    /// without it every block shows, as on paper.
    mutating func renderRepeat(_ section: Section) {
        let sectionID = "s-\(HTML.escape(section.id))"
        let oneByOne = survey.repeatAddsOneByOne(section)
        let countName = survey.repeatCountName(section) ?? section.id
        out += "<section class=\"survey-section survey-repeat\" id=\"\(sectionID)\" aria-labelledby=\"\(sectionID)-title\" data-repeat=\"\(HTML.escape(section.id))\""
        out += " data-repeat-count=\"\(HTML.escape(countName))\" data-repeat-max=\"\(survey.repeatMax(section))\">\n"
        out += "<h2 id=\"\(sectionID)-title\">\(text(section.title ?? LocalizedText(section.id)))</h2>\n"
        out += paragraphs(section.description, className: "survey-section-description")
        if oneByOne {
            // How many members were added: a column of its own, kept by the buttons below.
            out += "<div class=\"survey-question survey-repeat-counter\" id=\"q-\(HTML.escape(countName))\" data-question=\"\(HTML.escape(countName))\" data-type=\"integer\">"
            out += "<input type=\"hidden\" name=\"\(HTML.escape(countName))\" value=\"1\" data-repeat-counter=\"\(HTML.escape(section.id))\"></div>\n"
        }
        var byInstance: [Int: [AskedQuestion]] = [:]
        for asked in members[section.id] ?? [] { byInstance[asked.instance ?? 1, default: []].append(asked) }
        for instance in 1...survey.repeatMax(section) {
            out += "<fieldset class=\"survey-repeat-item\" data-repeat-item=\"\(instance)\">\n"
            out += "<legend class=\"survey-repeat-heading\">\(text(survey.memberHeading(section, instance)))</legend>\n"
            for asked in byInstance[instance] ?? [] {
                let shown: Condition?? = .some(asked.source.showIf.map {
                    Survey.renamed($0, local: Set(section.questions.map(\.id)), instance: instance)
                })
                renderQuestion(asked.question, shownCondition: shown, member: asked)
            }
            out += "</fieldset>\n"
        }
        if oneByOne {
            let heading = text(section.itemLabel ?? section.title ?? LocalizedText(section.id))
            out += "<div class=\"survey-repeat-actions\" data-repeat-actions=\"\(HTML.escape(section.id))\" hidden>\n"
            out += "<button type=\"button\" class=\"survey-button survey-button-secondary\" data-action=\"add-item\" data-repeat=\"\(HTML.escape(section.id))\">\(HTML.escape(survey.wording.text(.logicAddAnother, in: language))): \(heading)</button>\n"
            out += "<button type=\"button\" class=\"survey-button survey-button-secondary\" data-action=\"remove-item\" data-repeat=\"\(HTML.escape(section.id))\">\(HTML.escape(survey.wording.text(.logicRemoveLast, in: language)))</button>\n"
            out += "</div>\n"
        }
        out += "</section>\n"
    }
}
