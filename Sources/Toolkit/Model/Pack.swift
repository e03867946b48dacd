import Diagnostics
import Survey

/// A printable pack with its items found: the pages and surveys it prints, in order.
public struct Pack: Sendable {
    public enum Item: Sendable {
        case page(Page)
        case survey(SurveyEntry)

        public var title: String {
            switch self {
            case .page(let page): return page.title
            case .survey(let entry): return entry.title
            }
        }

        public var kindLabel: String {
            switch self {
            case .page(let page): return page.frontMatter.kind.label
            case .survey: return "Paper survey"
            }
        }
    }

    public var definition: PackDefinition
    public var moduleID: String
    public var items: [Item]

    public var id: String { definition.id }
    public var title: String { definition.title }

    /// The newest `updated` date of the pages it prints (YYYY-MM-DD), if any page has one.
    public var lastUpdated: String? {
        items.compactMap { item -> String? in
            if case .page(let page) = item { return page.frontMatter.updated }
            return nil
        }.max()
    }
    public var htmlPath: String { "packs/\(id).html" }
    public var largePrintPath: String { "packs/\(id)-large-print.html" }
    public var pdfPath: String { "packs/\(id).pdf" }
    public var largePrintPDFPath: String { "packs/\(id)-large-print.pdf" }
}

/// A survey found in the site: embedded in a page, included by one, or standing alone in a module.
public struct SurveyEntry: Sendable {
    public var survey: Survey
    /// The file the YAML was read from.
    public var sourcePath: String
    /// Pages that show it.
    public var pages: [String]
    /// The fenced blocks that embed or include it.
    public var blockLocations: [SourceLocation]

    public var id: String { survey.id }
    public var title: String { survey.title.text(in: survey.defaultLanguage) }
    public var questionCount: Int { survey.questions.filter { $0.type != .note }.count }
    public var folder: String { "surveys/\(survey.id)" }
}
