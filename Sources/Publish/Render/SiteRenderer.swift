import Foundation
import Markdown
import Survey
import Toolkit

/// The render stage: every file of the site, pages rendered in parallel.
public struct SiteRenderer: Sendable {
    let site: Site
    let theme: Theme
    let directives: DirectiveRegistry
    /// Whether pack PDFs are made in this build, so pages link to them only when they exist.
    let withPDFs: Bool
    /// Each module page's place in its module, found once rather than searched for on every page.
    let positions: [String: Int]
    /// The output paths of each module's pages, in order, by module id: made once, not on every page's navigation.
    let pagePaths: [String: [String]]
    /// The photocopy master of each page (and paper questionnaire) that has one, by its web page's path.
    let masters: [String: PrintMaster]
    /// Module navigation entries already rendered, shared by the pages rendered in parallel.
    let navigationEntries = NavigationEntries()
    /// Paper questionnaires already rendered: a survey's paper page, its photocopy masters and the packs that
    /// print it all show the same one.
    let papers = RenderedOnce()

    public init(site: Site, theme: Theme, directives: DirectiveRegistry? = nil, withPDFs: Bool) {
        self.site = site
        self.theme = theme
        self.directives = directives ?? site.directives
        self.withPDFs = withPDFs
        var positions: [String: Int] = [:]
        for module in site.modules {
            for (index, page) in module.pages.enumerated() { positions[page.sourcePath] = index }
        }
        self.positions = positions
        self.pagePaths = Dictionary(site.modules.map { ($0.id, $0.pages.map(\.outputPath)) }, uniquingKeysWith: { first, _ in first })
        self.masters = Dictionary(PrintMaster.all(in: site).map { ($0.webPath, $0) }, uniquingKeysWith: { first, _ in first })
        self.pages = site.allPages.filter { !($0.isIndex && $0.moduleID != nil) }
    }

    public func render() throws(RenderFailure) -> [RenderedFile] {
        var files: [RenderedFile] = []
        renderPages { files += $0 }
        files += try renderRest(pagePaths: files.map(\.path))
        return files.sorted { $0.path < $1.path }
    }

    /// The pages a site's Markdown becomes. A module's index.md is shown on its module page, so it gets no page of its own.
    let pages: [Page]

    /// Renders the pages in parallel, handing them over `batch` at a time, so that a writer can put each
    /// batch on disk before the next is made and a large site never sits in memory whole.
    public func renderPages<Failure: Error>(batch: Int = 256, _ take: ([RenderedFile]) throws(Failure) -> Void) throws(Failure) {
        try renderPages(pages, batch: batch, take)
    }

