import Markdown
import Foundation

/// The survey as an accessible HTML form fragment. It reads and prints without JavaScript;
/// `survey.js` adds skip logic, checks, saving answers in the browser and the CSV download.
public enum WebForm {
    public static func html(_ survey: Survey) -> String {
        html(survey, language: survey.defaultLanguage)
    }

    /// The form in one of the survey's languages, every added text from the survey's wording table.
    public static func html(_ survey: Survey, language: String?) -> String {
        var renderer = WebFormRenderer(survey: survey, language: language)
        return renderer.render()
    }
}

struct WebFormRenderer {
    let survey: Survey
    let language: String?
    let numbers: [String: Int]
    /// Each repeated section's questions, member by member.
    let members: [String: [AskedQuestion]]
    var out = ""

    init(survey: Survey, language: String? = nil) {
        self.survey = survey
        self.language = language ?? survey.defaultLanguage
        var numbers = survey.questionNumbers
        var members: [String: [AskedQuestion]] = [:]
        for asked in survey.askedQuestions where asked.instance != nil {
            numbers[asked.question.id] = numbers[asked.source.id]
            members[asked.sectionID, default: []].append(asked)
        }
        self.numbers = numbers
        self.members = members
    }

    func text(_ value: LocalizedText?) -> String { HTML.escape(value?.text(in: language) ?? "") }

    /// An added text in the form's language, escaped; `values` are HTML already.
    func say(_ key: WordingKey, _ values: [String: String] = [:]) -> String {
        Wording.fill(HTML.escape(survey.wording.text(key, in: language)), values)
    }

    /// The script's own messages in the form's language, for `survey.js`.
    var scriptWording: [String: String] {
        Dictionary(uniqueKeysWithValues: WordingKey.allCases.filter { $0.group == "script" }.map {
            (String($0.rawValue.dropFirst("script.".count)), survey.wording.text($0, in: language))
        })
    }

    /// Paragraphs from text written with blank lines between them.
    func paragraphs(_ value: LocalizedText?, className: String) -> String {
        let raw = value?.text(in: language) ?? ""
        return raw.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .map { "<p class=\"\(className)\">\(HTML.escape($0))</p>\n" }.joined()
    }

