import Diagnostics
import Markdown
import Survey

/// The parse and model stages: from the files read to a `Site`, with every problem found on the way.
public enum SiteBuilder {
    public static func build(_ sources: ProjectSources, directives: DirectiveRegistry = .standard,
                             options: SiteOptions = SiteOptions(), memory: (any PageMemory)? = nil) -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var config = SiteConfig.default
        if let file = sources.siteConfig {
            let (decoded, found) = SiteConfig.decode(file)
            config = decoded
            diagnostics += found
        }
        if let baseURL = options.baseURL { config.baseURL = baseURL }

        var manifests: [ModuleManifest] = []
        var sourcesByID: [String: ModuleSources] = [:]
        var unreadable: [String] = []
        for module in sources.modules {
            guard let file = module.manifest else { continue }
            let (manifest, found) = ModuleManifest.decode(file, folder: module.folder)
            diagnostics += found
            if let manifest {
                manifests.append(manifest)
                sourcesByID[manifest.id] = module
            } else {
                unreadable.append(module.path)
            }
        }
        let (enabled, graphDiagnostics) = ModuleGraph.order(manifests, selection: config.modules)
        diagnostics += graphDiagnostics

        // Template directives of the site and of the modules in use join the directives pages may use.
        let directiveFiles = sources.siteDirectives + enabled.compactMap { sourcesByID[$0.id] }.flatMap(\.directives)
        let (templateDirectives, directiveDiagnostics) = TemplateDirectiveLoader.load(directiveFiles, builtIn: directives)
        diagnostics += directiveDiagnostics
        let directives = directives.adding(templateDirectives)

        // Pages are independent, so they are parsed side by side; results keep the files' order.
        struct PageJob: Sendable { var file: SourceFile; var moduleID: String?; var slug: String }
        var jobs: [PageJob] = []
        for manifest in enabled {
            guard let source = sourcesByID[manifest.id] else { continue }
            jobs += source.pages.map { PageJob(file: $0, moduleID: manifest.id, slug: String($0.path.dropFirst(source.path.count + 1).dropLast(3))) }
        }
        jobs += sources.contentPages.map { PageJob(file: $0, moduleID: nil, slug: String($0.path.dropFirst("content/".count).dropLast(3))) }
        memory?.begin(directiveFiles: directiveFiles)
        let parsed = parallelMap(jobs) { job in
            let parse = { PageParser.parse(job.file, moduleID: job.moduleID, slug: job.slug, directives: directives) }
            return memory?.parsed(job.file, moduleID: job.moduleID, slug: job.slug, parse) ?? parse()
        }
        diagnostics += parsed.flatMap(\.1)
        // Drafts are checked like every page, then left out unless asked for. The pages are sorted into their
        // modules in one pass.
        var draftPaths: Set<String> = []
        var unreadablePages: Set<String> = []
        var modulePages: [String: [Page]] = [:]
        var contentPages: [Page] = []
        for (job, outcome) in zip(jobs, parsed) {
            guard let page = outcome.0 else {
                unreadablePages.insert(job.file.path)
                continue
            }
            if page.frontMatter.draft {
                draftPaths.insert(page.sourcePath)
                if !options.includeDrafts { continue }
            }
            if let moduleID = page.moduleID { modulePages[moduleID, default: []].append(page) } else { contentPages.append(page) }
        }

        var modules: [Module] = []
        for manifest in enabled {
            guard let source = sourcesByID[manifest.id] else { continue }
            let pages = modulePages[manifest.id] ?? []
            let index = pages.first { $0.isIndex }
            let ordered = pages.filter { !$0.isIndex }.sorted {
                ($0.frontMatter.order ?? 1000, $0.title, $0.slug) < ($1.frontMatter.order ?? 1000, $1.title, $1.slug)
            }
            modules.append(Module(manifest: manifest, index: index, pages: ordered, assets: source.assets, folder: source.folder,
                                  moduleFolder: source.moduleFolder))
        }

        if !sources.contentPages.isEmpty, !contentPages.contains(where: \.isIndex),
           !sources.contentPages.contains(where: { $0.path == "content/index.md" }) {
            diagnostics.append(.error("home-missing", "'content/index.md' is missing: it is the home page"))
        }

        diagnostics += checkOutputPaths(modules: modules, contentPages: contentPages)
        let allPages = Site.pages(contentPages: contentPages, modules: modules)
        let enabledSurveyFiles = enabled.compactMap { sourcesByID[$0.id] }.flatMap(\.surveys)
        var (surveys, surveyDiagnostics) = collectSurveys(pages: allPages, surveyFiles: enabledSurveyFiles, memory: memory)
        diagnostics += surveyDiagnostics
        // The survey wording (the built-in tables, then the project's files) is read only when there is some
        // to read: a site without surveys or wording files has no use for it.
        if !surveys.isEmpty || !sources.wordingFiles.isEmpty {
            let (wording, wordingDiagnostics) = ProjectWording.read(sources.wordingFiles)
            diagnostics += wordingDiagnostics
            for index in surveys.indices { surveys[index].survey.wording = wording }
        }

