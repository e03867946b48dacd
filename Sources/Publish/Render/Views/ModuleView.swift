/// What `module.mustache` shows on a module's own page: its text, its pages by kind, its packs.
struct ModuleView: TemplateView {
    static let viewName = "ModuleView"
    static let extends: (any TemplateView.Type)? = LayoutView.self
    static let variables: [TemplateVariable] = [
        .init("summary", .text, "The module's summary from module.yml."),
        .init("body", .html, "The module's index.md as HTML; empty when it has none."),
        .init("groups", .list(PageGroupView.viewName), "The module's pages, in groups by kind (guides, session plans, handouts…); only groups with pages."),
        .init("hasRequires", .flag, "True when the module names modules to read first."),
        .init("requires", .list(RequiredModuleView.viewName), "The modules to read first, from `requires` in module.yml."),
        .init("hasPacks", .flag, "True when the module has printable packs."),
        .init("packs", .list(PackLinkView.viewName), "The module's printable packs."),
        .init("licence", .text, "The module's licence, such as `CC-BY-4.0`."),
        .init("version", .text, "The module's version from module.yml; empty when it has none."),
    ]

    var layout: LayoutView
    var summary: String
    var body: String
    var groups: [PageGroupView]
    var requires: [RequiredModuleView]
    var packs: [PackLinkView]
    var licence: String
    var version: String?

    func child(named name: String) -> Any? {
        switch name {
        case "summary": present(summary)
        case "body": present(body)
        case "groups": Boxed.all(groups)
        case "hasRequires": !requires.isEmpty
        case "requires": Boxed.all(requires)
        case "hasPacks": !packs.isEmpty
        case "packs": Boxed.all(packs)
        case "licence": present(licence)
        case "version": present(version)
        default: layout.child(named: name)
        }
    }
}

/// One kind of page in a module, such as its handouts.
struct PageGroupView: TemplateView {
    static let viewName = "PageGroupView"
    static let variables: [TemplateVariable] = [
        .init("id", .text, "The kind, as front matter names it (`guide`, `handout`…), for ids and classes."),
        .init("title", .text, "The group's heading, such as \"Handouts\"."),
        .init("pages", .list(PageEntryView.viewName), "The module's pages of this kind, in order."),
    ]

    var id: String
    var title: String
    var pages: [PageEntryView]

    func child(named name: String) -> Any? {
        switch name {
        case "id": TemplateText(id)
        case "title": TemplateText(title)
        case "pages": Boxed.all(pages)
        default: nil
        }
    }
}

/// One page in a list of pages, with its summary.
struct PageEntryView: TemplateView {
    static let viewName = "PageEntryView"
    static let variables: [TemplateVariable] = [
        .init("title", .text, "The page's title."),
        .init("summary", .text, "The page's summary; empty when it has none."),
        .init("url", .text, "The relative link to the page."),
    ]

    var title: String
    var summary: String?
    var url: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": present(title)
        case "summary": present(summary)
        case "url": present(url)
        default: nil
        }
    }
}

/// A module to read before this one.
struct RequiredModuleView: TemplateView {
    static let viewName = "RequiredModuleView"
    static let variables: [TemplateVariable] = [
        .init("title", .text, "The module's title."),
        .init("url", .text, "The relative link to the module's page."),
        .init("last", .flag, "True for the last one, so a comma can go after every other one."),
    ]

    var title: String
    var url: String
    var last: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "title": TemplateText(title)
        case "url": TemplateText(url)
        case "last": last
        default: nil
        }
    }
}

/// A printable pack, listed on its module's page.
struct PackLinkView: TemplateView {
    static let viewName = "PackLinkView"
    static let variables: [TemplateVariable] = [
        .init("title", .text, "The pack's title."),
        .init("audience", .text, "Who the pack is for, from its definition."),
        .init("paper", .text, "The pack's paper size, such as `A4`."),
        .init("url", .text, "The relative link to the pack's print-ready page."),
        .init("pdfURL", .text, "The relative link to the pack's PDF; empty when the build makes no PDFs."),
    ]

    var title: String
    var audience: String
    var paper: String
    var url: String
    var pdfURL: String?

    func child(named name: String) -> Any? {
        switch name {
        case "title": present(title)
        case "audience": present(audience)
        case "paper": present(paper)
        case "url": present(url)
        case "pdfURL": present(pdfURL)
        default: nil
        }
    }
}
