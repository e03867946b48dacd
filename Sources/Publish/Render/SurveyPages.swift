import Foundation
import Markdown
import Survey
import Toolkit

/// Each survey's folder: web form, paper questionnaire, XLSForm, codebook and JSON; plus the survey list
/// and the JSON Schema of the format.
struct SurveyPages {
    let site: Site
    let theme: Theme
    /// The "Print this" link from a page to its photocopy master, if it has one.
    var printLink: (String) -> String = { _ in "" }

    func render() throws(RenderFailure) -> [RenderedFile] {
        var files: [RenderedFile] = []
        for entry in site.surveys { files += try self.files(for: entry) }
        files.append(RenderedFile(path: "surveys/index.html", text: listPage()))
        files.append(RenderedFile(path: "surveys/survey.schema.json", text: SurveySchema.json))
        return files
    }

    private func files(for entry: SurveyEntry) throws(RenderFailure) -> [RenderedFile] {
        let survey = entry.survey
        let folder = entry.folder
        let workbook: Data
        do {
            workbook = try XLSForm.xlsx(survey)
        } catch {
            throw RenderFailure(message: "could not write the XLSForm of survey '\(survey.id)': \(error)")
        }
        return [
            RenderedFile(path: "\(folder)/index.html", text: page(entry, path: "\(folder)/index.html",
                title: entry.title, body: GroupPlaceholders.fill(WebForm.html(survey), group: site.config.group), surveyClass: "web", scripts: ["survey.js"])),
            RenderedFile(path: "\(folder)/paper/index.html", text: page(entry, path: "\(folder)/paper/index.html",
                title: "\(entry.title) (paper questionnaire)", body: GroupPlaceholders.fill(PaperQuestionnaire.html(survey), group: site.config.group),
                surveyClass: "paper", scripts: [])),
            RenderedFile(path: "\(folder)/codebook/index.html", text: page(entry, path: "\(folder)/codebook/index.html",
                title: "\(entry.title): codebook", body: Codebook.html(survey), surveyClass: "codebook", scripts: [])),
            RenderedFile(path: "\(folder)/codebook.csv", text: Codebook.csv(survey)),
            RenderedFile(path: "\(folder)/\(survey.id).json", text: SurveyJSON.encode(survey)),
            RenderedFile(path: "\(folder)/\(survey.id).xlsx", data: workbook),
        ]
    }

    private func page(_ entry: SurveyEntry, path: String, title: String, body: String, surveyClass: String,
                      scripts: [String]) -> String {
        var crumbs: [(String, String?)] = [("Home", "index.html"), ("Surveys", "surveys/index.html")]
        if path != "\(entry.folder)/index.html" { crumbs.append((entry.title, "\(entry.folder)/index.html")) }
        crumbs.append((title, nil))
        let links = surveyLinks(entry, from: path)
        var context = LayoutContext(site: site).values(
            outputPath: path, title: title,
            description: entry.survey.introduction?.text(in: entry.survey.defaultLanguage),
            bodyClass: "survey survey-page-\(surveyClass)", breadcrumbs: crumbs, extraStyles: ["survey.css"], scripts: scripts)
        context["body"] = links + printLink(path) + body
        context["surveyClass"] = surveyClass
        return theme.render(context, template: "survey")
    }

    /// The other outputs of the same survey, shown above each of its pages (hidden in print).
    private func surveyLinks(_ entry: SurveyEntry, from path: String) -> String {
        let items: [(String, String)] = [
            ("\(entry.folder)/index.html", "Web form"),
            ("\(entry.folder)/paper/index.html", "Paper questionnaire"),
            ("\(entry.folder)/codebook/index.html", "Codebook"),
            ("\(entry.folder)/\(entry.id).xlsx", "XLSForm (.xlsx)"),
            ("\(entry.folder)/codebook.csv", "Codebook (CSV)"),
            ("\(entry.folder)/\(entry.id).json", "JSON"),
        ]
        let links = items.map { target, label -> String in
            if target == path { return "<li><span aria-current=\"page\">\(label)</span></li>" }
            return "<li><a href=\"\(HTML.escape(ProjectPath.relativeURL(from: path, to: target)))\">\(label)</a></li>"
        }
        return "<nav class=\"survey-outputs no-print\" aria-label=\"This survey in other forms\"><ul>\(links.joined())</ul></nav>\n"
    }

    private func listPage() -> String {
        let path = "surveys/index.html"
        var body = "<p>Every survey in the toolkit, ready to fill in on screen, print on paper or load into KoboToolbox or ODK Collect. "
        body += "Editors can check survey files against the <a href=\"survey.schema.json\">JSON Schema of the survey format</a>.</p>\n"
        body += "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Survey</th><th scope=\"col\">Questions</th><th scope=\"col\">Time</th><th scope=\"col\">Found in</th></tr></thead>\n<tbody>\n"
        for entry in site.surveys {
            let pages = entry.pages.compactMap(site.page(source:)).map { page in
                "<a href=\"\(HTML.escape(ProjectPath.relativeURL(from: path, to: page.outputPath)))\">\(HTML.escape(page.title))</a>"
            }
            let minutes = entry.survey.estimatedMinutes.map { "about \($0) minutes" } ?? "—"
            body += "<tr><td><a href=\"\(entry.id)/index.html\">\(HTML.escape(entry.title))</a></td><td>\(entry.questionCount)</td><td>\(minutes)</td><td>\(pages.isEmpty ? "—" : pages.joined(separator: ", "))</td></tr>\n"
        }
        body += "</tbody>\n</table></div>\n"
        var context = LayoutContext(site: site).values(outputPath: path, title: "Surveys",
            description: "Every survey in the toolkit, as a web form, a paper questionnaire and an XLSForm.",
            bodyClass: "surveys", breadcrumbs: [("Home", "index.html"), ("Surveys", nil)])
        context["body"] = body
        return theme.render(context, template: "list")
    }
}