    /// Renders only `pages`, some of the site's: what a build renders when the other pages' inputs did not change.
    func renderPages<Failure: Error>(_ pages: [Page], batch: Int = 256, _ take: ([RenderedFile]) throws(Failure) -> Void) throws(Failure) {
        // Batches are ranges of the one list, so no page is copied into a batch of its own.
        let batches = stride(from: 0, to: pages.count, by: max(1, batch)).map { $0..<min($0 + batch, pages.count) }
        guard let first = batches.first else { return }
        let render: @Sendable (Range<Int>) -> [RenderedFile] = { range in
            parallelMap(Array(range)) { number in RenderedFile(path: pages[number].outputPath, text: self.renderPage(pages[number])) }
        }
        var ready = render(first)
        for next in batches.dropFirst() {
            // The next batch is rendered while this one is handed over (written), so neither waits for the other.
            let made = RenderedBatch()
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) { made.files = render(next) }
            do {
                try take(ready)
            } catch {
                group.wait()
                throw error
            }
            group.wait()
            ready = made.files
        }
        try take(ready)
    }

    /// Every other file of the site: module pages, surveys, packs, search, sitemap and the theme's assets.
    /// `pagePaths` are the pages' own files, for the sitemap. Print documents and survey files in `kept` are not
    /// made: their last files are kept.
    public func renderRest(pagePaths: [String], kept: Set<String> = []) throws(RenderFailure) -> [RenderedFile] {
        // Each part spreads its own work over every core: the search index, the module pages, each survey,
        // each pack and photocopy master. Each is mapped on its own, not from inside another parallel map, where
        // it would run on one thread. The paper questionnaires the surveys render are shared with the packs.
        let search = SearchIndex(site: site).files(theme: theme)
        let modules = parallelMap(site.modules) { RenderedFile(path: $0.outputPath, text: renderModule($0)) }
        let surveys = try SurveyPages(site: site, theme: theme, printLink: { self.printLink(from: $0) }, papers: papers).render(skipping: kept)
        let packs = PackPages(site: site, theme: theme, directives: directives, papers: papers).renderHTML(skipping: kept)
        var files = modules + surveys + packs + [RenderedFile(path: "404.html", text: renderNotFound())] + search
        // Search engines need absolute addresses, so the sitemap is written only when the site's address is known.
        if let base = site.config.baseURL {
            let paths = pagePaths + files.map(\.path) + kept.sorted() + ["packs/index.html"]
            files.append(RenderedFile(path: "sitemap.xml", text: Sitemap.xml(base: base, paths: paths)))
        }
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            files.append(RenderedFile(path: "assets/\(name)", data: data))
        }
        let sheets = ["style.css", "survey.css", "pack.css", "results.css"].map { name in
            (name: name, css: String(decoding: theme.assets[name] ?? Data(), as: UTF8.self))
        }
        files.append(RenderedFile(path: "assets/print.css", text: PrintStylesheet.make(sheets)))
        return files.sorted { $0.path < $1.path }
    }

    var layout: LayoutContext { LayoutContext(site: site) }

    /// "Print this worksheet": a link from a web page to its photocopy master (the PDF, or the print-ready
    /// page when this build makes no PDFs); empty for a page without one. Hidden in print.
    func printLink(from path: String) -> String {
        guard let master = masters[path] else { return "" }
        let target = withPDFs ? master.pdfPath : master.htmlPath
        let kind = master.item.kindLabel.lowercased()
        let format = withPDFs ? "PDF, A4" : "print-ready page, A4"
        return "<p class=\"print-this no-print\"><a href=\"\(HTML.escape(ProjectPath.relativeURL(from: path, to: target)))\">"
            + "Print this \(HTML.escape(kind))</a> <span class=\"print-this-format\">(\(format))</span></p>"
    }

    func renderPage(_ page: Page) -> String {
        if page.isIndex && page.moduleID == nil { return renderHome(page) }
        let body = PageBody(site: site, directives: directives).html(page, outputPath: page.outputPath)
        let module = page.moduleID.flatMap(site.module(id:))
        var crumbs: [(String, String?)] = [("Home", "index.html")]
        if let module { crumbs.append((module.title, module.outputPath)) }
        crumbs.append((page.title, nil))
        let matter = page.frontMatter
        var layout = self.layout.view(outputPath: page.outputPath, title: page.title, description: matter.summary,
                                      bodyClass: "kind-\(matter.kind.rawValue)", breadcrumbs: crumbs)
        layout.hasSidebar = module != nil
        let toc = page.headings.filter { $0.level == 2 }
        var view = PageView(
            layout: layout,
            kind: matter.kind.rawValue,
            kindLabel: matter.kind == .page ? "" : matter.kind.label,
            summary: matter.summary,
            audience: matter.audience.map { $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst() },
            timeNeeded: matter.timeNeeded,
            toc: toc.count >= 2 ? toc.map { TOCEntryView(id: $0.id, text: $0.text) } : [],
            tocCount: toc.count,
            body: body,
            tags: matter.tags,
            updated: matter.updated.map(Formatting.longDate),
            updatedISO: matter.updated,
            printLink: printLink(from: page.outputPath))
        if let module {
            // The pager runs through the module's index page, then its pages in order.
            let offset = module.index == nil ? 0 : 1
            let place = page.sourcePath == module.index?.sourcePath ? 0 : positions[page.sourcePath].map { $0 + offset }
            func neighbour(at index: Int) -> Page? {
                if index < 0 { return nil }
                if index < offset { return module.index }
                return index - offset < module.pages.count ? module.pages[index - offset] : nil
            }
            if let position = place {
                func link(_ target: Page) -> PageLinkView {
                    PageLinkView(title: target.title, url: ProjectPath.relativeURL(from: page.outputPath, to: target.outputPath))
                }
                view.previous = neighbour(at: position - 1).map(link)
                view.next = neighbour(at: position + 1).map(link)
                view.inPager = true
            }
            view.moduleNav = navigation(of: module, for: page)
        }
        return theme.render(view, template: "page", module: page.moduleID)
    }

    /// A module's navigation beside one of its pages.
    func navigation(of module: Module, for page: Page) -> ModuleNavView {
        // A long module shows the pages around this one and links to the module page for the rest,
        // so every page's size stays bounded and a module of thousands of pages builds in linear time.
        let position = positions[page.sourcePath]
        let window = Self.navigationWindow(count: module.pages.count, around: position ?? 0)
        let path = page.outputPath
        let moduleURL = ProjectPath.relativeURL(from: path, to: module.outputPath)
        func more(_ count: Int, _ which: String) -> MoreLinkView? {
            count > 0 ? MoreLinkView(url: moduleURL, text: "\(count) \(which) page\(count == 1 ? "" : "s") in this module") : nil
        }
        let paths = pagePaths[module.id] ?? module.pages.map(\.outputPath)
        func entry(_ index: Int, from: String, current: Bool) -> NavigationEntries.Entry {
            let target = module.pages[index]
            let item = NavItemView(
                title: target.title,
                url: ProjectPath.relativeURL(from: from, to: paths[index]),
                current: current,
                // Named apart from the page's own kindLabel: Mustache would show the page's label for a
                // guide whose own is empty.
                navKindLabel: target.frontMatter.kind == .guide || target.frontMatter.kind == .page ? "" : target.frontMatter.kind.label)
            return NavigationEntries.Entry(item: item, html: theme.render(item, template: "nav-item", module: page.moduleID))
        }
        let links = NavigationEntries.Links(of: path)
        // Pages in this page's own folder (the page itself, pages nested under it) are linked from here
        // alone; every other entry is the one all the pages beside this one show.
        let own = window.map { $0 == position || links.isOwn(paths[$0]) }
        let shared = navigationEntries.entries(module: module.id, count: module.pages.count, links: links, window: window, own: own) { index in
            entry(index, from: links.sharedFrom, current: false)
        }
        let entries = (0..<window.count).map { offset in
            shared[offset] ?? entry(window.lowerBound + offset, from: path, current: window.lowerBound + offset == position)
        }
        return ModuleNavView(
            title: module.title,
            url: moduleURL,
            entries: entries,
            earlier: more(window.lowerBound, "earlier"),
            later: more(module.pages.count - window.upperBound, "later"))
    }

    /// Pages listed in a module's navigation: all of a module of up to `navigationLimit` pages, otherwise
    /// the `navigationLimit` pages around the current one.
    static let navigationLimit = 40

    static func navigationWindow(count: Int, around position: Int) -> Range<Int> {
        guard count > navigationLimit else { return 0..<count }
        let start = min(max(0, position - navigationLimit / 2), count - navigationLimit)
        return start..<(start + navigationLimit)
    }

    func renderHome(_ page: Page) -> String {
        let body = PageBody(site: site, directives: directives).html(page, outputPath: page.outputPath)
        let view = HomeView(
            layout: layout.view(outputPath: "index.html", title: page.title, description: page.frontMatter.summary,
                                bodyClass: "home", ogType: "website"),
            summary: page.frontMatter.summary,
            body: body,
            modules: site.modules.map { module in
                ModuleCardView(title: module.title, summary: module.manifest.summary, url: module.outputPath,
                               pageCount: module.pages.count, packCount: site.packs(of: module.id).count)
            })
        return theme.render(view, template: "home")
    }

    func renderModule(_ module: Module) -> String {
        let path = module.outputPath
        let layout = self.layout.view(outputPath: path, title: module.title, description: module.manifest.summary,
                                      bodyClass: "module", breadcrumbs: [("Home", "index.html"), (module.title, nil)])
        let body = module.index.map { PageBody(site: site, directives: directives).html($0, outputPath: path) } ?? ""
        let kinds: [(PageKind, String)] = [
            (.guide, "Guides"), (.session, "Session plans"), (.handout, "Handouts"), (.worksheet, "Worksheets"),
            (.consentForm, "Consent forms"), (.template, "Templates"), (.page, "More pages"),
        ]
        let groups = kinds.compactMap { kind, title -> PageGroupView? in
            let pages = module.pages.filter { $0.frontMatter.kind == kind }
            guard !pages.isEmpty else { return nil }
            return PageGroupView(id: kind.rawValue, title: title, pages: pages.map { page in
                PageEntryView(title: page.title, summary: page.frontMatter.summary,
                              url: ProjectPath.relativeURL(from: path, to: page.outputPath))
            })
        }
        let requires = module.manifest.requires.compactMap { site.module(id: $0.value) }
        let view = ModuleView(
            layout: layout,
            summary: module.manifest.summary,
            body: body,
            groups: groups,
            requires: requires.enumerated().map { index, required in
                RequiredModuleView(title: required.title, url: ProjectPath.relativeURL(from: path, to: required.outputPath),
                                   last: index == requires.count - 1)
            },
            packs: site.packs(of: module.id).map { pack in
                PackLinkView(title: pack.title, audience: pack.definition.audience, paper: pack.definition.paper.rawValue,
                             url: ProjectPath.relativeURL(from: path, to: pack.htmlPath),
                             pdfURL: withPDFs ? ProjectPath.relativeURL(from: path, to: pack.pdfPath) : nil)
            },
            licence: module.manifest.licence,
            version: module.manifest.version)
        return theme.render(view, template: "module", module: module.id)
    }

    func renderNotFound() -> String {
        let view = NotFoundView(layout: layout.view(outputPath: "404.html", title: "Page not found", description: nil,
                                                    bodyClass: "not-found"))
        return theme.render(view, template: "not-found")
    }
}

