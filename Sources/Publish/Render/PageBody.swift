import Diagnostics
import Markdown
import Toolkit

/// A page's Markdown as HTML for one output file: links rewritten relative to that file,
/// directives rendered by their registered `Directive`.
struct PageBody {
    let site: Site
    let directives: DirectiveRegistry
    /// When set (printed packs), links to the site's own pages become absolute URLs under it.
    var absoluteBase: String? = nil
    /// Output paths of pages printed in the same document, and the anchor each starts at.
    var documentAnchors: [String: String] = [:]

    func html(_ page: Page, outputPath: String, headingShift: Int = 0) -> String {
        GroupPlaceholders.fill(renderer(page, outputPath: outputPath, headingShift: headingShift)
            .render(page.document, headingIDs: page.headings.map(\.id)), group: site.config.group)
    }

    private func renderer(_ page: Page, outputPath: String, headingShift: Int) -> HTMLRenderer {
        let site = self.site
        let directives = self.directives
        let base = absoluteBase
        let documentAnchors = self.documentAnchors
        // Where a link to an output file of the site goes from this document.
        let url: (String, String?) -> String = { path, anchor in
            if let item = documentAnchors[path] { return "#" + (anchor.map { "\(item)-\($0)" } ?? item) }
            let url = base.map { $0 + ProjectPath.address(of: path) }
                ?? ProjectPath.relativeURL(from: outputPath, to: path)
            return anchor.map { "\(url)#\($0)" } ?? url
        }
        let destination: (String, SourceSpan) -> String = { destination, _ in
            switch site.resolve(link: destination, from: page.sourcePath) {
            case .success(.external(let external)): return external
            case .success(.samePage(let anchor)): return "#\(anchor)"
            case .success(.output(let path, let anchor)): return url(path, anchor)
            case .failure: return destination
            }
        }
        var hooks = RenderHooks(destination: destination)
        hooks.codeBlock = { info, code, span in
            let name = String(info.split(separator: " ").first ?? "")
            let line = span.startLine + page.bodyLineOffset
            guard let decoded = page.directives.first(where: { $0.location.line == line && $0.name == name }) else { return nil }
            let context = DirectiveContext(site: site, page: page, outputPath: outputPath, link: { url($0, nil) }) { text, lineOffset in
                HTMLRenderer(hooks: RenderHooks(destination: destination), idPrefix: "\(name)-\(lineOffset)-")
                    .render(MarkdownParser.parse(text))
            }
            return directives.render(decoded, in: context)
        }
        return HTMLRenderer(hooks: hooks, headingShift: headingShift)
    }
}
