import Foundation
import Markdown
import Results
import Survey
import Toolkit

/// `results/`: each survey's findings page and its "you said, we did" page and A4 poster in every
/// language of the survey. Only the aggregates in `Findings` reach these pages.
struct ResultsPages {
    let site: Site
    let theme: Theme
    let reports: [SurveyReport]

    func render() -> [RenderedFile] {
        guard !reports.isEmpty else { return [] }
        var files = [RenderedFile(path: "results/index.html", text: listPage())]
        for report in reports { files += self.files(for: report) }
        return files
    }

    static func folder(_ id: String) -> String { "results/\(id)" }

    static func feedbackPath(_ id: String, language: String, poster: Bool) -> String {
        "\(folder(id))/you-said-we-did/\(language)/\(poster ? "poster/" : "")index.html"
    }

    private func files(for report: SurveyReport) -> [RenderedFile] {
        let survey = report.findings.survey
        let title = survey.title.text(in: survey.defaultLanguage)
        let path = "\(Self.folder(survey.id))/index.html"
        var links: [(label: String, href: String)] = []
        var files: [RenderedFile] = []
        if let feedback = report.feedback {
            for language in feedback.languages {
                let name = survey.languages.first { $0.code == language }?.name ?? "English"
                let pagePath = Self.feedbackPath(survey.id, language: language, poster: false)
                let posterPath = Self.feedbackPath(survey.id, language: language, poster: true)
                let words = FeedbackHTML.words(language)
                let feedbackTitle = feedback.title[language] ?? words.defaultTitle
                links.append(("\(feedbackTitle) (\(name))", ProjectPath.relativeURL(from: path, to: pagePath)))
                let posterLink = "<p class=\"no-print\"><a href=\"\(HTML.escape(ProjectPath.relativeURL(from: pagePath, to: posterPath)))\">\(HTML.escape(words.poster))</a></p>\n"
                files.append(RenderedFile(path: pagePath, text: page(
                    path: pagePath, title: feedbackTitle, crumbs: [(title, path), (feedbackTitle, nil)],
                    body: posterLink + FeedbackHTML.body(feedback, findings: report.findings, language: language, poster: false),
                    kind: "feedback", language: language)))
                let backLink = "<p class=\"no-print\"><a href=\"\(HTML.escape(ProjectPath.relativeURL(from: posterPath, to: pagePath)))\">\(HTML.escape(words.page))</a></p>\n"
                files.append(RenderedFile(path: posterPath, text: page(
                    path: posterPath, title: feedbackTitle, crumbs: [(title, path), (feedbackTitle, pagePath), (words.poster, nil)],
                    body: backLink + FeedbackHTML.body(feedback, findings: report.findings, language: language, poster: true),
                    kind: "poster", language: language, showTitle: false)))
            }
        }
        let surveyLink = site.survey(id: survey.id).map { entry in
            "<p class=\"no-print\">The questions: <a href=\"\(HTML.escape(ProjectPath.relativeURL(from: path, to: "\(entry.folder)/index.html")))\">\(HTML.escape(entry.title))</a>.</p>\n"
        } ?? ""
        files.append(RenderedFile(path: path, text: page(
            path: path, title: "What people told us: \(title)", crumbs: [(title, nil)],
            body: surveyLink + ReportHTML.body(report.findings, feedbackLinks: links), kind: "findings", language: nil)))
        return files
    }

    private func page(path: String, title: String, crumbs: [(String, String?)], body: String, kind: String,
                      language: String?, showTitle: Bool = true) -> String {
        let trail: [(String, String?)] = [("Home", "index.html"), ("Results", "results/index.html")] + crumbs
        var context = LayoutContext(site: site).values(
            outputPath: path, title: title, description: "Findings from a Doorstep survey: totals only, with small numbers hidden.",
            bodyClass: "results results-\(kind)", breadcrumbs: trail, extraStyles: ["results.css"])
        context["body"] = body
        context["resultsClass"] = kind
        context["showTitle"] = showTitle
        if let language { context["pageLanguage"] = language }
        return theme.render(context, template: "results")
    }

    private func listPage() -> String {
        let path = "results/index.html"
        var body = "<p>What people told us in each survey, as totals. Small numbers are hidden so that no one can be picked out.</p>\n<ul>\n"
        for report in reports {
            let survey = report.findings.survey
            body += "<li><a href=\"\(HTML.escape(ProjectPath.relativeURL(from: path, to: "\(Self.folder(survey.id))/index.html")))\">\(HTML.escape(survey.title.text(in: survey.defaultLanguage)))</a>: \(report.findings.responses) \(report.findings.responses == 1 ? "response" : "responses")</li>\n"
        }
        body += "</ul>\n"
        var context = LayoutContext(site: site).values(outputPath: path, title: "Results", description: "Survey findings.",
                                                       bodyClass: "results", breadcrumbs: [("Home", "index.html"), ("Results", nil)])
        context["body"] = body
        return theme.render(context, template: "list")
    }
}
