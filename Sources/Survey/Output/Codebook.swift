import Foundation
import Markdown
/// What each data column means: variable, label, type, codes and when it is asked, as CSV and as an HTML table.
public enum Codebook {
    public static let header = ["variable", "label", "type", "codes", "asked_if"]

    public static func rows(_ survey: Survey) -> [[String]] {
        rows(survey, language: survey.defaultLanguage)
    }

    /// The rows with labels and "asked if" in one of the survey's languages: one per column of a response
    /// file, as `DataShape.columns` lists them.
    public static func rows(_ survey: Survey, language: String?) -> [[String]] {
        let language = language ?? survey.defaultLanguage
        let describer = VariableDescriber(survey: survey, language: language)
        return DataShape.columns(survey).map { column in
            let codes = self.codes(of: column, in: survey)
                .map { "\($0.code) = \($0.label.text(in: language))\($0.entry.map { " [\($0)]" } ?? "")" }
                .joined(separator: "; ")
            switch column.kind {
            case .response(let field):
                let askedIf = field == .outcome ? survey.wording.text(.dataOutcomeAsked, in: language) : ""
                return [column.name, DataShape.label(field, in: survey).text(in: language), field.type, codes, askedIf]
            case .variable(let variable):
                return [column.name, variable.label.text(in: language), variable.type, codes, describer.askedIf(variable)]
            case .option(let variable, let choice):
                let label = survey.wording.text(.dataOption, in: language,
                                                ["question": variable.label.text(in: language), "option": choice.label.text(in: language)])
                    + (choice.entry.map { " [\($0)]" } ?? "")
                return [column.name, label, variable.type, codes, describer.askedIf(variable)]
            }
        }
    }

    /// The codes a column holds: the response field's, the variable's, or 1 and 0 for one tick-box.
    static func codes(of column: DataColumn, in survey: Survey) -> [Choice] {
        switch column.kind {
        case .response(let field): DataShape.codes(field, in: survey)
        case .variable(let variable): variable.codes
        case .option: DataShape.tickCodes(in: survey)
        }
    }

    /// RFC 4180 CSV with CRLF line ends.
    public static func csv(_ survey: Survey) -> String {
        csv(survey, language: survey.defaultLanguage)
    }

    /// The CSV in one of the survey's languages; the header stays the same, so tools read every one alike.
    public static func csv(_ survey: Survey, language: String?) -> String {
        ([header] + rows(survey, language: language)).map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// An HTML fragment; the site layout wraps it.
    public static func html(_ survey: Survey) -> String {
        html(survey, language: survey.defaultLanguage)
    }

    public static func html(_ survey: Survey, language: String?) -> String {
        let language = language ?? survey.defaultLanguage
        func say(_ key: WordingKey, _ values: [String: String] = [:]) -> String {
            Wording.fill(HTML.escape(survey.wording.text(key, in: language)), values)
        }
        let langAttribute = language.map { " lang=\"\(HTML.escape($0))\"" } ?? ""
        var out = "<div class=\"survey-codebook-wrap table-wrap\" role=\"group\" aria-label=\"\(say(.codebookTable))\" tabindex=\"0\"\(langAttribute)>\n<table class=\"survey-codebook\">\n"
        out += "<caption>\(say(.codebookTitle, ["title": HTML.escape(survey.title.text(in: language))]))</caption>\n"
        let headings: [WordingKey] = [.codebookVariable, .codebookLabel, .codebookType, .codebookCodes, .codebookAskedIf]
        out += "<thead><tr>" + headings.map { "<th scope=\"col\">\(say($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (column, row) in zip(DataShape.columns(survey), rows(survey, language: language)) {
            let codes = self.codes(of: column, in: survey)
            out += "<tr><th scope=\"row\"><code>\(HTML.escape(column.name))</code></th><td>\(HTML.escape(row[1]))</td><td>\(HTML.escape(row[2]))</td><td>"
            if !codes.isEmpty {
                out += "<ul>"
                for code in codes {
                    out += "<li><code>\(HTML.escape(code.code))</code> \(HTML.escape(code.label.text(in: language)))"
                    if let entry = code.entry { out += " <span class=\"survey-entry\">[\(entry)]</span>" }
                    out += "</li>"
                }
                out += "</ul>"
            }
            out += "</td><td>\(HTML.escape(row[4]))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }
}

/// When a variable is asked, in words, for the codebook's last column.
struct VariableDescriber {
    let survey: Survey
    let language: String?
    let numbers: [String: Int]
    let asked: [String: Question]

    init(survey: Survey, language: String?) {
        self.survey = survey
        self.language = language
        var numbers = survey.questionNumbers
        var asked: [String: Question] = [:]
        for item in survey.askedQuestions {
            asked[item.question.id] = item.question
            if item.instance != nil { numbers[item.question.id] = numbers[item.source.id] }
        }
        self.numbers = numbers
        self.asked = asked
    }

    func askedIf(_ variable: SurveyVariable) -> String {
        let wording = survey.wording
        let askedQuestion = asked[variable.questionID]
        let askedIf = askedQuestion?.showIf.map {
            SkipLogic.sentence($0, in: survey, numbers: numbers, language: language)
        } ?? ""
        let question = wording.text(.paperQuestionNumber, in: language, ["number": String(numbers[variable.questionID] ?? 0)])
        switch variable.role {
        case .otherText: return wording.text(.codebookOtherChosen, in: language, ["question": question])
        case .notAnswered:
            return askedIf.isEmpty ? wording.text(.codebookLeftEmpty, in: language, ["question": question])
                : wording.text(.codebookLeftEmptyAnd, in: language, ["question": question, "condition": askedIf])
        case .metadata: return wording.text(.logicRecordedByDevice, in: language)
        case .repeatCount: return wording.text(.logicHowManyAdded, in: language)
        case .answer:
            guard let calculation = askedQuestion?.calculation else { return askedIf }
            return wording.text(.logicCalculatedAs, in: language, ["calculation": CalcOutput.text(calculation)])
                + (askedIf.isEmpty ? "" : "; " + wording.text(.logicWhen, in: language, ["condition": askedIf]))
        }
    }
}

public enum CSV {
    /// One RFC 4180 field. A cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return) gets a leading `'`, as OWASP recommends, so opening the file never
    /// runs it; plain numbers such as `-5` are left as they are.
    public static func field(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isNumber(text) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func isNumber(_ text: String) -> Bool {
        text.range(of: #"^[+-]?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil
    }
}
