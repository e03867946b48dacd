import Foundation
import Markdown
import Survey

/// The findings page's body: who answered, who we reached, then each question as a chart and a table.
/// Only counts that passed suppression, and open answers the author listed, appear in it.
public enum ReportHTML {
    public static func body(_ findings: Findings, feedbackLinks: [(label: String, href: String)] = []) -> String {
        let survey = findings.survey
        let language = survey.defaultLanguage
        let k = findings.threshold
        var out = ""
        out += "<p class=\"results-lead\">\(findings.responses) \(findings.responses == 1 ? "person" : "people") answered this survey"
        if findings.files > 0 { out += ", in \(findings.files) \(findings.files == 1 ? "file" : "files") of returns" }
        out += ".</p>\n"
        out += "<div class=\"callout callout-note results-privacy\"><p><strong>How we protect people.</strong> "
        out += "These are totals. No one's answers are shown. A number smaller than \(k) is shown as “fewer than \(k)”, "
        out += "because a very small number can point to one person. Where that number could still be worked out from a total, "
        out += "another number is also hidden and marked “hidden”. Written answers are not shown, unless the research team "
        out += "chose a few and checked that they do not show who wrote them.</p></div>\n"
        if !feedbackLinks.isEmpty {
            out += "<p class=\"results-feedback-links\">What happens next: "
            out += feedbackLinks.map { "<a href=\"\(HTML.escape($0.href))\">\(HTML.escape($0.label))</a>" }.joined(separator: " · ")
            out += "</p>\n"
        }
        if findings.tooFew {
            out += "<p>Fewer than \(k) people have answered so far, which is too few to show any figures without pointing to someone.</p>\n"
            return out
        }
        out += whoAnswered(findings)
        if let population = findings.population { out += whoWeReached(population, findings: findings) }
        out += "<h2 id=\"answers\">Answers, question by question</h2>\n"
        for table in findings.questions { out += question(table, findings: findings, language: language) }
        if let cross = findings.crossTab { out += crossTab(cross, findings: findings, language: language) }
        return out
    }

    static func count(_ findings: Findings, _ cell: Int) -> String { findings.display(cell) }

    static func whoAnswered(_ findings: Findings) -> String {
        var out = "<h2 id=\"who-answered\">Who answered, and how</h2>\n"
        out += "<div class=\"table-wrap\"><table class=\"results-table\">\n<caption>Responses by how they were collected</caption>\n"
        out += "<thead><tr><th scope=\"col\">How</th><th scope=\"col\">People</th></tr></thead>\n<tbody>\n"
        for mode in findings.modes {
            out += "<tr><th scope=\"row\">\(HTML.escape(ModeGuess.label(mode.mode)))</th><td>\(count(findings, mode.cell))</td></tr>\n"
        }
        out += "</tbody>\n<tfoot><tr><th scope=\"row\">All</th><td>\(findings.responses)</td></tr></tfoot>\n</table></div>\n"
        var facts: [String] = []
        if let refused = findings.refusedCell {
            facts.append("\(count(findings, refused)) \(findings.cells.count(refused) == 1 ? "person" : "people") started the survey but did not agree to take part. Their answers are not counted.")
        }
        if let door = findings.refusedAtDoor {
            facts.append("\(door < findings.threshold && door > 0 ? "Fewer than \(findings.threshold)" : String(door)) \(door == 1 ? "person" : "people") said no before the survey began.")
        }
        if let approached = findings.approached, approached > 0 {
            let rate = Double(findings.responses) * 100 / Double(approached)
            facts.append("The team asked \(approached) people. The response rate is \(percentText(rate)): \(findings.responses) of \(approached) took part.")
            let refusedOnForm = findings.refusedCell.map { findings.cells.count($0) } ?? 0
            let refusals = refusedOnForm + (findings.refusedAtDoor ?? 0)
            if refusals > 0, findings.refusedCell.map(findings.cells.isShown) ?? true {
                facts.append("The refusal rate is \(percentText(Double(refusals) * 100 / Double(approached))).")
            }
        }
        if findings.duplicates > 0 {
            facts.append("\(findings.duplicates) \(findings.duplicates == 1 ? "response was" : "responses were") in more than one file and \(findings.duplicates == 1 ? "is" : "are") counted once.")
        }
        if !facts.isEmpty {
            out += "<ul class=\"results-facts\">" + facts.map { "<li>\(HTML.escape($0.prefix(1).uppercased() + $0.dropFirst()))</li>" }.joined() + "</ul>\n"
        }
        return out
    }

