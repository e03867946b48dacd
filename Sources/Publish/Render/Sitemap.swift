import Markdown
import Toolkit

enum Sitemap {
    /// `sitemap.xml` listing every HTML page but the 404 page, under the site's address.
    static func xml(base: String, paths: [String]) -> String {
        let pages = Set(paths.filter { $0.hasSuffix(".html") && $0 != "404.html" }).sorted()
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in pages {
            xml += "<url><loc>\(HTML.escape(base + ProjectPath.address(of: path)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
