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

/// A photocopy master: one handout, worksheet, consent form or paper survey printed on its own, with its
/// own page numbers, for a trainer to copy. Its web page links to it ("Print this").
public struct PrintMaster: Sendable {
    public var item: Pack.Item
    /// The file name, without extension, inside `packs/masters/`: the module and the page's path there
    /// ("appreciative-inquiry-worksheets-action-plan"), or "survey-" and the survey's id.
    public var name: String
    /// For a survey in more than one language: the one this master prints (one master per language).
    public var language: String? = nil

    /// Pages of these kinds are printed as masters.
    public static let kinds: Set<PageKind> = [.handout, .worksheet, .consentForm]

    public var htmlPath: String { "packs/masters/\(name).html" }
    public var pdfPath: String { "packs/masters/\(name).pdf" }

    /// The web page that carries the "Print this" link.
    public var webPath: String {
        switch item {
        case .page(let page): return page.outputPath
        case .survey(let entry):
            guard let language, language != entry.survey.defaultLanguage else { return "\(entry.folder)/paper/index.html" }
            return "\(entry.folder)/paper/index.\(language).html"
        }
    }

    /// Every master of the site, in module order then survey order; names made unique by a number.
    public static func all(in site: Site) -> [PrintMaster] {
        let pages = site.allPages.filter { kinds.contains($0.frontMatter.kind) && !$0.isIndex }
            .map { page in (Pack.Item.page(page), [page.moduleID ?? "site", page.slug].joined(separator: "-"), String?.none) }
        // A survey in several languages gets a master per language, so a resident is handed one form, not both.
        let surveys = site.surveys.flatMap { entry -> [(Pack.Item, String, String?)] in
            let languages = entry.survey.languages.map(\.code)
            guard languages.count > 1 else { return [(Pack.Item.survey(entry), "survey-\(entry.id)", nil)] }
            return languages.map { language in
                (Pack.Item.survey(entry), language == entry.survey.defaultLanguage ? "survey-\(entry.id)" : "survey-\(entry.id)-\(language)", language)
            }
        }
        var taken: Set<String> = []
        return (pages + surveys).map { item, stem, language in
            let base = stem.replacingOccurrences(of: "/", with: "-")
            var name = base
            var number = 2
            while taken.contains(name) {
                name = "\(base)-\(number)"
                number += 1
            }
            taken.insert(name)
            return PrintMaster(item: item, name: name, language: language)
        }
    }
}
