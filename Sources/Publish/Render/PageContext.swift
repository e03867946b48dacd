import Markdown
import Toolkit

/// The values every template sees through the layout: site title, root URL, licence, assets.
struct LayoutContext {
    let site: Site

    func values(outputPath: String, title: String, description: String?, bodyClass: String,
                breadcrumbs: [(String, String?)] = [], extraStyles: [String] = [], scripts: [String] = [],
                ogType: String = "article") -> [String: Any] {
        var root = ProjectPath.relativeURL(from: outputPath, to: "index.html").dropLast("index.html".count)
        // A server shows 404.html at any depth, so there links must start from the site's address when it is known.
        if outputPath == "404.html", let base = site.config.baseURL {
            root = Substring(base)
        }
        let canonical = site.config.baseURL.map { $0 + ProjectPath.address(of: outputPath) }
        return [
            "language": site.config.language,
            "siteTitle": site.config.title,
            "tagline": site.config.tagline ?? "",
            "title": title,
            "isHome": outputPath == "index.html",
            "description": description ?? site.config.tagline ?? site.config.title,
            "root": String(root),
            "canonical": canonical ?? "",
            "ogType": ogType,
            "bodyClass": bodyClass,
            "extraStyles": extraStyles,
            "scripts": scripts,
            "licenceHTML": Formatting.licenceHTML(site.config.licence, root: String(root),
                                                  hasLicencePage: site.page(source: "content/licence.md") != nil),
            "footerLinks": footerLinks,
            "hasFooterLinks": !footerLinks.isEmpty,
            "hasBreadcrumbs": !breadcrumbs.isEmpty,
            "breadcrumbs": breadcrumbs.map { crumb -> [String: Any] in
                ["title": crumb.0, "url": crumb.1.map { ProjectPath.relativeURL(from: outputPath, to: $0) } ?? ""].withoutEmptyText
            },
        ].withoutEmptyText
    }
}

extension LayoutContext {
    /// The footer's links to site-wide pages, only to those this site has: a new site starts without them.
    var footerLinks: [[String: Any]] {
        let pages = [("about", "About the Hub"), ("glossary", "Glossary"), ("contribute", "Contribute a module")]
            .filter { site.page(source: "content/\($0.0).md") != nil }
        return pages.enumerated().map { index, page in
            ["path": "\(page.0)/index.html", "label": page.1, "first": index == 0]
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// Mustache sections treat a missing key as false; empty text is dropped so `{{#key}}` means "has a value".
    var withoutEmptyText: [String: Any] {
        filter { !(($0.value as? String)?.isEmpty ?? false) }
    }

    func merging(_ other: [String: Any]) -> [String: Any] {
        merging(other) { _, new in new }
    }
}