/// A batch of pages rendered on another thread, read once the group it was rendered in is waited for.
final class RenderedBatch: @unchecked Sendable {
    var files: [RenderedFile] = []
}

/// Fragments rendered once and then shared, by a key that names everything they depend on.
final class RenderedOnce: @unchecked Sendable {
    /// One fragment: a second asker waits on its lock while the first renders it, rather than render it too
    /// (a pack's two sizes, made side by side, show the same paper questionnaire).
    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var html: String?
    }
    private let lock = NSLock()
    private var slots: [String: Slot] = [:]
    /// How many fragments were rendered, for the test that each is rendered once.
    private(set) var renders = 0

    /// `render` must not ask for another fragment: it runs while this one's slot is held.
    func html(for key: String, _ render: () -> String) -> String {
        lock.lock()
        let slot = slots[key] ?? Slot()
        slots[key] = slot
        lock.unlock()
        slot.lock.lock()
        defer { slot.lock.unlock() }
        if let html = slot.html { return html }
        let html = render()
        slot.html = html
        lock.lock()
        renders += 1
        lock.unlock()
        return html
    }
}

/// Module navigation entries rendered once for all the pages that link them by the same address.
///
/// A relative link from a page to another depends only on the page's folder; and from pages whose folders
/// sit side by side (`ethics/consent/`, `ethics/safety/`), every page outside those folders is linked by
/// the same address (`../privacy/index.html`). So each entry is rendered once per module and parent
/// folder, on the first page that shows it, and every other page there reuses it.
final class NavigationEntries: @unchecked Sendable {
    /// Shared by reference: a page's window holds up to `navigationLimit` of them, so copying one costs a
    /// single count rather than one for each of its texts.
    final class Entry: Sendable {
        let item: NavItemView
        let html: String

