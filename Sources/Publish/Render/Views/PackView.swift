/// What `pack.mustache` shows: a printable pack (cover, contents, items), or a photocopy master of one item.
struct PackView: TemplateView {
    static let viewName = "PackView"
    static let variables: [TemplateVariable] = [
        .init("language", .text, "The document's language code."),
        .init("siteTitle", .text, "The site's title."),
        .init("title", .text, "The pack's title, or the item's on a photocopy master."),
        .init("description", .text, "What the document is, in a sentence."),
        .init("runningTitle", .text, "The title printed at the top of every page."),
        .init("paper", .text, "The paper size, such as `A4`."),
        .init("printCSS", .text, "The relative link to the print stylesheet."),
        .init("master", .flag, "True on a photocopy master: one item alone, with a line for the group's name and no cover."),
        .init("largePrint", .flag, "True for the large-print edition of a pack."),
        .init("audience", .text, "Who the pack is for; empty on a photocopy master."),
        .init("itemCount", .number, "How many items the pack has; absent on a photocopy master."),
        .init("updated", .text, "When the pack's newest page was updated, in words; empty when none says."),
        .init("licenceHTML", .html, "The licence line of the cover; empty on a photocopy master."),
        .init("groupHTML", .html, "On a photocopy master, the group's name, or a line to write it on."),
        .init("items", .list(PackItemView.viewName), "The pack's items in order; the one item on a photocopy master."),
    ]

    var language: String
    var siteTitle: String
    var title: String
    var description: String
    var runningTitle: String
    var paper: String
    var printCSS: String
    var master = false
    var largePrint: Bool?
    var audience: String?
    var itemCount: Int?
    var updated: String?
    var licenceHTML: String?
    var groupHTML: String?
    var items: [PackItemView]

    func child(named name: String) -> Any? {
        switch name {
        case "language": present(language)
        case "siteTitle": present(siteTitle)
        case "title": present(title)
        case "description": present(description)
        case "runningTitle": present(runningTitle)
        case "paper": present(paper)
        case "printCSS": present(printCSS)
        case "master": master
        case "largePrint": largePrint
        case "audience": present(audience)
        case "itemCount": itemCount
        case "updated": present(updated)
        case "licenceHTML": present(licenceHTML)
        case "groupHTML": present(groupHTML)
        case "items": Boxed.all(items)
        default: nil
        }
    }
}

/// One item of a pack: a page or a paper survey.
struct PackItemView: TemplateView {
    static let viewName = "PackItemView"
    static let variables: [TemplateVariable] = [
        .init("anchor", .text, "The item's id in the document, for links from the contents."),
        .init("title", .text, "The item's title."),
        .init("kind", .text, "The item's kind in words, such as \"Handout\" or \"Paper survey\"."),
        .init("kindClass", .text, "The item's kind for a class name, such as `handout` or `survey`."),
        .init("summary", .text, "A guide's summary; empty for other kinds."),
        .init("body", .html, "The item's content as HTML, its links made fit for paper."),
    ]

    var anchor: String
    var title: String
    var kind: String
    var kindClass: String
    var summary: String?
    var body: String

    func child(named name: String) -> Any? {
        switch name {
        case "anchor": present(anchor)
        case "title": present(title)
        case "kind": present(kind)
        case "kindClass": present(kindClass)
        case "summary": present(summary)
        case "body": present(body)
        default: nil
        }
    }
}
