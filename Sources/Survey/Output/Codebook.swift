import Foundation
import Markdown
/// What each data column means: variable, label, type, codes and when it is asked, as CSV and as an HTML table.
public enum Codebook {
    public static let header = ["variable", "label", "type", "codes", "asked_if"]

    public static func rows(_ survey: Survey) -> [[String]] {
        rows(survey, language: survey.defaultLanguage)
    }

    /// The rows with labels and "asked if" in one of the survey's languages.
    public static func rows(_ survey: Survey, language: String?) -> [[String]] {
        var numbers = survey.questionNumbers
        let language = language ?? survey.defaultLanguage
        let wording = survey.wording
        var asked: [String: Question] = [:]
        for item in survey.askedQuestions {
            asked[item.question.id] = item.question
            if item.instance != nil { numbers[item.question.id] = numbers[item.source.id] }
        }
        return survey.variables.map { variable in
            let codes = variable.codes.map { "\($0.code) = \($0.label.text(in: language)) [\($0.entry.map(String.init) ?? "")]" }
            let askedQuestion = asked[variable.questionID]
            var askedIf = askedQuestion?.showIf.map {
                SkipLogic.sentence($0, in: survey, numbers: numbers, language: language)
            } ?? ""
            let question = wording.text(.paperQuestionNumber, in: language, ["number": String(numbers[variable.questionID] ?? 0)])
            switch variable.role {
            case .otherText: askedIf = wording.text(.codebookOtherChosen, in: language, ["question": question])
            case .notAnswered:
                askedIf = askedIf.isEmpty ? wording.text(.codebookLeftEmpty, in: language, ["question": question])
                    : wording.text(.codebookLeftEmptyAnd, in: language, ["question": question, "condition": askedIf])
            case .metadata: askedIf = LogicWording.string(LogicWording.recordedByPhone, language: language)
            case .repeatCount: askedIf = LogicWording.string(LogicWording.howManyAdded, language: language)
            case .answer:
                if let calculation = askedQuestion?.calculation {
                    askedIf = LogicWording.string(LogicWording.calculatedAs, language: language, CalcOutput.text(calculation))
                        + (askedIf.isEmpty ? "" : "; " + LogicWording.string(LogicWording.when, language: language, askedIf))
                }
            }
            return [variable.name, variable.label.text(in: language), variable.type, codes.joined(separator: "; "), askedIf]
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
        for (variable, row) in zip(survey.variables, rows(survey, language: language)) {
            out += "<tr><th scope=\"row\"><code>\(HTML.escape(variable.name))</code></th><td>\(HTML.escape(row[1]))</td><td>\(HTML.escape(row[2]))</td><td>"
            if !variable.codes.isEmpty {
                out += "<ul>"
                for code in variable.codes {
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
