import Markdown
import Toolkit

/// What `layout.mustache` shows around every web page: the site's name, links up to the site's root,
/// breadcrumbs, the footer. Every page's view answers these names too.
struct LayoutView: TemplateView {
    static let viewName = "LayoutView"
    static let variables: [TemplateVariable] = [
        .init("language", .text, "The site's language code, from `language` in site.yml."),
        .init("siteTitle", .text, "The site's title."),
        .init("tagline", .text, "The site's tagline; empty when it has none."),
        .init("title", .text, "The page's title."),
        .init("isHome", .flag, "True on the home page."),
        .init("description", .text, "The page's summary, or else the site's tagline or title: for search engines and link previews."),
        .init("root", .text, "The relative path from this page to the site's root, ending in `/` (empty at the root): put it before `assets/…` and other site paths."),
        .init("canonical", .text, "The page's full address, when site.yml gives `base_url`; empty otherwise."),
        .init("ogType", .text, "`website` on the home page, `article` elsewhere."),
        .init("bodyClass", .text, "Classes for `<body>` that name the kind of page, such as `kind-guide` or `module`."),
        .init("hasSidebar", .flag, "True on a module's pages, which show the module's navigation beside the text."),
        .init("extraStyles", .textList, "Stylesheets this page needs besides style.css, as file names in `assets/`."),
        .init("scripts", .textList, "Scripts this page uses, as file names in `assets/`."),
        .init("licenceHTML", .html, "The licence line of the footer, with a link to the licence page when the site has one."),
        .init("hasFooterLinks", .flag, "True when the site has an about, glossary or contribute page to link to."),
        .init("footerLinks", .list(FooterLinkView.viewName), "Links to the site-wide pages the site has."),
        .init("hasBreadcrumbs", .flag, "True when the page shows breadcrumbs (every page but the home page)."),
        .init("breadcrumbs", .list(BreadcrumbView.viewName), "The way from the home page down to this page."),
    ]

    var language: String
    var siteTitle: String
    var tagline: String?
    var title: String
    var isHome: Bool
    var description: String
    var root: String
    var canonical: String?
    var ogType: String
    var bodyClass: String
    var hasSidebar = false
    var extraStyles: [String]
    var scripts: [String]
    var licenceHTML: String
    var footerLinks: [FooterLinkView]
    var breadcrumbs: [BreadcrumbView]

    func child(named name: String) -> Any? {
        switch name {
        case "language": present(language)
        case "siteTitle": present(siteTitle)
        case "tagline": present(tagline)
        case "title": present(title)
        case "isHome": isHome
        case "description": present(description)
        case "root": present(root)
        case "canonical": present(canonical)
        case "ogType": present(ogType)
        case "bodyClass": present(bodyClass)
        case "hasSidebar": hasSidebar
        case "extraStyles": extraStyles
        case "scripts": scripts
        case "licenceHTML": present(licenceHTML)
        case "hasFooterLinks": !footerLinks.isEmpty
        case "footerLinks": Boxed.all(footerLinks)
        case "hasBreadcrumbs": !breadcrumbs.isEmpty
        case "breadcrumbs": Boxed.all(breadcrumbs)
        default: nil
        }
    }
}

/// One link of the footer to a site-wide page.
struct FooterLinkView: TemplateView {
    static let viewName = "FooterLinkView"
    static let variables: [TemplateVariable] = [
        .init("path", .text, "The page's path from the site's root: write `{{root}}{{path}}`."),
        .init("label", .text, "The link's text, such as \"Glossary\"."),
        .init("first", .flag, "True for the first link, so a separator can go before every other one."),
    ]

    var path: String
    var label: String
    var first: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "path": TemplateText(path)
        case "label": TemplateText(label)
        case "first": first
        default: nil
        }
    }
}

/// One step of the breadcrumbs.
struct BreadcrumbView: TemplateView {
    static let viewName = "BreadcrumbView"
    static let variables: [TemplateVariable] = [
        .init("title", .text, "The page's title."),
        .init("url", .text, "The relative link to the page; empty for the current page, the last step."),
    ]

    var title: String
    var url: String?

    func child(named name: String) -> Any? {
        switch name {
        case "title": present(title)
        case "url": present(url)
        default: nil
        }
    }
}

/// Builds the layout's values for one output file of a site.
struct LayoutContext {
    let site: Site

    func view(outputPath: String, title: String, description: String?, bodyClass: String,
              breadcrumbs: [(String, String?)] = [], extraStyles: [String] = [], scripts: [String] = [],
              ogType: String = "article") -> LayoutView {
        var root = ProjectPath.relativeURL(from: outputPath, to: "index.html").dropLast("index.html".count)
        // A server shows 404.html at any depth, so there links must start from the site's address when it is known.
        if outputPath == "404.html", let base = site.config.baseURL {
            root = Substring(base)
        }
        return LayoutView(
            language: site.config.language,
            siteTitle: site.config.title,
            tagline: site.config.tagline,
            title: title,
            isHome: outputPath == "index.html",
            description: description ?? site.config.tagline ?? site.config.title,
            root: String(root),
            canonical: site.config.baseURL.map { $0 + ProjectPath.address(of: outputPath) },
            ogType: ogType,
            bodyClass: bodyClass,
            extraStyles: extraStyles,
            scripts: scripts,
            licenceHTML: Formatting.licenceHTML(site.config.licence, root: String(root),
                                                hasLicencePage: site.page(source: "content/licence.md") != nil),
            footerLinks: footerLinks,
            breadcrumbs: breadcrumbs.map { crumb in
                BreadcrumbView(title: crumb.0, url: crumb.1.map { ProjectPath.relativeURL(from: outputPath, to: $0) })
            })
    }

    /// The footer's links to site-wide pages, only to those this site has: a new site starts without them.
    var footerLinks: [FooterLinkView] {
        let pages = [("about", "About the Hub"), ("glossary", "Glossary"), ("contribute", "Contribute a module")]
            .filter { site.page(source: "content/\($0.0).md") != nil }
        return pages.enumerated().map { index, page in
            FooterLinkView(path: "\(page.0)/index.html", label: page.1, first: index == 0)
        }
    }
}
