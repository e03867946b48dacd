import Foundation
import Diagnostics
import Markdown
import Results
import Survey
import Toolkit

/// `results/`: each survey's findings page and its "you said, we did" page and poster in every language of
/// the survey, and their print documents: the findings on A4, the poster on A4 and A3, and an A5 leaflet.
/// Only the aggregates in `Findings` reach these pages.
struct ResultsPages {
    let site: Site
    let theme: Theme
    let reports: [SurveyReport]
    /// Whether this build makes PDFs of the print documents; the pages link the PDFs when it does, and
    /// the print-ready HTML when it does not.
    var withPDFs = false

    /// A print document: its HTML, the PDF made from it, and the paper it is laid out for.
    struct PrintDocument: Equatable, Sendable {
        enum Paper: String, Sendable { case a4 = "A4", a3 = "A3", a5 = "A5" }
        var htmlPath: String
        var paper: Paper
        /// The most sides it may print on (a poster one, a leaflet both sides of its sheet); nil for no limit.
        var sides: Int? = nil
        /// Where its words come from, for a warning when it runs over.
        var source: SourceLocation? = nil
        var pdfPath: String { String(htmlPath.dropLast(".html".count)) + ".pdf" }
    }

    static func findingsDocument(_ id: String) -> PrintDocument {
        PrintDocument(htmlPath: "\(folder(id))/print/findings.html", paper: .a4)
    }

    /// The poster on A4 and on A3, then the leaflet on A5, for one language.
    static func feedbackDocuments(_ id: String, language: String, source: SourceLocation? = nil) -> [PrintDocument] {
        let print = "\(folder(id))/you-said-we-did/\(language)/print"
        return [PrintDocument(htmlPath: "\(print)/poster-a4.html", paper: .a4, sides: 1, source: source),
                PrintDocument(htmlPath: "\(print)/poster-a3.html", paper: .a3, sides: 1, source: source),
                PrintDocument(htmlPath: "\(print)/leaflet-a5.html", paper: .a5, sides: 2, source: source)]
    }

    /// Every print document of these reports, for the PDF stage.
    var printDocuments: [PrintDocument] {
        reports.flatMap { report -> [PrintDocument] in
            let id = report.findings.survey.id
            let feedback = report.feedback.map { feedback -> [PrintDocument] in
                let source = feedback.items.first?.location.map { SourceLocation(file: $0.file, line: 1, column: 1) }
                return feedback.languages.flatMap { Self.feedbackDocuments(id, language: $0, source: source) }
            } ?? []
            return [Self.findingsDocument(id)] + feedback
        }
    }

    /// A link to a print document from `path`: to its PDF when the build makes one.
    private func printHref(_ document: PrintDocument, from path: String) -> String {
        ProjectPath.relativeURL(from: path, to: withPDFs ? document.pdfPath : document.htmlPath)
    }

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
                let documents = Self.feedbackDocuments(survey.id, language: language)
                let printLabels = [words.posterA4, words.posterA3, words.leaflet]
                let posterLink = "<p class=\"no-print\"><a href=\"\(HTML.escape(ProjectPath.relativeURL(from: pagePath, to: posterPath)))\">\(HTML.escape(words.poster))</a></p>\n"
                    + "<ul class=\"no-print results-print-links\">\n"
                    + zip(documents, printLabels).map { document, label in
                        "<li><a href=\"\(HTML.escape(printHref(document, from: pagePath)))\">\(HTML.escape(label))</a>\(withPDFs ? " (PDF)" : "")</li>\n"
                    }.joined() + "</ul>\n"
                for document in documents {
                    files.append(RenderedFile(path: document.htmlPath, text: printDocument(
                        document, title: feedbackTitle, language: language, kind: document.paper == .a5 ? "leaflet" : "poster",
                        body: FeedbackHTML.body(feedback, findings: report.findings, language: language, poster: true))))
                }
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
        let findingsTitle = "What people told us: \(title)"
        let findingsDocument = Self.findingsDocument(survey.id)
        let printLink = "<p class=\"no-print\"><a href=\"\(HTML.escape(printHref(findingsDocument, from: path)))\">Print the findings on A4</a>\(withPDFs ? " (PDF)" : "")</p>\n"
        files.append(RenderedFile(path: path, text: page(
            path: path, title: findingsTitle, crumbs: [(title, nil)],
            body: surveyLink + printLink + ReportHTML.body(report.findings, feedbackLinks: links), kind: "findings", language: nil)))
        files.append(RenderedFile(path: findingsDocument.htmlPath, text: printDocument(
            findingsDocument, title: findingsTitle, language: site.config.language, kind: "findings",
            body: "<h1>\(HTML.escape(findingsTitle))</h1>\n" + ReportHTML.body(report.findings))))
        return files
    }

    private func page(path: String, title: String, crumbs: [(String, String?)], body: String, kind: String,
                      language: String?, showTitle: Bool = true) -> String {
        let trail: [(String, String?)] = [("Home", "index.html"), ("Results", "results/index.html")] + crumbs
        let layout = LayoutContext(site: site).view(
            outputPath: path, title: title, description: "Findings from a Doorstep survey: totals only, with small numbers hidden.",
            bodyClass: "results results-\(kind)", breadcrumbs: trail, extraStyles: ["results.css"])
        let view = ResultsView(layout: layout, resultsClass: kind, showTitle: showTitle, pageLanguage: language, body: body)
        return theme.render(view, template: "results")
    }

    /// A print document through the `results-print` template: the page alone, laid out for its paper.
    private func printDocument(_ document: PrintDocument, title: String, language: String, kind: String, body: String) -> String {
        let view = ResultsPrintView(
            language: language, siteTitle: site.config.title, title: title,
            description: "\(title): to print on \(document.paper.rawValue).", kind: kind, paper: document.paper.rawValue,
            printCSS: ProjectPath.relativeURL(from: document.htmlPath, to: "assets/print.css"), body: body)
        return theme.render(view, template: "results-print")
    }

    private func listPage() -> String {
        let path = "results/index.html"
        var body = "<p>What people told us in each survey, as totals. Small numbers are hidden so that no one can be picked out.</p>\n<ul>\n"
        for report in reports {
            let survey = report.findings.survey
            body += "<li><a href=\"\(HTML.escape(ProjectPath.relativeURL(from: path, to: "\(Self.folder(survey.id))/index.html")))\">\(HTML.escape(survey.title.text(in: survey.defaultLanguage)))</a>: \(report.findings.responses) \(report.findings.responses == 1 ? "response" : "responses")</li>\n"
        }
        body += "</ul>\n"
        let layout = LayoutContext(site: site).view(outputPath: path, title: "Results", description: "Survey findings.",
                                                    bodyClass: "results", breadcrumbs: [("Home", "index.html"), ("Results", nil)])
        return theme.render(ListView(layout: layout, body: body), template: "list")
    }
}