    static func json(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "" }
        return HTML.escape(String(decoding: data, as: UTF8.self))
    }

    mutating func render() -> String {
        let variables = survey.variables.map(\.name)
        let langAttribute = language.map { " lang=\"\(HTML.escape($0))\"" } ?? ""
        out += "<form class=\"survey-form\" id=\"survey-\(HTML.escape(survey.id))\" action=\"#\" method=\"post\"\(langAttribute)"
        out += " data-survey-id=\"\(HTML.escape(survey.id))\" data-survey-version=\"\(HTML.escape(survey.version ?? "1"))\""
        out += " data-variables=\"\(Self.json(variables))\" data-wording=\"\(Self.json(scriptWording))\""
        out += " data-columns=\"\(Self.json(DataShape.columns(survey).map(Self.columnJSON)))\""
        out += " data-codes=\"\(Self.json(codeLabels))\""
        if survey.logic.metadata.contains(.today) { out += " data-metadata=\"\(Self.json([MetadataField.today.rawValue]))\"" }
        out += ">\n"
        out += "<div class=\"survey-error-summary\" role=\"alert\" tabindex=\"-1\" aria-labelledby=\"survey-error-title\" hidden>\n"
        out += "<h2 id=\"survey-error-title\">\(say(.webErrorSummaryTitle))</h2>\n<ul class=\"survey-error-list\"></ul>\n</div>\n"
        renderEntryPanel()
        out += "<div class=\"survey-intro\">\n" + paragraphs(survey.introduction, className: "survey-introduction")
        if let minutes = survey.estimatedMinutes, !Instructions.mentionsTime(survey.introduction, language: language) {
            out += "<p class=\"survey-time\">\(say(minutes == 1 ? .webTimeOne : .webTimeMany, ["minutes": String(minutes)]))</p>\n"
        }
        out += "</div>\n"
        if survey.privacyNotice != nil {
            out += "<section class=\"survey-privacy\" aria-labelledby=\"survey-privacy-title\">\n<h2 id=\"survey-privacy-title\">\(say(.webPrivacyTitle))</h2>\n"
            out += paragraphs(survey.privacyNotice, className: "survey-privacy-text") + "</section>\n"
        }
        if survey.contact != nil {
            out += "<p class=\"survey-contact\">\(say(.webContact, ["contact": text(survey.contact)]))</p>\n"
        }
        out += "<noscript><p class=\"survey-noscript\">\(say(.webNoscript))</p></noscript>\n"
        out += "<p class=\"survey-required-note\">\(say(.webRequiredNote, ["required": "<span class=\"survey-required\">\(say(.webRequired))</span>"]))</p>\n"
        for section in survey.sections {
            if section.repeatRule != nil {
                renderRepeat(section)
                continue
            }
            if section.isImplicit {
                for question in section.questions { renderQuestion(question) }
                continue
            }
            let sectionID = "s-\(HTML.escape(section.id))"
            out += "<section class=\"survey-section\" id=\"\(sectionID)\" aria-labelledby=\"\(sectionID)-title\">\n"
            out += "<h2 id=\"\(sectionID)-title\">\(text(section.title ?? LocalizedText(section.id)))</h2>\n"
            out += paragraphs(section.description, className: "survey-section-description")
            for question in section.questions { renderQuestion(question) }
            out += "</section>\n"
        }
        out += "<div class=\"survey-actions\" data-survey-actions hidden>\n"
        out += "<button type=\"submit\" class=\"survey-button survey-save\">\(say(.webSave))</button>\n"
        out += "<button type=\"button\" class=\"survey-button survey-download\" data-action=\"download\">\(say(.webDownload))</button>\n"
        out += "<button type=\"button\" class=\"survey-button survey-button-secondary survey-clear\" data-action=\"clear\">\(say(.webClear))</button>\n"
        out += "<a class=\"survey-typing-start\" href=\"?mode=entry\" data-entry-link>\(say(.entryStart))</a>\n"
        out += "<p class=\"survey-status\" role=\"status\" aria-live=\"polite\"></p>\n</div>\n"
        out += "<section class=\"survey-saved\" data-saved-list aria-labelledby=\"survey-saved-title\" hidden>\n"
        out += "<h2 id=\"survey-saved-title\">\(say(.entrySavedTitle))</h2>\n<ul class=\"survey-saved-list\"></ul>\n</section>\n</form>\n"
        return out
    }

    mutating func renderQuestion(_ question: Question, shownCondition: Condition?? = nil, member: AskedQuestion? = nil) {
        let id = "q-\(HTML.escape(question.id))"
        var attributes = "class=\"survey-question survey-type-\(question.type.rawValue)\" id=\"\(id)\" data-question=\"\(HTML.escape(question.id))\" data-type=\"\(question.type.rawValue)\""
        if let condition = question.showIf { attributes += " data-show-if=\"\(Self.json(SkipLogic.json(condition, in: survey)))\"" }
        if question.required { attributes += " data-required=\"true\"" }
        attributes += logicAttributes(question, member: member)
        if question.type == .calculate {
            renderCalculation(question, attributes: attributes)
            return
        }
        var checks: [String: Any] = [:]
        if let min = question.min { checks["min"] = min.value }
        if let max = question.max { checks["max"] = max.value }
        if let min = question.minLength { checks["min_length"] = SurveyLimits.whole(min.value) }
        if let max = question.maxLength { checks["max_length"] = SurveyLimits.whole(max.value) }
        if question.type == .integer { checks["integer"] = true }
        if question.type == .selectMultiple, question.dontKnow != nil || question.preferNotToSay != nil {
            checks["exclusive"] = [SpecialOption.dontKnow.code, SpecialOption.preferNotToSay.code]
        }
        if let rank = question.rank { checks["rank"] = rank }
        if let pattern = question.pattern { checks["pattern"] = pattern.regex }
        if !checks.isEmpty {
            let (_, bounds) = Constraints.constraint(for: question, in: survey)
            let generated = bounds ?? LogicConstraints.constraint(for: question, in: survey).1
            if let message = question.constraintMessage ?? generated { checks["message"] = message.text(in: language) }
            attributes += " data-checks=\"\(Self.json(checks))\""
        }
        out += "<div \(attributes)>\n"
        if question.type == .note {
            out += paragraphs(question.label, className: "survey-note")
            out += "</div>\n"
            return
        }
        let number = numbers[question.id].map { "<span class=\"survey-number\">\($0).</span> " } ?? ""
        let required = question.required ? " <span class=\"survey-required\">\(say(.webRequired))</span>" : ""
        var describedBy: [String] = []
        var extras = ""
        if let condition = shownCondition ?? question.showIf {
            describedBy.append("\(id)-condition")
            let sentence = HTML.escape(SkipLogic.sentence(condition, in: survey, numbers: numbers, language: language))
            extras += "<p class=\"survey-condition\" id=\"\(id)-condition\">\(say(.webCondition, ["condition": sentence]))</p>\n"
        }
        if let hint = Instructions.hint(question.hint, language: language) {
            describedBy.append("\(id)-hint")
            extras += "<p class=\"survey-hint\" id=\"\(id)-hint\">\(text(hint))</p>\n"
        }
        describedBy.append("\(id)-error")
        extras += "<p class=\"survey-error-message\" id=\"\(id)-error\" hidden></p>\n"
        let described = " aria-describedby=\"\(describedBy.joined(separator: " "))\""
        let label = "\(number)\(text(question.label))\(required)"
        let name = HTML.escape(question.id)

        switch question.type {
        case .text, .textLong, .integer, .decimal, .date:
            out += "<label class=\"survey-label\" for=\"\(id)-input\">\(label)</label>\n" + extras
            out += input(question, id: "\(id)-input", name: name, described: described)
            renderNotAnswered(question, id: id)
        case .note:
            break
        default:
            out += "<fieldset class=\"survey-fieldset\"\(described)>\n<legend class=\"survey-label\">\(label)</legend>\n" + extras
            if question.type != .ranking { renderCodeInput(question, id: id) }
            renderChoices(question, id: id, name: name)
            renderNotAnswered(question, id: id)
            out += "</fieldset>\n"
        }
        out += "</div>\n"
    }

    func input(_ question: Question, id: String, name: String, described: String) -> String {
        let required = question.required ? " required" : ""
        switch question.type {
        case .textLong:
            let maxLength = question.maxLength.map { " maxlength=\"\($0.text)\"" } ?? ""
            return "<textarea class=\"survey-textarea\" id=\"\(id)\" name=\"\(name)\" rows=\"\(max(3, question.answerLines))\"\(maxLength)\(required)\(described)></textarea>\n"
        case .integer, .decimal:
            let step = question.type == .integer ? " inputmode=\"numeric\" step=\"1\"" : " inputmode=\"decimal\" step=\"any\""
            let min = question.min.map { " min=\"\($0.text)\"" } ?? ""
            let max = question.max.map { " max=\"\($0.text)\"" } ?? ""
            return "<input class=\"survey-input survey-input-number\" type=\"number\" id=\"\(id)\" name=\"\(name)\"\(step)\(min)\(max)\(required)\(Self.valueAttribute(question))\(described)>\n"
        case .date:
            return "<input class=\"survey-input survey-input-date\" type=\"date\" id=\"\(id)\" name=\"\(name)\"\(required)\(Self.valueAttribute(question))\(described)>\n"
        default:
            let minLength = question.minLength.map { " minlength=\"\($0.text)\"" } ?? ""
            let maxLength = question.maxLength.map { " maxlength=\"\($0.text)\"" } ?? ""
            return "<input class=\"survey-input\" type=\"text\" id=\"\(id)\" name=\"\(name)\"\(minLength)\(maxLength)\(required)\(Self.valueAttribute(question))\(described)>\n"
        }
    }

    mutating func renderChoices(_ question: Question, id: String, name: String) {
        switch question.type {
        case .rating:
            let points = question.ratingPoints
            out += "<div class=\"survey-options survey-rating\">\n"
            if let minLabel = question.minLabel { out += "<span class=\"survey-rating-end\">\(points.lowerBound) = \(text(minLabel))</span>\n" }
            for value in points {
                out += "<span class=\"survey-option\"><input type=\"radio\" id=\"\(id)-\(value)\" name=\"\(name)\" value=\"\(value)\"\(question.required ? " required" : "")\(Self.isDefault(String(value), of: question) ? " checked" : "")>"
                out += "<label for=\"\(id)-\(value)\">\(value)</label></span>\n"
            }
            if let maxLabel = question.maxLabel { out += "<span class=\"survey-rating-end\">\(points.upperBound) = \(text(maxLabel))</span>\n" }
            out += "</div>\n"
        case .ranking:
            let options = survey.options(for: question)
            let many = (question.rank ?? options.count) > 2
            let instruction = question.rank.map { say(many ? .webRankManyUpTo : .webRankTwoUpTo, ["rank": String($0)]) }
                ?? say(many ? .webRankMany : .webRankTwo)
            out += "<p class=\"survey-instruction\">\(instruction)</p>\n<div class=\"survey-options survey-ranking\" data-rank-for=\"\(name)\">\n"
            for option in options {
                let optionID = "\(id)-\(HTML.escape(option.code))"
                out += "<div class=\"survey-option\"><input class=\"survey-input survey-input-rank\" type=\"number\" inputmode=\"numeric\" min=\"1\" max=\"\(options.count)\" step=\"1\" id=\"\(optionID)\" name=\"\(name)[\(HTML.escape(option.code))]\" data-code=\"\(HTML.escape(option.code))\">"
                out += "<label for=\"\(optionID)\">\(text(option.label))</label></div>\n"
            }
            out += "</div>\n"
        default:
            let multiple = question.type == .selectMultiple
            let inputType = multiple ? "checkbox" : "radio"
            out += "<p class=\"survey-instruction\">\(say(multiple ? .webTickAll : .webChooseOne))</p>\n"
            out += "<div class=\"survey-options survey-options-\(inputType)\">\n"
            for option in survey.options(for: question) {
                let optionID = "\(id)-\(HTML.escape(option.code))"
                let required = question.required && !multiple ? " required" : ""
                let special = option.special.map { " data-special=\"\($0.rawValue)\"" } ?? ""
                let parent = option.parent.map { " data-parent=\"\(HTML.escape($0))\"" } ?? ""
                let checked = Self.isDefault(option.code, of: question) ? " checked" : ""
                let entry = option.entry.map { " data-entry=\"\($0)\"" } ?? ""
                out += "<div class=\"survey-option\"\(parent)><input type=\"\(inputType)\" id=\"\(optionID)\" name=\"\(name)\" value=\"\(HTML.escape(option.code))\"\(required)\(special)\(entry)\(checked)>"
                out += "<label for=\"\(optionID)\">\(text(option.label))</label></div>\n"
                if option.special == .other {
                    let otherID = "\(id)-other-text"
                    out += "<div class=\"survey-other\"><label class=\"survey-other-label\" for=\"\(otherID)\">\(text(survey.pleaseSpecifyLabel))</label>"
                    out += "<input class=\"survey-input\" type=\"text\" id=\"\(otherID)\" name=\"\(HTML.escape(ExtraColumns.otherName(question)))\" data-other-for=\"\(name)\"></div>\n"
                }
            }
            out += "</div>\n"
        }
    }

    /// "Don't know" and "Prefer not to say" for a number, text or date, stored in their own column.
    mutating func renderNotAnswered(_ question: Question, id: String) {
        let options = survey.notAnsweredOptions(for: question)
        guard !options.isEmpty else { return }
        let name = HTML.escape(ExtraColumns.notAnsweredName(question))
        out += "<div class=\"survey-not-answered\" data-not-answered-for=\"\(HTML.escape(question.id))\">\n"
        for option in options {
            let optionID = "\(id)-na-\(HTML.escape(option.code))"
            let entry = option.entry.map { " data-entry=\"\($0)\"" } ?? ""
            out += "<div class=\"survey-option\"><input type=\"checkbox\" id=\"\(optionID)\" name=\"\(name)\" value=\"\(HTML.escape(option.code))\"\(entry)>"
            out += "<label for=\"\(optionID)\">\(text(option.label))</label></div>\n"
        }
        out += "</div>\n"
    }
}