        var site = Site(config: config, modules: modules, contentPages: contentPages, surveys: surveys,
                        packs: [], templates: TemplateOverrides(
                            site: sources.siteTemplates,
                            modules: Dictionary(uniqueKeysWithValues: enabled.compactMap { manifest in
                                sourcesByID[manifest.id].map { (manifest.id, $0.templates) }
                            })))
        site.directives = directives
        site.unreadableFolders = unreadable
        site.unreadablePages = unreadablePages
        site.draftPages = draftPaths
        let (packs, packDiagnostics) = resolvePacks(modules: modules, site: site)
        site.packs = packs
        diagnostics += packDiagnostics
        return (site, diagnostics)
    }

    /// "Did you mean …?" with the path as it is written in `file`, not as a project path.
    static func relativeSuggestion<S: Sequence>(for path: String, in candidates: S, from file: String) -> [String]
        where S.Element == String {
        Suggestion.closest(to: path, in: candidates).map { ["did you mean '\(ProjectPath.relativeURL(from: file, to: $0))'?"] } ?? []
    }

    /// Folders the generator writes itself; a module or page of the same name would be overwritten.
    public static let reservedNames: Set<String> = ["assets", "packs", "surveys", "search", "404", "sitemap"]

    /// Every page must have an output path of its own: two sources for one path would silently lose one.
    static func checkOutputPaths(modules: [Module], contentPages: [Page]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var claimed: [String: String] = [:]
        func claim(_ path: String, by source: String, at location: SourceLocation) {
            if let first = claimed[path] {
                diagnostics.append(.error("output-collision",
                    "'\(source)' and '\(first)' would both be published at '\(path)'; rename one of them", at: location))
            } else {
                claimed[path] = source
            }
        }
        for module in modules {
            if reservedNames.contains(module.id) {
                diagnostics.append(.error("module-id-reserved",
                    "'\(module.id)' is used by the generator for its own pages; choose another module id",
                    at: module.manifest.location))
            }
            claim(module.outputPath, by: "\(module.path)/module.yml", at: module.manifest.location)
            for page in module.pages {
                claim(page.outputPath, by: page.sourcePath, at: SourceLocation(file: page.sourcePath, line: 1, column: 1))
            }
        }
        for page in contentPages {
            let location = SourceLocation(file: page.sourcePath, line: 1, column: 1)
            if reservedNames.contains(page.slug) {
                diagnostics.append(.error("page-name-reserved",
                    "'\(page.slug)' is used by the generator for its own pages; rename '\(page.sourcePath)'", at: location))
            }
            claim(page.outputPath, by: page.sourcePath, at: location)
        }
        // A page is published as a folder holding index.html, so a name like 'index.html.md' would need a
        // folder where a file is already written.
        // Each page is looked at where it is kept, not copied into one list first.
        func checkName(_ page: Page) {
            let name = page.slug.split(separator: "/").last.map(String.init) ?? page.slug
            let location = SourceLocation(file: page.sourcePath, line: 1, column: 1)
            let lowercased = name.lowercased()
            if let suffix = [".html", ".htm", ".xml", ".json", ".js", ".css", ".pdf"].first(where: { lowercased.hasSuffix($0) }) {
                diagnostics.append(.error("page-name-invalid",
                    "'\(page.sourcePath)' would be published as a folder named '\(name)', which ends in '\(suffix)' like a file; rename it without '\(suffix)'",
                    at: location))
                return
            }
            var folder = Substring(page.outputPath)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if let owner = claimed[String(folder)] {
                    diagnostics.append(.error("output-collision",
                        "'\(page.sourcePath)' would be published inside '\(folder)', which is the file made from '\(owner)'; rename it",
                        at: location))
                    break
                }
            }
        }
        for module in modules {
            for index in module.pages.indices { checkName(module.pages[index]) }
        }
        for index in contentPages.indices { checkName(contentPages[index]) }
        return diagnostics
    }

    /// Surveys embedded in pages, included by them, or standing alone in a module's `surveys/` folder.
    static func collectSurveys(pages: [Page], surveyFiles: [SourceFile], memory: (any PageMemory)? = nil) -> ([SurveyEntry], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var entries: [SurveyEntry] = []
        var entryIndexByFile: [String: Int] = [:]
        let filesByPath = Dictionary(surveyFiles.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })

        func decodeFile(_ file: SourceFile) -> Int? {
            if let index = entryIndexByFile[file.path] { return index }
            let decode = { SurveyDecoder.decode(yaml: file.text, file: file.path) }
            let (survey, found) = memory?.decodedSurvey(file, decode) ?? decode()
            diagnostics += found
            guard let survey else { return nil }
            entries.append(SurveyEntry(survey: survey, sourcePath: file.path, pages: [], blockLocations: []))
            entryIndexByFile[file.path] = entries.count - 1
            return entries.count - 1
        }

        for page in pages {
            for directive in page.directives {
                switch directive.value(as: SurveyDirective.Block.self) {
                case .include(let include, let length)?:
                    let resolved = ProjectPath.resolve(include.value, from: page.sourcePath)
                    guard let path = resolved, let file = filesByPath[path] else {
                        diagnostics.append(SurveySources.missingInclude(
                            path: include.value, at: include.location, length: length, lookedFor: resolved ?? include.value,
                            suggestions: relativeSuggestion(for: resolved ?? include.value, in: filesByPath.keys, from: page.sourcePath)
                                + ["surveys live in a module's folder and end in .survey.yml"]))
                        continue
                    }
                    if let index = decodeFile(file) {
                        entries[index].pages.append(page.sourcePath)
                        entries[index].blockLocations.append(directive.location)
                    }
                case .inline(let survey)?:
                    entries.append(SurveyEntry(survey: survey, sourcePath: page.sourcePath, pages: [page.sourcePath],
                                               blockLocations: [directive.location]))
                case nil:
                    continue
                }
            }
        }
        for file in surveyFiles.sorted(by: { $0.path < $1.path }) { _ = decodeFile(file) }
        return (entries, diagnostics)
    }

    static func resolvePacks(modules: [Module], site: Site) -> ([Pack], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var packs: [Pack] = []
        var seen: [String: SourceLocation] = [:]
        for module in modules {
            for definition in module.manifest.packs {
                if let first = seen[definition.id] {
                    diagnostics.append(.error("pack-duplicate", "another pack already has the id '\(definition.id)'",
                                              at: definition.location, notes: ["the first is at \(first.description)"]))
                    continue
                }
                seen[definition.id] = definition.location
                // packs/index.html is the list of packs; 'x-large-print' is the large-print copy of pack 'x'.
                if definition.id == "index" {
                    diagnostics.append(.error("pack-id-reserved",
                        "the pack id 'index' is used by the list of packs (packs/index.html); choose another id",
                        at: definition.location))
                    continue
                }
                if definition.id.hasSuffix("-large-print") {
                    diagnostics.append(.error("pack-id-reserved",
                        "pack ids may not end in '-large-print': that name is used for the large-print copy of each pack",
                        at: definition.location))
                    continue
                }
                var items: [Pack.Item] = []
                for item in definition.items {
                    switch item {
                    case .page(let path):
                        let resolved = ProjectPath.resolve(path.value, inModuleOf: "\(module.path)/module.yml")
                        if let page = resolved.flatMap(site.page(source:)) {
                            items.append(.page(page))
                        } else {
                            diagnostics.append(.error("pack-item-missing",
                                "pack '\(definition.id)' names '\(path.value)', which is not a page of this site",
                                at: path.location, length: path.value.count,
                                notes: resolved.map { relativeSuggestion(for: $0, in: site.allSourcePaths,
                                                                         from: "\(module.path)/module.yml") } ?? []))
                        }
                    case .survey(let id):
                        if let entry = site.survey(id: id.value) {
                            items.append(.survey(entry))
                        } else {
                            diagnostics.append(.error("pack-survey-missing",
                                "pack '\(definition.id)' names the survey '\(id.value)', which does not exist",
                                at: id.location, length: id.value.count,
                                notes: Suggestion.note(for: id.value, in: site.surveys.map(\.id))))
                        }
                    }
                }
                packs.append(Pack(definition: definition, moduleID: module.id, items: items))
            }
        }
        return (packs, diagnostics)
    }
}

/// Where a long-lived process (the preview) keeps parsed pages from one build for the next, so an edit
/// parses only the pages whose text changed. A parse depends only on the file, its module and slug and the
/// directives, so a kept one is the same as a new one; `begin` forgets them all when the directive files change.
/// Surveys are kept the same way: a survey file's decoding depends only on the file, and a survey's own
/// checks only on the survey, so both are used again while the file, or the survey, is unchanged.
public protocol PageMemory: Sendable {
    func begin(directiveFiles: [SourceFile])
    func parsed(_ file: SourceFile, moduleID: String?, slug: String, _ parse: () -> (Page?, [Diagnostic])) -> (Page?, [Diagnostic])
    func decodedSurvey(_ file: SourceFile, _ decode: () -> (Survey?, [Diagnostic])) -> (Survey?, [Diagnostic])
    func checkedSurvey(_ survey: Survey, _ check: () -> [Diagnostic]) -> [Diagnostic]
}

extension PageMemory {
    public func decodedSurvey(_ file: SourceFile, _ decode: () -> (Survey?, [Diagnostic])) -> (Survey?, [Diagnostic]) { decode() }
    public func checkedSurvey(_ survey: Survey, _ check: () -> [Diagnostic]) -> [Diagnostic] { check() }
}
