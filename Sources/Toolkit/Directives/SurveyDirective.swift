import Diagnostics
import Markdown
import Survey

/// ` ```survey `: a survey embedded in (or included by) a page. The page shows a summary with links to
/// the survey's own pages; the survey itself is validated once for the whole site.
public struct SurveyDirective: Directive {
    public var name: String { "survey" }

    public init() {}

    /// A block either names a survey file (`include: ...`) or holds the survey itself.
    public enum Block: Sendable {
        /// The path as written, where it is written and its length in the page.
        case include(Located<String>, length: Int)
        case inline(Survey)
    }

    public func decode(_ block: DirectiveBlock) -> (Block?, [Diagnostic]) {
        // The same reading as `doorstep survey check`, so that both find the same surveys at the same places.
        // A fence inside a list or quote is indented; libcmark strips that indent from the YAML.
        let source = SurveySources.sources(of: [SurveyBlock(yaml: block.content, fenceLine: block.contentLineOffset,
                                                            indent: block.location.column - 1)],
                                           page: block.location.file)[0]
        switch source {
        case let .include(path, location, length):
            return (.include(Located(path, at: location), length: length), [])
        case let .embedded(yaml, lineOffset, columnOffset):
            let (survey, diagnostics) = SurveyDecoder.decode(yaml: yaml, file: block.location.file,
                                                             lineOffset: lineOffset, columnOffset: columnOffset)
            return (survey.map(Block.inline), diagnostics)
        }
    }

    /// A survey is found through its own pages in search, not through the page that shows its card.
    public func searchText(of value: Block, in block: DirectiveBlock) -> String { "" }

    public func render(_ value: Block, of block: DirectiveBlock, in context: DirectiveContext) -> String {
        guard let entry = context.site.surveys.first(where: { $0.blockLocations.contains(block.location) }) else { return "" }
        let survey = entry.survey
        let language = survey.defaultLanguage
        func link(_ file: String, _ text: String, download: Bool = false) -> String {
            let href = HTML.escape(context.url(to: "\(entry.folder)/\(file)"))
            return "<li><a href=\"\(href)\"\(download ? " download" : "")>\(text)</a></li>"
        }
        var html = "<section class=\"survey-card\" aria-label=\"Survey: \(HTML.escape(entry.title))\">\n"
        html += "<p class=\"survey-card-kind\">Survey</p>\n<h2 class=\"survey-card-title\">\(HTML.escape(entry.title))</h2>\n"
        var facts = ["\(entry.questionCount) questions"]
        if let minutes = survey.estimatedMinutes { facts.append("about \(minutes) minutes") }
        if survey.languages.count > 1 { facts.append(survey.languages.map(\.name).joined(separator: " and ")) }
        html += "<p class=\"survey-card-facts\">\(HTML.escape(facts.joined(separator: " · ")))</p>\n"
        if let introduction = survey.introduction?.text(in: language) {
            html += "<p>\(HTML.escape(introduction))</p>\n"
        }
        html += "<ul class=\"survey-card-links\">\n"
        html += link("index.html", "Fill in the form on screen") + "\n"
        html += link("paper/index.html", "Print the paper questionnaire") + "\n"
        html += link("\(survey.id).xlsx", "XLSForm for KoboToolbox or ODK (.xlsx)", download: true) + "\n"
        html += link("codebook/index.html", "Codebook (variables and codes)") + "\n"
        html += link("codebook.csv", "Codebook as CSV", download: true) + "\n"
        html += link("\(survey.id).json", "Survey as JSON", download: true) + "\n"
        html += "</ul>\n</section>\n"
        return html
    }
}
