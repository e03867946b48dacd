/// What `not-found.mustache` shows: the layout alone, for 404.html.
struct NotFoundView: TemplateView {
    static let viewName = "NotFoundView"
    static let extends: (any TemplateView.Type)? = LayoutView.self
    static let variables: [TemplateVariable] = []

    var layout: LayoutView

    func child(named name: String) -> Any? { layout.child(named: name) }
}

/// What `list.mustache` shows: a page the build writes itself, such as the surveys, the packs, search and results.
struct ListView: TemplateView {
    static let viewName = "ListView"
    static let extends: (any TemplateView.Type)? = LayoutView.self
    static let variables: [TemplateVariable] = [
        .init("summary", .text, "A line under the title; none of the built-in list pages has one."),
        .init("body", .html, "The page's content as HTML."),
    ]

    var layout: LayoutView
    var summary: String?
    var body: String

    func child(named name: String) -> Any? {
        switch name {
        case "summary": present(summary)
        case "body": TemplateText(body)
        default: layout.child(named: name)
        }
    }
}

/// What `survey.mustache` shows around one of a survey's pages: its web form, paper questionnaire or codebook.
struct SurveyPageView: TemplateView {
    static let viewName = "SurveyPageView"
    static let extends: (any TemplateView.Type)? = LayoutView.self
    static let variables: [TemplateVariable] = [
        .init("surveyClass", .text, "Which of the survey's pages this is: `web`, `paper` or `codebook`."),
        .init("pageLanguage", .text, "The language code of the page, for a survey that names its languages; empty otherwise."),
        .init("body", .html, "Links to the survey's other forms and languages, then the form, questionnaire or codebook."),
    ]

    var layout: LayoutView
    var surveyClass: String
    var pageLanguage: String?
    var body: String

    func child(named name: String) -> Any? {
        switch name {
        case "surveyClass": TemplateText(surveyClass)
        case "pageLanguage": present(pageLanguage)
        case "body": TemplateText(body)
        default: layout.child(named: name)
        }
    }
}

/// What `results.mustache` shows: a survey's findings, or its "you said, we did" page or poster.
struct ResultsView: TemplateView {
    static let viewName = "ResultsView"
    static let extends: (any TemplateView.Type)? = LayoutView.self
    static let variables: [TemplateVariable] = [
        .init("resultsClass", .text, "Which page this is: `findings`, `feedback` or `poster`."),
        .init("showTitle", .flag, "False on a poster, which has its own heading."),
        .init("pageLanguage", .text, "The language code of a \"you said, we did\" page; empty on the findings."),
        .init("body", .html, "The findings or the feedback, as HTML: totals only, with small numbers hidden."),
    ]

    var layout: LayoutView
    var resultsClass: String
    var showTitle: Bool
    var pageLanguage: String?
    var body: String

    func child(named name: String) -> Any? {
        switch name {
        case "resultsClass": TemplateText(resultsClass)
        case "showTitle": showTitle
        case "pageLanguage": present(pageLanguage)
        case "body": TemplateText(body)
        default: layout.child(named: name)
        }
    }
}

/// What `results-print.mustache` shows: findings, a poster or a leaflet alone on its paper, to print.
struct ResultsPrintView: TemplateView {
    static let viewName = "ResultsPrintView"
    static let variables: [TemplateVariable] = [
        .init("language", .text, "The document's language code."),
        .init("siteTitle", .text, "The site's title."),
        .init("title", .text, "The document's title."),
        .init("description", .text, "What the document is, in a sentence."),
        .init("kind", .text, "`findings`, `poster` or `leaflet`."),
        .init("paper", .text, "The paper size: `A4`, `A3` or `A5`."),
        .init("printCSS", .text, "The relative link to the print stylesheet."),
        .init("body", .html, "The document's content as HTML."),
    ]

    var language: String
    var siteTitle: String
    var title: String
    var description: String
    var kind: String
    var paper: String
    var printCSS: String
    var body: String

    func child(named name: String) -> Any? {
        switch name {
        case "language": TemplateText(language)
        case "siteTitle": TemplateText(siteTitle)
        case "title": TemplateText(title)
        case "description": TemplateText(description)
        case "kind": TemplateText(kind)
        case "paper": TemplateText(paper)
        case "printCSS": TemplateText(printCSS)
        case "body": TemplateText(body)
        default: nil
        }
    }
}
