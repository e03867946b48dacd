@testable import Publish

/// One view of every kind with every value filled in, for checking that each listed name is answered.
enum TemplateViewSamples {
    static let layout = LayoutView(
        language: "en", siteTitle: "Hillside Research", tagline: "Research by neighbours", title: "Knocking on doors",
        isHome: false, description: "How to start.", root: "../../", canonical: "https://example.org/a/b/", ogType: "article",
        bodyClass: "kind-guide", hasSidebar: true, extraStyles: ["survey.css"], scripts: ["survey.js"],
        licenceHTML: "Content licensed under CC BY 4.0.", footerLinks: [footerLink], breadcrumbs: [breadcrumb])
    static let footerLink = FooterLinkView(path: "about/index.html", label: "About the Hub", first: true)
    static let breadcrumb = BreadcrumbView(title: "Home", url: "../../index.html")
    static let tocEntry = TOCEntryView(id: "before-you-go", text: "Before you go")
    static let pageLink = PageLinkView(title: "Safety", url: "../safety/index.html")
    static let navItem = NavItemView(title: "Safety", url: "../safety/index.html", current: true, navKindLabel: "Worksheet")
    static let moreLink = MoreLinkView(url: "../index.html", text: "3 later pages in this module")
    static let moduleNav = ModuleNavView(title: "Door-step surveys", url: "../index.html",
                                         entries: [NavigationEntries.Entry(item: navItem, html: "<li>Safety</li>")],
                                         earlier: moreLink, later: moreLink)
    static let page = PageView(
        layout: layout, kind: "guide", kindLabel: "Guide", summary: "How to start.", audience: "Researchers",
        timeNeeded: "An hour", toc: [tocEntry, tocEntry], tocCount: 2, body: "<p>Knock.</p>", tags: ["surveys"],
        updated: "20 November 2026", updatedISO: "2026-11-20", printLink: "<p>Print this</p>", previous: pageLink,
        next: pageLink, inPager: true, moduleNav: moduleNav)
    static let moduleCard = ModuleCardView(title: "Door-step surveys", summary: "Ask on the door-step.", url: "surveys/index.html",
                                           pageCount: 4, packCount: 2)
    static let pageEntry = PageEntryView(title: "Safety", summary: "Stay safe.", url: "safety/index.html")
    static let requiredModule = RequiredModuleView(title: "Ethics", url: "../ethics/index.html", last: true)
    static let packLink = PackLinkView(title: "Field pack", audience: "Volunteers", paper: "A4", url: "../packs/field.html",
                                       pdfURL: "../packs/field.pdf")
    static let packItem = PackItemView(anchor: "pack-item-1", title: "Safety", kind: "Guide", kindClass: "guide",
                                       summary: "Stay safe.", body: "<p>Knock.</p>")

    static var all: [any TemplateView] {
        [
            layout, page, navItem, footerLink, breadcrumb, tocEntry, pageLink, moreLink, moduleNav,
            HomeView(layout: layout, summary: "Welcome.", body: "<p>Hello.</p>", modules: [moduleCard]), moduleCard,
            ModuleView(layout: layout, summary: "Ask on the door-step.", body: "<p>Start.</p>",
                       groups: [PageGroupView(id: "guide", title: "Guides", pages: [pageEntry])], requires: [requiredModule],
                       packs: [packLink], licence: "CC-BY-4.0", version: "1.2"),
            PageGroupView(id: "guide", title: "Guides", pages: [pageEntry]), pageEntry, requiredModule, packLink,
            NotFoundView(layout: layout),
            ListView(layout: layout, summary: "Every survey.", body: "<p>List.</p>"),
            SurveyPageView(layout: layout, surveyClass: "web", pageLanguage: "cy", body: "<form></form>"),
            ResultsView(layout: layout, resultsClass: "findings", showTitle: true, pageLanguage: "en", body: "<p>Totals.</p>"),
            ResultsPrintView(language: "en", siteTitle: "Hillside Research", title: "Findings", description: "To print.",
                             kind: "findings", paper: "A4", printCSS: "../assets/print.css", body: "<p>Totals.</p>"),
            PackView(language: "en", siteTitle: "Hillside Research", title: "Field pack", description: "A pack.",
                     runningTitle: "Field pack", paper: "A4", printCSS: "../assets/print.css", master: true, largePrint: true,
                     audience: "Volunteers", itemCount: 1, updated: "20 November 2026", licenceHTML: "CC BY 4.0",
                     groupHTML: "Hillside Group", items: [packItem]),
            packItem,
        ]
    }
}
