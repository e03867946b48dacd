import Foundation
import Markdown
import Survey
import Toolkit

/// Print documents for packs (normal and large print), and the "Printable packs" page.
struct PackPages {
    let site: Site
    let theme: Theme
    let directives: DirectiveRegistry
    /// Paper questionnaires rendered once and shared with the survey pages.
    var papers = RenderedOnce()
    /// Page titles by output path, for the links a pack prints: looked up, not searched for, per link.
    let pageTitles: [String: String]

    init(site: Site, theme: Theme, directives: DirectiveRegistry, papers: RenderedOnce = RenderedOnce()) {
        self.site = site
        self.theme = theme
        self.directives = directives
        self.papers = papers
        pageTitles = Dictionary(site.allPages.map { ($0.outputPath, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every pack in both sizes and every photocopy master, but those in `kept` (whose last files are kept), each
    /// one document of its own, made side by side on every core.
    func renderHTML(skipping kept: Set<String> = []) -> [RenderedFile] {
        enum Job: Sendable {
            case pack(Pack, largePrint: Bool)
            case master(PrintMaster)
        }
        let packs = site.packs.flatMap { pack in
            [(pack.htmlPath, false), (pack.largePrintPath, true)].filter { !kept.contains($0.0) }.map { Job.pack(pack, largePrint: $0.1) }
        }
        let masters = PrintMaster.all(in: site).filter { !kept.contains($0.htmlPath) }.map(Job.master)
        return parallelMap(packs + masters) { job in
            switch job {
            case .pack(let pack, let large): RenderedFile(path: large ? pack.largePrintPath : pack.htmlPath, text: document(pack, largePrint: large))
            case .master(let master): RenderedFile(path: master.htmlPath, text: document(master))
            }
        }
    }

    func document(_ pack: Pack, largePrint: Bool) -> String {
        let path = largePrint ? pack.largePrintPath : pack.htmlPath
        // A link to another item of the same pack goes to that item in this document, not to the web.
        var itemAnchors: [String: String] = [:]
        for (index, item) in pack.items.enumerated() {
            if case .page(let page) = item, itemAnchors[page.outputPath] == nil { itemAnchors[page.outputPath] = Self.anchor(index) }
        }
        let body = PageBody(site: site, directives: directives, absoluteBase: site.config.baseURL, documentAnchors: itemAnchors)
        let items = pack.items.enumerated().map { index, item in
            itemView(of: item, anchor: Self.anchor(index), path: path, body: body, withAnswers: true)
        }
        let view = PackView(
            language: site.config.language, siteTitle: site.config.title, title: pack.title,
            description: "\(pack.title): a printable pack for \(pack.definition.audience.lowercased()).",
            runningTitle: pack.title, paper: largePrint ? "A4" : pack.definition.paper.rawValue,
            printCSS: ProjectPath.relativeURL(from: path, to: "assets/print.css"),
            largePrint: largePrint, audience: pack.definition.audience, itemCount: pack.items.count,
            updated: pack.lastUpdated.map(Formatting.longDate), licenceHTML: licence(from: path), items: items)
        return theme.render(view, template: "pack", module: pack.moduleID)
    }

    /// A photocopy master: the item alone on A4, under the group's name (or a blank for it), with its own
    /// page numbers. Answer keys are left out: participants get copies of it.
    func document(_ master: PrintMaster) -> String {
        let path = master.htmlPath
        let body = PageBody(site: site, directives: directives, absoluteBase: site.config.baseURL)
        let item = itemView(of: master.item, anchor: Self.anchor(0), path: path, body: body, withAnswers: false,
                            language: master.language)
        let title = item.title.isEmpty ? master.item.title : item.title
        let organisation = site.config.group.organisation
        let module: String?
        switch master.item {
        case .page(let page): module = page.moduleID
        case .survey: module = nil
        }
        let view = PackView(
            language: master.language ?? site.config.language, siteTitle: site.config.title, title: title,
            description: "\(title): a \(master.item.kindLabel.lowercased()) to print and photocopy.",
            runningTitle: organisation.map { "\($0) \u{00B7} \(title)" } ?? title, paper: "A4",
            printCSS: ProjectPath.relativeURL(from: path, to: "assets/print.css"), master: true,
            groupHTML: GroupPlaceholders.fill("{{group.organisation}}", group: site.config.group), items: [item])
        return theme.render(view, template: "pack", module: module)
    }

    /// The view of one item of a pack, its body rendered for the document at `path`.
    /// `language` prints a survey in that language only; without it, in each of its languages in turn.
    private func itemView(of item: Pack.Item, anchor: String, path: String, body: PageBody, withAnswers: Bool,
                      language only: String? = nil) -> PackItemView {
        let title: (String) -> String? = { self.title(ofOutput: $0) }
        switch item {
        case .page(let page):
            let html = body.html(page, outputPath: path)
            return PackItemView(
                anchor: anchor, title: item.title, kind: item.kindLabel, kindClass: page.frontMatter.kind.rawValue,
                summary: page.frontMatter.kind == .guide ? page.frontMatter.summary : nil,
                body: PackAnchors.scoped(PrintLinks.forPrint(withAnswers ? html : AnswerKey.removed(from: html), from: path, titleOf: title), to: anchor))
        case .survey(let entry):
            // A bilingual survey prints in each of its languages, one after the other.
            let languages = only.map { [$0] } ?? (entry.survey.languages.isEmpty ? [nil] : entry.survey.languages.map(\.code))
            return PackItemView(
                // A master in one language is titled in that language.
                anchor: anchor, title: only.map { entry.survey.title.text(in: $0) } ?? item.title, kind: item.kindLabel,
                kindClass: "survey",
                body: languages.enumerated().map { position, language in
                    let paper = papers.paper(entry, language: language, theme: theme, module: site.moduleID(of: entry))
                    let html = GroupPlaceholders.fill(paper, group: site.config.group)
                    return PackAnchors.scoped(html, to: position == 0 ? anchor : "\(anchor)-\(language ?? "")")
                }.joined())
        }
    }

    private func licence(from path: String) -> String {
        let root = String(ProjectPath.relativeURL(from: path, to: "index.html").dropLast("index.html".count))
        return PrintLinks.forPrint(Formatting.licenceHTML(site.config.licence, root: site.config.baseURL ?? root,
                                                   hasLicencePage: site.page(source: "content/licence.md") != nil),
                                   from: path, titleOf: { self.title(ofOutput: $0) })
    }

    static func anchor(_ index: Int) -> String { "pack-item-\(index + 1)" }

    /// The title of the page or survey published at an output path, for "(see 'Title' on the website)".
    func title(ofOutput path: String) -> String? {
        if let title = pageTitles[path] { return title }
        if let survey = site.surveys.first(where: { path.hasPrefix($0.folder + "/") }) { return survey.title }
        if path == "packs/index.html" { return "Printable packs" }
        return nil
    }

    /// The list of packs, with the page counts measured from the PDFs when they were made.
    func indexPage(pageCounts: [String: Int]) -> RenderedFile {
        let path = "packs/index.html"
        var body = "<p>Print these packs for training sessions and field work. Open a pack by its name to print it from your browser, or download its PDF. Each pack puts its session plans, handouts, "
        body += "worksheets, consent forms and paper surveys in order, with a contents page. "
        body += "Every pack also comes in large print (18 point, A4).</p>\n"
        body += "<div class=\"table-wrap\"><table class=\"packs-table\">\n<thead><tr><th scope=\"col\">Pack</th><th scope=\"col\">For</th><th scope=\"col\">Pages</th><th scope=\"col\">Paper</th><th scope=\"col\">Last updated</th><th scope=\"col\">Other formats</th></tr></thead>\n<tbody>\n"
        for pack in site.packs {
            let updated = pack.lastUpdated.map(Formatting.longDate) ?? "—"
            let pages = pageCounts[pack.pdfPath].map(String.init) ?? "—"
            var downloads: [String] = []
            if pageCounts[pack.pdfPath] != nil { downloads.append("<a href=\"\(pack.id).pdf\">PDF</a>") }
            if pageCounts[pack.largePrintPDFPath] != nil {
                downloads.append("<a href=\"\(pack.id)-large-print.pdf\">Large print PDF</a>")
            } else {
                downloads.append("<a href=\"\(pack.id)-large-print.html\">Large print</a>")
            }
            let module = site.module(id: pack.moduleID)
            let moduleLink = module.map { " <span class=\"pack-module\">(<a href=\"../\($0.outputPath)\">\(HTML.escape($0.title))</a>)</span>" } ?? ""
            body += "<tr><td><a href=\"\(pack.id).html\">\(HTML.escape(pack.title))</a>\(moduleLink)</td><td>\(HTML.escape(pack.definition.audience))</td><td>\(pages)</td><td>\(pack.definition.paper.rawValue)</td><td>\(updated)</td><td>\(downloads.joined(separator: " · "))</td></tr>\n"
        }
        body += "</tbody>\n</table></div>\n"
        let view = ListView(layout: LayoutContext(site: site).view(outputPath: path, title: "Printable packs",
            description: "Session packs, handouts, worksheets, consent forms and paper surveys, ready to print.",
            bodyClass: "packs", breadcrumbs: [("Home", "index.html"), ("Printable packs", nil)]), body: body)
        return RenderedFile(path: path, text: theme.render(view, template: "list"))
    }
}

/// Items in one pack document share ids ("sources", "the-plan"), which must be unique in a page: each item's
/// ids, and the references to them inside the item, get the item's anchor as a prefix.
enum PackAnchors {
    // A fixed, valid pattern: compiled once.
    static let reference = try? NSRegularExpression(
        pattern: ##"(\s(?:id|for|aria-labelledby|aria-describedby|aria-controls)=")([^"]*)"|(\shref="#)((?!pack-item-)[^"]+)""##)

    static func scoped(_ html: String, to anchor: String) -> String {
        guard let reference else { return html }
        let text = html as NSString
        var output = ""
        var last = 0
        for match in reference.matches(in: html, range: NSRange(location: 0, length: text.length)) {
            let value = match.range(at: match.range(at: 4).location != NSNotFound ? 4 : 2)
            output += text.substring(with: NSRange(location: last, length: value.location - last))
            output += text.substring(with: value).split(separator: " ").map { "\(anchor)-\($0)" }.joined(separator: " ")
            last = value.location + value.length
        }
        return output + text.substring(from: last)
    }
}

/// In print a reader cannot click, and a PDF must never point into the folder it was built in:
/// web links get their address written after them, without `https://`; links to the site's own pages
/// (relative, when there is no `base_url`) lose their link and say where to look on the website instead,
/// once for each page they point to.
enum PrintLinks {
    static func forPrint(_ html: String, from documentPath: String, titleOf: (String) -> String?) -> String {
        var output = ""
        var rest = Substring(html)
        // Pages already pointed to on the website, so each is named once.
        var named = Set<String>()
        while let start = rest.range(of: "<a href=\"") {
            output += rest[..<start.lowerBound]
            guard let hrefEnd = rest[start.upperBound...].firstIndex(of: "\""),
                  let tagEnd = rest[hrefEnd...].firstIndex(of: ">"),
                  let close = rest[tagEnd...].range(of: "</a>") else { break }
            let href = String(rest[start.upperBound..<hrefEnd]).replacingOccurrences(of: "&amp;", with: "&")
            let inner = rest[rest.index(after: tagEnd)..<close.lowerBound]
            if href.hasPrefix("#") || href.hasPrefix("mailto:") || href.hasPrefix("tel:") {
                output += rest[start.lowerBound..<close.upperBound]
            } else if href.hasPrefix("http://") || href.hasPrefix("https://") {
                output += rest[start.lowerBound..<close.upperBound]
                output += " <span class=\"print-url\">(\(HTML.escape(short(href))))</span>"
            } else {
                let path = ProjectPath.splitAnchor(href).path
                let target = ProjectPath.resolve(path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path, from: documentPath)
                output += inner
                let title = target.flatMap(titleOf)
                if let title, named.contains(title) {
                    // Said once per document: glossary terms link to one page many times over.
                } else if let title {
                    named.insert(title)
                    output += " <span class=\"print-url\">(see \u{2018}\(HTML.escape(title))\u{2019} on the website)</span>"
                } else {
                    output += " <span class=\"print-url\">(on the website)</span>"
                }
            }
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    static func short(_ url: String) -> String {
        var text = url
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        if text.hasSuffix("index.html") { text.removeLast("index.html".count) }
        if text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
