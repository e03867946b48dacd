import Foundation
import Markdown
/// What each data column means: variable, label, type, codes and when it is asked, as CSV and as an HTML table.
public enum Codebook {
    public static let header = ["variable", "label", "type", "codes", "asked_if"]

    public static func rows(_ survey: Survey) -> [[String]] {
        var numbers = survey.questionNumbers
        let language = survey.defaultLanguage
        var asked: [String: Question] = [:]
        for item in survey.askedQuestions {
            asked[item.question.id] = item.question
            if item.instance != nil { numbers[item.question.id] = numbers[item.source.id] }
        }
        return survey.variables.map { variable in
            let codes = variable.codes.map { "\($0.code) = \($0.label.text(in: language)) [\($0.entry.map(String.init) ?? "")]" }
            let question = asked[variable.questionID]
            var askedIf = question?.showIf.map { SkipLogic.sentence($0, in: survey, numbers: numbers) } ?? ""
            switch variable.role {
            case .otherText: askedIf = "‘Other’ is chosen at Q\(numbers[variable.questionID] ?? 0)"
            case .notAnswered: askedIf = "Q\(numbers[variable.questionID] ?? 0) is left empty" + (askedIf.isEmpty ? "" : " and \(askedIf)")
            case .metadata: askedIf = "Recorded by the phone or tablet, not asked"
            case .repeatCount: askedIf = "How many were added; not asked"
            case .answer:
                if let calculation = question?.calculation {
                    askedIf = LogicWording.string(LogicWording.calculatedAs, language: language, CalcOutput.text(calculation))
                        + (askedIf.isEmpty ? "" : "; when \(askedIf)")
                }
            }
            return [variable.name, variable.label.text(in: language), variable.type, codes.joined(separator: "; "), askedIf]
        }
    }

    /// RFC 4180 CSV with CRLF line ends.
    public static func csv(_ survey: Survey) -> String {
        ([header] + rows(survey)).map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// An HTML fragment; the site layout wraps it.
    public static func html(_ survey: Survey) -> String {
        let language = survey.defaultLanguage
        var out = "<div class=\"survey-codebook-wrap table-wrap\" role=\"group\" aria-label=\"Codebook\" tabindex=\"0\">\n<table class=\"survey-codebook\">\n"
        out += "<caption>Codebook: \(HTML.escape(survey.title.text(in: language)))</caption>\n"
        out += "<thead><tr><th scope=\"col\">Variable</th><th scope=\"col\">Label</th><th scope=\"col\">Type</th><th scope=\"col\">Codes</th><th scope=\"col\">Asked if</th></tr></thead>\n<tbody>\n"
        for (variable, row) in zip(survey.variables, rows(survey)) {
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