    static func whoWeReached(_ population: PopulationComparison, findings: Findings) -> String {
        let language = findings.survey.defaultLanguage
        var out = "<h2 id=\"who-we-reached\">Who did we reach?</h2>\n"
        out += "<p>This compares the people who answered with everyone who lives in the area. "
        out += "Area figures: \(HTML.escape(population.source)). A group is marked when its share of the answers is more than "
        out += "\(Int(population.margin.rounded())) percentage points away from its share of the area, "
        out += "or less than half its share of the area.</p>\n"
        for group in population.groups {
            out += "<div class=\"table-wrap\"><table class=\"results-table results-population\">\n"
            out += "<caption>\(HTML.escape(group.label.text(in: language)))</caption>\n"
            out += "<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">People who answered</th><th scope=\"col\">Share of answers</th><th scope=\"col\">Share of the area</th><th scope=\"col\">Compared with the area</th></tr></thead>\n<tbody>\n"
            let baseShown = findings.cells.isShown(group.baseCell)
            for row in group.rows {
                let share = baseShown ? findings.percent(row.cell, of: group.base).map(percentText) ?? "—" : "—"
                let mark: String
                switch row.flag {
                case .under: mark = "<strong class=\"results-flag results-under\">Under-represented</strong>"
                case .over: mark = "<strong class=\"results-flag results-over\">Over-represented</strong>"
                case .inLine: mark = "About right"
                }
                out += "<tr><th scope=\"row\">\(HTML.escape(row.label.text(in: language)))</th><td>\(count(findings, row.cell))</td><td>\(share)</td><td>\(percentText(row.populationPercent))</td><td>\(mark)</td></tr>\n"
            }
            out += "</tbody>\n<tfoot><tr><th scope=\"row\">People who said</th><td>\(count(findings, group.baseCell))</td><td></td><td></td><td></td></tr></tfoot>\n</table></div>\n"
        }
        if let weighting = findings.weighting, let question = findings.survey.question(weighting.question) {
            let name = HTML.escape(question.label.text(in: language).lowercased())
            out += "<div class=\"callout callout-tip\"><p><strong>Weighting.</strong> The columns headed “weighted” count each answer more or less, "
            out += "so that the mix of answers to “\(name)” matches the area. Groups we heard from too little count for more; groups we heard from a lot count for less.</p>"
            out += "<p>Weighting does not fix everything. It cannot bring in the views of people nobody spoke to. It only corrects for this one question, "
            out += "not for others such as ethnic group or tenure. And when a group is very small, a few people end up speaking for many, so their answers matter a great deal. "
            if weighting.unweighted > 0 { out += "People who did not answer this question keep a weight of 1. " }
            out += "Use the unweighted figures to say what people told you, and the weighted ones as a check.</p></div>\n"
        }
        return out
    }

    static func question(_ table: Findings.QuestionTable, findings: Findings, language: String?) -> String {
        let label = table.label.text(in: language)
        let id = "q-\(table.id)"
        var out = "<section class=\"results-question\" id=\"\(HTML.escape(id))\" aria-labelledby=\"\(HTML.escape(id))-heading\">\n"
        out += "<h3 id=\"\(HTML.escape(id))-heading\">Q\(table.number). \(HTML.escape(label))</h3>\n"
        let baseShown = findings.cells.isShown(table.answeredCell)
        // A hidden count reads as "a hidden number", so that no sentence starts "hidden answered".
        func people(_ cell: Int) -> String { findings.cells.visibility[cell] == .hidden ? "a hidden number" : count(findings, cell) }
        var parts = ["\(people(table.answeredCell)) answered"]
        if findings.cells.count(table.notAsked) > 0 { parts.append("\(people(table.notAsked)) were not asked") }
        if findings.cells.count(table.noAnswer) > 0 { parts.append("\(people(table.noAnswer)) left it blank") }
        let base = parts.joined(separator: "; ")
        out += "<p class=\"results-base\">\(base.prefix(1).uppercased() + base.dropFirst()).</p>\n"
        if let summary = table.summary {
            let share = baseShown ? findings.percent(summary.cell, of: table.answered).map(percentText) : nil
            out += "<p class=\"results-summary\"><strong>\(share ?? count(findings, summary.cell))</strong> \(share == nil ? "people" : "") said “\(HTML.escape(summary.label))”"
            out += " (\(count(findings, summary.cell)) of \(count(findings, table.answeredCell)) who answered).</p>\n"
        }
        switch table.kind {
        case .open, .date, .numeric:
            if let numbers = table.numbers {
                out += "<p>Middle value (median): <strong>\(number(numbers.median))</strong>. Half of the answers are between \(number(numbers.lowerQuartile)) and \(number(numbers.upperQuartile)). Average (mean): \(number(numbers.mean)).</p>\n"
            } else if table.kind == .numeric, table.answered > 0 {
                out += "<p>Too few answers to summarise without pointing to someone.</p>\n"
            }
            if table.kind == .open { out += openAnswers(table) }
            if !table.rows.isEmpty { out += dataTable(table, findings: findings, language: language, baseShown: baseShown) }
        default:
            if table.kind == .multiple {
                out += "<p class=\"results-note\">People could choose more than one answer, so the percentages add up to more than 100%.</p>\n"
            }
            if table.kind == .ranking { out += "<p class=\"results-note\">The table counts the answer each person put first.</p>\n" }
            let bars = table.rows.map { row -> BarChart.Bar in
                let share = baseShown ? findings.percent(row.cell, of: table.answered) : nil
                let value = count(findings, row.cell) + (share.map { " (\(percentText($0)))" } ?? "")
                return BarChart.Bar(label: row.label.text(in: language), percent: share, valueText: value)
            }
            out += "<div class=\"results-pair\">\n<figure class=\"results-figure\">\n"
            out += BarChart.svg(bars, id: "\(id)-chart", title: "Q\(table.number). \(label): a bar chart of the answers")
            out += "\n<figcaption>The same figures are in the table.</figcaption>\n</figure>\n"
            out += dataTable(table, findings: findings, language: language, baseShown: baseShown)
            out += "</div>\n"
            if !table.publishedAnswers.isEmpty { out += openAnswers(table) }
        }
        return out + "</section>\n"
    }