        init(item: NavItemView, html: String) {
            self.item = item
            self.html = html
        }
    }

    /// Where a page's links to other pages start from, and which links are its own.
    struct Links {
        /// The page's folder, ending in `/`; nil for a file at the site's root.
        let folder: String?
        /// Names the pages that link every page outside their own folders the same way.
        let group: String
        /// A path beside the page's folder that no page is inside: links made from it are the shared ones.
        let sharedFrom: String

        init(of path: String) {
            guard let slash = path.lastIndex(of: "/") else {
                // At the root, a link is the target's own path, whatever the file.
                folder = nil
                group = ""
                sharedFrom = "index.html"
                return
            }
            let folderPath = path[..<slash]
            folder = String(folderPath) + "/"
            let parent = folderPath.lastIndex(of: "/").map { String(folderPath[..<$0]) + "/" } ?? ""
            group = "/" + parent
            sharedFrom = parent + "\u{0}/index.html"
        }

        /// Whether `target` is inside the page's own folder, and so linked differently from the pages beside it.
        func isOwn(_ target: String) -> Bool { folder.map(target.hasPrefix) ?? false }
    }

    private let lock = NSLock()
    /// Each group's entries by the page's place in its module: found by index, without hashing.
    private final class Group {
        var entries: [Entry?]
        init(count: Int) { entries = Array(repeating: nil, count: count) }
    }
    private var groups: [String: Group] = [:]

    /// The shared entries of the module's pages in `window`, nil where `own` says the page links it itself;
    /// rendered by `make` where no page rendered them yet. Only the entries shown are ever made, so a module
    /// of thousands of pages costs each page its window, whatever its folders.
    func entries(module: String, count: Int, links: Links, window: Range<Int>, own: [Bool], _ make: (Int) -> Entry) -> [Entry?] {
        let key = module + "\u{0}" + links.group
        var entries: [Entry?] = []
        entries.reserveCapacity(window.count)
        var missing: [Int] = []
        lock.lock()
        let group: Group
        if let known = groups[key], known.entries.count == count {
            group = known
        } else {
            group = Group(count: count)
            groups[key] = group
        }
        for (offset, index) in window.enumerated() {
            let known = own[offset] ? nil : group.entries[index]
            if known == nil && !own[offset] { missing.append(offset) }
            entries.append(known)
        }
        lock.unlock()
        guard !missing.isEmpty else { return entries }
        for offset in missing { entries[offset] = make(window.lowerBound + offset) }
        lock.lock()
        for offset in missing where group.entries[window.lowerBound + offset] == nil {
            group.entries[window.lowerBound + offset] = entries[offset]
        }
        lock.unlock()
        return entries
    }
}
