import Markdown

/// The parts of the web form for typing in paper returns. They stay hidden until `survey.js` opens the
/// form with `?mode=entry`; without the script the page is the plain form.
extension WebFormRenderer {
    /// The data columns for the CSV download: name, kind, and the variable and code they come from.
    static func columnJSON(_ column: DataColumn) -> [String] {
        switch column.kind {
        case .response: [column.name, "response"]
        case .variable(let variable): [column.name, "variable", variable.name]
        case .option(let variable, let choice): [column.name, "option", variable.name, choice.code]
        }
    }

    /// Labels of the `mode` and `outcome` codes, for the list of saved responses.
    var codeLabels: [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for field in [ResponseField.mode, .outcome] {
            result[field.rawValue] = Dictionary(DataShape.codes(field, in: survey).map { ($0.code, $0.label.text(in: language)) },
                                                uniquingKeysWith: { first, _ in first })
        }
        return result
    }

    mutating func renderEntryPanel() {
        out += "<section class=\"survey-typing\" data-entry-panel aria-labelledby=\"survey-entry-title\" hidden>\n"
        out += "<h2 id=\"survey-entry-title\">\(say(.entryTitle))</h2>\n<p class=\"survey-typing-intro\">\(say(.entryIntro))</p>\n"
        out += "<div class=\"survey-question\" id=\"entry-form-number\" data-entry-field=\"\(ResponseField.formNumber.rawValue)\">\n"
        out += "<label class=\"survey-label\" for=\"entry-form-number-input\">\(say(.entryFormNumber)) <span class=\"survey-required\">\(say(.webRequired))</span></label>\n"
        out += "<p class=\"survey-hint\" id=\"entry-form-number-hint\">\(say(.entryFormNumberHint))</p>\n"
        out += "<p class=\"survey-error-message\" id=\"entry-form-number-error\" hidden></p>\n"
        out += "<input class=\"survey-input survey-input-short\" type=\"text\" id=\"entry-form-number-input\" name=\"entry:\(ResponseField.formNumber.rawValue)\" autocomplete=\"off\" aria-describedby=\"entry-form-number-hint entry-form-number-error\">\n</div>\n"
        out += "<div class=\"survey-question\" id=\"entry-volunteer\">\n"
        out += "<label class=\"survey-label\" for=\"entry-volunteer-input\">\(say(.entryVolunteer))</label>\n"
        out += "<input class=\"survey-input survey-input-short\" type=\"text\" id=\"entry-volunteer-input\" name=\"entry:\(ResponseField.volunteerID.rawValue)\" autocomplete=\"off\">\n</div>\n"
        let modes = DataShape.codes(.mode, in: survey).filter { $0.code == CollectionMode.paper.rawValue || $0.code == CollectionMode.phone.rawValue }
        entryChoices("mode", legend: .entryMode, options: modes.map { ($0.code, text($0.label)) })
        entryChoices("outcome", legend: .entryOutcome, options: DataShape.codes(.outcome, in: survey).map { ($0.code, text($0.label)) })
        entryChoices("pass", legend: .entryPass, options: [("first", say(.entryPassFirst)), ("second", say(.entryPassSecond))])
        out += "<div class=\"survey-typing-result\" data-entry-result role=\"alert\" tabindex=\"-1\" hidden></div>\n"
        out += "<p><a class=\"survey-typing-leave\" href=\"?\" data-entry-leave>\(say(.entryLeave))</a></p>\n</section>\n"
    }

    /// One question of the entry panel as radio buttons; the first option is chosen to begin with.
    private mutating func entryChoices(_ name: String, legend: WordingKey, options: [(code: String, label: String)]) {
        out += "<fieldset class=\"survey-fieldset survey-question\">\n<legend class=\"survey-label\">\(say(legend))</legend>\n"
        out += "<div class=\"survey-options survey-options-radio\">\n"
        for (index, option) in options.enumerated() {
            let id = "entry-\(name)-\(HTML.escape(option.code))"
            out += "<div class=\"survey-option\"><input type=\"radio\" id=\"\(id)\" name=\"entry:\(name)\" value=\"\(HTML.escape(option.code))\"\(index == 0 ? " checked" : "")>"
            out += "<label for=\"\(id)\">\(option.label)</label></div>\n"
        }
        out += "</div>\n</fieldset>\n"
    }

    /// A box for the printed code of a choice question, used when typing in paper returns.
    mutating func renderCodeInput(_ question: Question, id: String) {
        let name = HTML.escape(question.id)
        out += "<div class=\"survey-code\" data-code-for=\"\(name)\" hidden><label class=\"survey-code-label\" for=\"\(id)-code\">\(say(.entryCode))</label>"
        out += "<input class=\"survey-input survey-input-code\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" id=\"\(id)-code\" data-code-input=\"\(name)\" aria-describedby=\"\(id)-error\"></div>\n"
    }
}
