import Foundation
import Toolkit

/// What each page's HTML is made from, as one hash per page: the hash of everything the pages share, then
/// the page's own text. The shared part holds every setting, the theme, the program, every source that is
/// not a page, the list of assets, and the site's outline: every page's place, front matter, headings and
/// directive blocks, which other pages show in navigation, links, anchors, session plans and surveys.
/// A page whose key is that of the last build is the same HTML, so its file is kept rather than rendered;
/// so is a pack or photocopy master whose key, made from the text of every page it prints, is unchanged, and a
/// survey's files, whose key is the shared one with the survey's source.
///
/// An edit to a page's prose changes that page's key only; an edit to a title, a heading, a front matter
/// field or a directive block changes the outline, and so every page's key.
enum RenderKeys {
    /// The key of every page the renderer writes, of every print document (packs in both sizes and
    /// photocopy masters, made from the text of every page they print) and of every survey file, by output path.
    static func make(site: Site, sources: ProjectSources, options: Pipeline.BuildOptions, withPDFs: Bool) -> [String: String] {
        let files = sources.allFiles
        let pages = site.allPages
        let shared = sharedKey(site: site, pages: pages, files: files, sources: sources, options: options, withPDFs: withPDFs)
        var keys: [String: String] = [:]
        keys.reserveCapacity(pages.count)
        @Sendable func hash(_ path: String, _ items: [Pack.Item], language: String? = nil) -> String {
            var hasher = ContentHasher()
            hasher.add(shared)
            hasher.add(path)
            hasher.add(language ?? "-")
            for item in items {
                switch item {
                case .page(let page):
                    hasher.add(page.sourcePath)
                    hasher.add(files[page.sourcePath] ?? "")
                case .survey(let entry):
                    hasher.add("survey \(entry.id) \(entry.sourcePath)")
                    hasher.add(files[entry.sourcePath] ?? "")
                }
            }
            return hasher.hex
        }
        func key(_ path: String, _ items: [Pack.Item], language: String? = nil) {
            keys[path] = hash(path, items, language: language)
        }
        // Each page's text is hashed on its own, so the pages are hashed side by side.
        let pageKeys = parallelMap(Array(pages.indices)) { number in hash(pages[number].outputPath, [.page(pages[number])]) }
        for (page, pageKey) in zip(pages, pageKeys) { keys[page.outputPath] = pageKey }
        for pack in site.packs {
            key(pack.htmlPath, pack.items)
            key(pack.largePrintPath, pack.items)
        }
        for master in PrintMaster.all(in: site) { key(master.htmlPath, [master.item], language: master.language) }
        // A survey's files are made from its own source, the settings, the theme and the outline (which pages
        // show it, and where), all of them in the shared key: no page's prose reaches them.
        for entry in site.surveys {
            for path in SurveyPages.paths(of: entry) { key(path, [.survey(entry)]) }
        }
        for path in [SurveyPages.listPath, SurveyPages.schemaPath] { key(path, []) }
        return keys
    }

    static func sharedKey(site: Site, pages: [Page], files: [String: String], sources: ProjectSources,
                          options: Pipeline.BuildOptions, withPDFs: Bool) -> String {
        var hasher = ContentHasher()
        hasher.add("render keys 1 doorstep \(DoorstepVersion.current)")
        hasher.add(BuildCache.programIdentity())
        hasher.add("drafts=\(options.site.includeDrafts) base=\(options.site.baseURL ?? "-") pdfs=\(withPDFs)")
        for (path, data) in BuildCache.themeFiles() {
            hasher.add(path)
            hasher.add(data)
        }
        let pagePaths = Set(pages.map(\.sourcePath))
        for (path, text) in files.sorted(by: { $0.key < $1.key }) where !pagePaths.contains(path) {
            hasher.add(path)
            hasher.add(text)
        }
        for (path, data) in sources.assetData.sorted(by: { $0.key < $1.key }) {
            hasher.add(path)
            hasher.add("\(data.count)")
        }
        hasher.add("drafts: " + site.draftPages.sorted().joined(separator: "\u{0}"))
        // Modules in reading order, each with its pages in order; then the site-wide pages.
        for module in site.modules {
            hasher.add("module \(module.id) \(module.path)")
            for page in [module.index].compactMap({ $0 }) + module.pages { outline(page, text: files[page.sourcePath], into: &hasher) }
        }
        hasher.add("content")
        for page in site.contentPages { outline(page, text: files[page.sourcePath], into: &hasher) }
        return hasher.hex
    }

    /// What other pages may show of a page: where it is, its front matter (title, kind, order…), its headings
    /// and its directive blocks.
    static func outline(_ page: Page, text: String?, into hasher: inout ContentHasher) {
        hasher.add(page.sourcePath)
        hasher.add(page.outputPath)
        hasher.add(String(TextLines.prefix(text ?? "", lines: page.bodyLineOffset)))
        for heading in page.headings {
            hasher.add("\(heading.level) \(heading.id)")
            hasher.add(heading.text)
        }
        for directive in page.directives {
            hasher.add("\(directive.name) \(directive.location.line) \(directive.block.argument)")
            hasher.add(directive.block.content)
        }
    }
}
