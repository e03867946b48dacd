import Foundation
import Markdown
import Toolkit

/// The offline search: an index shipped as a script file (so it loads from `file://`), and the search page.
struct SearchIndex {
    let site: Site

    struct Entry: Encodable {
        /// Title, module title, URL from the site root, kind, headings, text.
        var t: String
        var m: String
        var u: String
        var k: String
        var h: [String]
        var x: String
    }

    /// Words of body text kept per page: enough to find a page by what it is about, small enough for old phones.
    static let wordsPerPage = 120

    func entries() -> [Entry] {
        var entries: [Entry] = []
        for page in site.allPages {
            let module = page.moduleID.flatMap(site.module(id:))
            var text = ""
            collectText(page.document, into: &text)
            let sessions = page.directives.compactMap { site.sessions[$0.location] }
            let sessionText = sessions.map { plan in ([plan.title] + plan.activities.map(\.activity)).joined(separator: ". ") }
            entries.append(Entry(
                t: page.title, m: module?.title ?? site.config.title, u: page.outputPath,
                k: page.frontMatter.kind.label,
                h: page.headings.filter { $0.level <= 3 }.map(\.text) + sessions.map(\.title),
                x: Self.firstWords(([page.frontMatter.summary ?? ""] + sessionText + [text]).joined(separator: " "))))
        }
        for entry in site.surveys {
            let survey = entry.survey
            let labels = survey.questions.map { $0.label.text(in: survey.defaultLanguage) }
            entries.append(Entry(t: entry.title, m: "Surveys", u: "\(entry.folder)/index.html", k: "Survey",
                                 h: survey.sections.map { $0.title?.text(in: survey.defaultLanguage) ?? "" }.filter { !$0.isEmpty },
                                 x: Self.firstWords(labels.joined(separator: " "))))
        }
        return entries
    }

    func files(theme: Theme) -> [RenderedFile] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(entries())).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        let script = "window.DOORSTEP_SEARCH_INDEX = \(json);\n"
        return [RenderedFile(path: "assets/search-index.js", text: script),
                RenderedFile(path: "search/index.html", text: page(theme: theme))]
    }

    private func page(theme: Theme) -> String {
        let path = "search/index.html"
        var context = LayoutContext(site: site).values(
            outputPath: path, title: "Search", description: "Search the toolkit's guides, surveys and session plans.",
            bodyClass: "search", breadcrumbs: [("Home", "index.html"), ("Search", nil)],
            scripts: ["search-index.js", "search.js"])
        context["body"] = """
        <form class="search-form" role="search" action="index.html" method="get">
        <label for="search-input">Search the toolkit</label>
        <div class="search-row"><input id="search-input" name="q" type="search" autocomplete="off" aria-describedby="search-hint search-status">
        <button type="submit">Search</button></div>
        <p id="search-hint" class="hint">Search guides, handouts, session plans and surveys. Results are grouped by module.</p>
        </form>
        <p id="search-status" role="status" aria-live="polite"></p>
        <div id="search-results"></div>
        <noscript><p>Search needs JavaScript. Without it, browse the <a href="../index.html#modules">modules</a> or the <a href="../surveys/index.html">surveys</a>.</p></noscript>
        """
        return theme.render(context, template: "list")
    }

    private func collectText(_ node: MarkdownNode, into text: inout String) {
        switch node {
        case .paragraph, .table:
            text += node.plainText + " "
        case .codeBlock, .htmlBlock, .heading:
            break
        default:
            for child in node.children { collectText(child, into: &text) }
        }
    }

    static func firstWords(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).prefix(wordsPerPage).joined(separator: " ")
    }
}
