/// What `home.mustache` shows: the home page's text and a card for every module.
struct HomeView: TemplateView {
    static let viewName = "HomeView"
    static let extends: (any TemplateView.Type)? = LayoutView.self
    static let variables: [TemplateVariable] = [
        .init("summary", .text, "The home page's summary from its front matter; empty when it has none."),
        .init("body", .html, "The home page's text (content/index.md) as HTML."),
        .init("modules", .list(ModuleCardView.viewName), "Every module, in the site's order."),
    ]

    var layout: LayoutView
    var summary: String?
    var body: String
    var modules: [ModuleCardView]

    func child(named name: String) -> Any? {
        switch name {
        case "summary": present(summary)
        case "body": present(body)
        case "modules": Boxed.all(modules)
        default: layout.child(named: name)
        }
    }
}

/// One module on the home page.
struct ModuleCardView: TemplateView {
    static let viewName = "ModuleCardView"
    static let variables: [TemplateVariable] = [
        .init("title", .text, "The module's title."),
        .init("summary", .text, "The module's summary from module.yml."),
        .init("url", .text, "The module page's path from the site's root."),
        .init("pageCount", .number, "How many pages the module has."),
        .init("packCount", .number, "How many printable packs the module has."),
        .init("hasPacks", .flag, "True when the module has one or more packs."),
        .init("packPlural", .flag, "True when the number of packs is not one, for \"pack\" or \"packs\"."),
    ]

    var title: String
    var summary: String
    var url: String
    var pageCount: Int
    var packCount: Int

    func child(named name: String) -> Any? {
        switch name {
        case "title": TemplateText(title)
        case "summary": TemplateText(summary)
        case "url": TemplateText(url)
        case "pageCount": pageCount
        case "packCount": packCount
        case "hasPacks": packCount > 0
        case "packPlural": packCount != 1
        default: nil
        }
    }
}
