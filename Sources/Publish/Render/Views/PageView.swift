/// What `page.mustache` shows for a guide, handout, session plan or any other page of Markdown.
struct PageView: TemplateView {
    static let viewName = "PageView"
    static let extends: (any TemplateView.Type)? = LayoutView.self
    static let variables: [TemplateVariable] = [
        .init("kind", .text, "The page's kind, as front matter names it: `guide`, `handout`, `session`…"),
        .init("kindLabel", .text, "The kind in words, such as \"Handout\"; empty for a plain page."),
        .init("summary", .text, "The page's summary from its front matter; empty when it has none."),
        .init("audience", .text, "Who the page is for, such as \"Researchers\"; empty when not given."),
        .init("timeNeeded", .text, "The time the page's work needs, from `time_needed`; empty when not given."),
        .init("hasFacts", .flag, "True when the page gives its audience or the time needed."),
        .init("hasTOC", .flag, "True when the page has two or more sections to list under \"On this page\"."),
        .init("tocCount", .number, "How many sections the page has."),
        .init("tocOpen", .flag, "True when the list of sections is short (six or fewer) and so starts open."),
        .init("toc", .list(TOCEntryView.viewName), "The page's sections (its level-two headings), when there are two or more."),
        .init("body", .html, "The page's text as HTML."),
        .init("hasTags", .flag, "True when the page has tags."),
        .init("tags", .textList, "The page's tags."),
        .init("updated", .text, "When the page was last updated, in words (\"20 November 2026\"); empty when not given."),
        .init("updatedISO", .text, "The same date as written in the front matter (`2026-11-20`), for `<time datetime>`."),
        .init("printLink", .html, "A link to the page's photocopy master (\"Print this worksheet\"); empty for a page without one."),
        .init("hasPager", .flag, "True on a module's page with a previous or next page."),
        .init("previous", .object(PageLinkView.viewName), "The page before this one in its module."),
        .init("next", .object(PageLinkView.viewName), "The page after this one in its module."),
        .init("moduleNav", .object(ModuleNavView.viewName), "The navigation of the page's module; absent for a page outside a module."),
    ]

    var layout: LayoutView
    var kind: String
    var kindLabel: String
    var summary: String?
    var audience: String?
    var timeNeeded: String?
    var toc: [TOCEntryView]
    var tocCount: Int
    var body: String
    var tags: [String]
    var updated: String?
    var updatedISO: String?
    var printLink: String
    var previous: PageLinkView?
    var next: PageLinkView?
    /// Whether the page has a place in its module's pager; a page outside one has no `hasPager` at all.
    var inPager = false
    var moduleNav: ModuleNavView?

    func child(named name: String) -> Any? {
        switch name {
        case "kind": present(kind)
        case "kindLabel": present(kindLabel)
        case "summary": present(summary)
        case "audience": present(audience)
        case "timeNeeded": present(timeNeeded)
        case "hasFacts": audience != nil || timeNeeded != nil
        case "hasTOC": tocCount >= 2
        case "tocCount": tocCount
        // A short list costs little room, so it starts open; a long one starts folded on every screen.
        case "tocOpen": tocCount <= 6
        case "toc": Boxed.all(toc)
        case "body": present(body)
        case "hasTags": !tags.isEmpty
        case "tags": tags
        case "updated": present(updated)
        case "updatedISO": present(updatedISO)
        case "printLink": present(printLink)
        case "hasPager": inPager ? previous != nil || next != nil : nil
        case "previous": previous.map(Boxed.init)
        case "next": next.map(Boxed.init)
        case "moduleNav": moduleNav.map(Boxed.init)
        default: layout.child(named: name)
        }
    }
}

/// One section of a page, listed under "On this page".
struct TOCEntryView: TemplateView {
    static let viewName = "TOCEntryView"
    static let variables: [TemplateVariable] = [
        .init("id", .text, "The section heading's id, for a link `#{{id}}`."),
        .init("text", .text, "The heading's text."),
    ]

    var id: String
    var text: String

    func child(named name: String) -> Any? {
        switch name {
        case "id": TemplateText(id)
        case "text": TemplateText(text)
        default: nil
        }
    }
}

/// A link to another page by its title.
struct PageLinkView: TemplateView {
    static let viewName = "PageLinkView"
    static let variables: [TemplateVariable] = [
        .init("title", .text, "The page's title."),
        .init("url", .text, "The relative link to the page."),
    ]

    var title: String
    var url: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": TemplateText(title)
        case "url": TemplateText(url)
        default: nil
        }
    }
}

/// A module's navigation beside each of its pages.
struct ModuleNavView: TemplateView {
    static let viewName = "ModuleNavView"
    static let variables: [TemplateVariable] = [
        .init("title", .text, "The module's title."),
        .init("url", .text, "The relative link to the module's page."),
        .init("pagesHTML", .html, "The listed pages, each rendered through `nav-item.mustache`."),
        .init("pages", .list(NavItemView.viewName), "The same pages as values, for a page template that lists them itself."),
        .init("earlier", .object(MoreLinkView.viewName), "In a long module, a link to the module page for the pages before those listed."),
        .init("later", .object(MoreLinkView.viewName), "In a long module, a link to the module page for the pages after those listed."),
    ]

    var title: String
    var url: String
    /// The listed pages, each with its HTML from `nav-item.mustache`.
    var entries: [NavigationEntries.Entry]
    var earlier: MoreLinkView?
    var later: MoreLinkView?

    /// The pages as values, kept for page templates written before nav-item.mustache, which list the entries
    /// themselves; made only when a template asks for them.
    var pages: [NavItemView] { entries.map(\.item) }
    var pagesHTML: String {
        var html = ""
        html.reserveCapacity(entries.reduce(0) { $0 + $1.html.utf8.count })
        for entry in entries { html += entry.html }
        return html
    }

    init(title: String, url: String, entries: [NavigationEntries.Entry], earlier: MoreLinkView? = nil, later: MoreLinkView? = nil) {
        self.title = title
        self.url = url
        self.entries = entries
        self.earlier = earlier
        self.later = later
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": TemplateText(title)
        case "url": TemplateText(url)
        case "pagesHTML": TemplateText(pagesHTML)
        case "pages": Boxed.all(pages)
        case "earlier": earlier.map(Boxed.init)
        case "later": later.map(Boxed.init)
        default: nil
        }
    }
}

/// "12 later pages in this module": a link to the module page for the pages a long module's navigation leaves out.
struct MoreLinkView: TemplateView {
    static let viewName = "MoreLinkView"
    static let variables: [TemplateVariable] = [
        .init("url", .text, "The relative link to the module's page."),
        .init("text", .text, "The link's text, such as \"12 later pages in this module\"."),
    ]

    var url: String
    var text: String

    func child(named name: String) -> Any? {
        switch name {
        case "url": TemplateText(url)
        case "text": TemplateText(text)
        default: nil
        }
    }
}

/// What `nav-item.mustache` shows for one page in a module's navigation.
struct NavItemView: TemplateView {
    static let viewName = "NavItemView"
    static let variables: [TemplateVariable] = [
        .init("title", .text, "The page's title."),
        .init("url", .text, "The relative link to the page."),
        .init("current", .flag, "True for the page being shown."),
        .init("navKindLabel", .text, "The page's kind in words, such as \"Worksheet\"; empty for guides and plain pages."),
    ]

    var title: String
    var url: String
    var current: Bool
    var navKindLabel: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": present(title)
        case "url": present(url)
        case "current": current
        case "navKindLabel": present(navKindLabel)
        default: nil
        }
    }
}
