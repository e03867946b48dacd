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
    var printLink: @Sendable (String) -> String = { _ in "" }
    /// Paper questionnaires rendered once and shared with the packs.
    var papers = RenderedOnce()

    /// Every file, but none of those in `kept`: a survey whose files were all kept from the last build (their
    /// render keys unchanged) is not made at all, which is most of the cost of a rebuild after a page edit.
    /// Surveys are made side by side on every core, each on its own: a survey's files need nothing from another's.
    func render(skipping kept: Set<String> = []) throws(RenderFailure) -> [RenderedFile] {
        let wanted = site.surveys.filter { !Self.paths(of: $0).allSatisfy(kept.contains) }
        let made = parallelMap(wanted) { entry -> Result<[RenderedFile], RenderFailure> in
            do throws(RenderFailure) { return .success(try self.files(for: entry).filter { !kept.contains($0.path) }) }
            catch { return .failure(error) }
        }
        var files: [RenderedFile] = []
        for survey in made { files += try survey.get() }
        if !kept.contains(Self.listPath) { files.append(RenderedFile(path: Self.listPath, text: listPage())) }
        if !kept.contains(Self.schemaPath) { files.append(RenderedFile(path: Self.schemaPath, text: SurveySchema.json)) }
        return files
    }

    static let listPath = "surveys/index.html"
    static let schemaPath = "surveys/survey.schema.json"

    /// The paths of the files `files(for:)` makes for a survey, known without making them, for its render keys.
    static func paths(of entry: SurveyEntry) -> [String] {
        var paths: [String] = []
        for language in SurveyLanguagePaths.languages(of: entry.survey) {
            let language = SurveyLanguagePaths(folder: entry.folder, language: language, survey: entry.survey)
            paths += [language.web, language.paper, language.codebook, language.codebookCSV]
        }
        return paths + ["\(entry.folder)/\(entry.survey.id).json", "\(entry.folder)/\(entry.survey.id).xlsx"]
    }

    func files(for entry: SurveyEntry) throws(RenderFailure) -> [RenderedFile] {
        let survey = entry.survey
        let folder = entry.folder
        let workbook: Data
        do {
            workbook = try XLSForm.xlsx(survey)
        } catch {
            throw RenderFailure(message: "could not write the XLSForm of survey '\(survey.id)': \(error)")
        }
        let module = site.moduleID(of: entry)
        var files: [RenderedFile] = []
        for language in SurveyLanguagePaths.languages(of: survey) {
            let paths = SurveyLanguagePaths(folder: folder, language: language, survey: survey)
            let code: String? = language.code.isEmpty ? nil : language.code
            let wording = survey.wording
            let title = survey.title.text(in: code)
            files += [
                RenderedFile(path: paths.web, text: page(entry, paths: paths, path: paths.web, title: title,
                    body: GroupPlaceholders.fill(SurveyHTML.webForm(survey, language: code, theme: theme, module: module), group: site.config.group), surveyClass: "web",
                    scripts: ["survey.js"])),
                RenderedFile(path: paths.paper, text: page(entry, paths: paths, path: paths.paper,
                    title: wording.text(.pagesPaperTitle, in: code, ["title": title]),
                    body: GroupPlaceholders.fill(papers.paper(entry, language: code, theme: theme, module: module), group: site.config.group),
                    surveyClass: "paper", scripts: [])),
                RenderedFile(path: paths.codebook, text: page(entry, paths: paths, path: paths.codebook,
                    title: wording.text(.pagesCodebookTitle, in: code, ["title": title]),
                    body: Codebook.html(survey, language: code), surveyClass: "codebook", scripts: [])),
                RenderedFile(path: paths.codebookCSV, text: Codebook.csv(survey, language: code)),
            ]
        }
        files += [
            RenderedFile(path: "\(folder)/\(survey.id).json", text: SurveyJSON.encode(survey)),
            RenderedFile(path: "\(folder)/\(survey.id).xlsx", data: workbook),
        ]
        return files
    }

    private func page(_ entry: SurveyEntry, paths: SurveyLanguagePaths, path: String, title: String, body: String, surveyClass: String,
                      scripts: [String]) -> String {
        var crumbs: [(String, String?)] = [("Home", "index.html"), ("Surveys", "surveys/index.html")]
        if path != paths.web { crumbs.append((entry.survey.title.text(in: paths.language.code), paths.web)) }
        crumbs.append((title, nil))
        let links = surveyLinks(entry, paths: paths, from: path) + languageLinks(entry, paths: paths, from: path)
        let layout = LayoutContext(site: site).view(
            outputPath: path, title: title,
            description: entry.survey.introduction?.text(in: paths.language.code),
            bodyClass: "survey survey-page-\(surveyClass)", breadcrumbs: crumbs, extraStyles: ["survey.css"], scripts: scripts)
        let view = SurveyPageView(layout: layout, surveyClass: surveyClass, pageLanguage: paths.language.code,
                                  body: links + printLink(path) + body)
        return theme.render(view, template: "survey", module: site.moduleID(of: entry))
    }

    /// The other outputs of the same survey, shown above each of its pages (hidden in print).
    private func surveyLinks(_ entry: SurveyEntry, paths: SurveyLanguagePaths, from path: String) -> String {
        let wording = entry.survey.wording
        let code = paths.language.code
        let items: [(String, WordingKey)] = [
            (paths.web, .pagesWeb),
            (paths.paper, .pagesPaper),
            (paths.codebook, .pagesCodebook),
            ("\(entry.folder)/\(entry.id).xlsx", .pagesXlsform),
            (paths.codebookCSV, .pagesCodebookCsv),
            ("\(entry.folder)/\(entry.id).json", .pagesJson),
        ]
        let links = items.map { target, key -> String in
            let label = HTML.escape(wording.text(key, in: code))
            if target == path { return "<li><span aria-current=\"page\">\(label)</span></li>" }
            return "<li><a href=\"\(HTML.escape(ProjectPath.relativeURL(from: path, to: target)))\">\(label)</a></li>"
        }
        return "<nav class=\"survey-outputs no-print\" aria-label=\"\(HTML.escape(wording.text(.pagesOtherForms, in: code)))\"><ul>\(links.joined())</ul></nav>\n"
    }

    /// Plain links to the same page in the survey's other languages, each named in its own language.
    /// `survey.js` remembers the choice; the links work without it.
    private func languageLinks(_ entry: SurveyEntry, paths: SurveyLanguagePaths, from path: String) -> String {
        let survey = entry.survey
        let languages = SurveyLanguagePaths.languages(of: survey)
        guard languages.count > 1 else { return "" }
        let kind = paths.kind(of: path)
        let links = languages.map { language -> String in
            let other = SurveyLanguagePaths(folder: entry.folder, language: language, survey: survey)
            let target = other.path(kind)
            let code = HTML.escape(language.code)
            let name = HTML.escape(survey.wording.text(.languageName, in: language.code))
            if target == path { return "<li><span aria-current=\"page\" lang=\"\(code)\">\(name)</span></li>" }
            return "<li><a href=\"\(HTML.escape(ProjectPath.relativeURL(from: path, to: target)))\" hreflang=\"\(code)\" lang=\"\(code)\">\(name)</a></li>"
        }
        let first = paths.isFirst && kind == .web ? " data-first-page=\"true\"" : ""
        let label = HTML.escape(survey.wording.text(.webLanguageSwitch, in: paths.language.code))
        return "<nav class=\"survey-languages no-print\" aria-label=\"\(label)\" data-survey-languages\(first)><ul>\(links.joined())</ul></nav>\n"
    }

    private func listPage() -> String {
        let path = Self.listPath
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
        let layout = LayoutContext(site: site).view(outputPath: path, title: "Surveys",
            description: "Every survey in the toolkit, as a web form, a paper questionnaire and an XLSForm.",
            bodyClass: "surveys", breadcrumbs: [("Home", "index.html"), ("Surveys", nil)])
        return theme.render(ListView(layout: layout, body: body), template: "list")
    }
}

