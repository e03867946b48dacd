import Markdown
import Toolkit

enum Sitemap {
    /// `sitemap.xml` listing every HTML page; absolute URLs need the site's `base_url`, so without one it
    /// lists paths relative to the site root.
    static func xml(site: Site, paths: [String]) -> String {
        let base = site.config.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        let pages = paths.filter { $0.hasSuffix(".html") && $0 != "404.html" }.sorted()
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in pages {
            let location = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
            xml += "<url><loc>\(HTML.escape(base + location))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