    static func dataTable(_ table: Findings.QuestionTable, findings: Findings, language: String?, baseShown: Bool) -> String {
        let weighted = table.rows.contains { $0.weightedPercent != nil }
        var out = "<div class=\"table-wrap\"><table class=\"results-table\">\n<caption>Q\(table.number): answers</caption>\n"
        out += "<thead><tr><th scope=\"col\">Answer</th><th scope=\"col\">People</th><th scope=\"col\">Share</th>"
        if weighted { out += "<th scope=\"col\">Share, weighted</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            let share = baseShown ? findings.percent(row.cell, of: table.answered).map(percentText) ?? "—" : "—"
            out += "<tr><th scope=\"row\">\(HTML.escape(row.label.text(in: language)))</th><td>\(count(findings, row.cell))</td><td>\(share)</td>"
            if weighted {
                let value = findings.cells.isShown(row.cell) ? row.weightedPercent.map(percentText) ?? "—" : "—"
                out += "<td>\(value)</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n<tfoot><tr><th scope=\"row\">People who answered</th><td>\(count(findings, table.answeredCell))</td><td></td>\(weighted ? "<td></td>" : "")</tr></tfoot>\n</table></div>\n"
        return out
    }

    static func openAnswers(_ table: Findings.QuestionTable) -> String {
        guard !table.publishedAnswers.isEmpty else {
            return "<p class=\"results-note\">Written answers are not published. The research team reads them all and reports the themes.</p>\n"
        }
        return "<p>Some of the things people wrote, chosen by the research team:</p>\n<ul class=\"results-quotes\">"
            + table.publishedAnswers.map { "<li><q>\(HTML.escape($0))</q></li>" }.joined() + "</ul>\n"
    }

    static func crossTab(_ cross: Findings.CrossTab, findings: Findings, language: String?) -> String {
        guard let question = findings.question(cross.question), let by = findings.question(cross.by) else { return "" }
        var out = "<h2 id=\"cross-tab\">Q\(question.number) by Q\(by.number)</h2>\n"
        out += "<p>How answers to “\(HTML.escape(question.label.text(in: language)))” differ by “\(HTML.escape(by.label.text(in: language)))”. Each row is one group of people.</p>\n"
        out += "<div class=\"table-wrap\" role=\"group\" aria-label=\"Cross-tabulation\" tabindex=\"0\"><table class=\"results-table results-crosstab\">\n"
        out += "<caption>Q\(question.number) by Q\(by.number), number of people</caption>\n<thead><tr><th scope=\"col\">\(HTML.escape(by.label.text(in: language)))</th>"
        for column in cross.columns { out += "<th scope=\"col\">\(HTML.escape(column.label.text(in: language)))</th>" }
        out += "<th scope=\"col\">All in the group</th></tr></thead>\n<tbody>\n"
        for row in cross.rows {
            out += "<tr><th scope=\"row\">\(HTML.escape(row.label.text(in: language)))</th>"
            for cell in row.cells { out += "<td>\(count(findings, cell))</td>" }
            out += "<td>\(row.total.map { count(findings, $0) } ?? "")</td></tr>\n"
        }
        out += "</tbody>\n<tfoot><tr><th scope=\"row\">All</th>"
        for total in cross.columnTotals { out += "<td>\(count(findings, total))</td>" }
        out += "<td>\(findings.responses)</td></tr></tfoot>\n</table></div>\n"
        return out
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }
}