extension Site {
    /// The module whose templates a survey's pages use: that of the first page that shows it.
    func moduleID(of entry: SurveyEntry) -> String? {
        entry.pages.lazy.compactMap { self.page(source: $0)?.moduleID }.first
    }
}

/// Where one language's pages of a survey go: the first language at `index.html`, `paper/index.html`,
/// `codebook/index.html` and `codebook.csv`; every other one with its code before the extension
/// (`index.cy.html`, `codebook.cy.csv`).
struct SurveyLanguagePaths {
    enum Kind { case web, paper, codebook, codebookCSV }

    let folder: String
    let language: Language
    let isFirst: Bool

    init(folder: String, language: Language, survey: Survey) {
        self.folder = folder
        self.language = language
        self.isFirst = survey.languages.first.map { $0.code == language.code } ?? true
    }

    /// The survey's languages; one without an explicit code for a survey that declares none.
    static func languages(of survey: Survey) -> [Language] {
        survey.languages.isEmpty ? [Language(code: "", name: "")] : survey.languages
    }

    private var suffix: String { isFirst ? "" : ".\(language.code)" }
    var web: String { "\(folder)/index\(suffix).html" }
    var paper: String { "\(folder)/paper/index\(suffix).html" }
    var codebook: String { "\(folder)/codebook/index\(suffix).html" }
    var codebookCSV: String { "\(folder)/codebook\(suffix).csv" }

    func path(_ kind: Kind) -> String {
        switch kind {
        case .web: web
        case .paper: paper
        case .codebook: codebook
        case .codebookCSV: codebookCSV
        }
    }

    func kind(of path: String) -> Kind {
        path == paper ? .paper : path == codebook ? .codebook : path == codebookCSV ? .codebookCSV : .web
    }
}
