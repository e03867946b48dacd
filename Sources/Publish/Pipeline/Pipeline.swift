import Diagnostics
import Foundation
import Results
import Toolkit

/// The build as a visible list of stages: load → parse and model → check → render → results → write.
public enum Pipeline {
    public struct Checked: Sendable {
        public var sources: ProjectSources
        public var site: Site?
        public var theme: Theme?
        public var diagnostics: [Diagnostic]
        /// The files as the user wrote them, before any preprocessor: shown under diagnostics.
        public var sourceFiles: [String: String] = [:]
    }

    /// The files of a project as read and preprocessed: the load stage.
    public struct Loaded: Sendable {
        public var sources: ProjectSources
        public var diagnostics: [Diagnostic]
        /// The files as the user wrote them, before any preprocessor.
        public var sourceFiles: [String: String]
        /// True when there is no content/ folder, so there is nothing to check.
        public var missingContent: Bool
        /// The built-in theme with the project's template overrides, read and parsed.
        public var theme: LoadedTheme?
    }

    /// load → preprocess. With an output folder, preprocessors' outputs are kept beside it and used again
    /// while their inputs are unchanged.
    public static func load(root: URL, output: URL? = nil, memory: BuildMemory? = nil, spares: PreprocessorSpares? = nil) -> Loaded {
        let (loaded, loadDiagnostics) = ProjectLoader.load(root: root)
        if loadDiagnostics.contains(where: { $0.code == "project-missing-content" }) {
            return Loaded(sources: loaded, diagnostics: loadDiagnostics, sourceFiles: loaded.allFiles, missingContent: true)
        }
        let cache = output.map { PreprocessorCache(folder: PreprocessorCache.folder(for: $0)) }
        let (sources, preprocessDiagnostics) = Preprocessing.run(loaded, root: root, cache: cache, spares: spares)
        // Without a memory the theme is read in `check`, beside the parsing of the pages.
        return Loaded(sources: sources, diagnostics: loadDiagnostics + preprocessDiagnostics, sourceFiles: loaded.allFiles,
                      missingContent: false, theme: memory?.theme(for: sources) { Theme.load(sources) })
    }

    /// Every stage but writing: what `doorstep check` runs, and the first half of a build.
    /// load → preprocess → parse and model → check.
    public static func check(root: URL, directives: DirectiveRegistry = .standard, options: SiteOptions = SiteOptions()) -> Checked {
        check(load(root: root), directives: directives, options: options)
    }

    /// Parse and model → check, on a project already loaded.
    public static func check(_ loaded: Loaded, directives: DirectiveRegistry = .standard, options: SiteOptions = SiteOptions(),
                             memory: (any PageMemory)? = nil) -> Checked {
        if loaded.missingContent {
            return Checked(sources: loaded.sources, site: nil, theme: nil, diagnostics: loaded.diagnostics, sourceFiles: loaded.sourceFiles)
        }
        var checked = check(loaded.sources, theme: loaded.theme, directives: directives, options: options, memory: memory)
        checked.diagnostics = loaded.diagnostics + checked.diagnostics
        checked.sourceFiles = loaded.sourceFiles
        return checked
    }

    /// Parse, model and check on sources already in memory: the part of a build that never touches the disk.
    public static func check(_ sources: ProjectSources, directives: DirectiveRegistry = .standard,
                             options: SiteOptions = SiteOptions()) -> Checked {
        check(sources, theme: nil, directives: directives, options: options)
    }

    /// With no theme given, the theme is read and its templates parsed on a thread of its own while the pages
    /// are parsed: it needs only the sources, and the site needs it only at the end.
    static func check(_ sources: ProjectSources, theme givenTheme: LoadedTheme?, directives: DirectiveRegistry,
                      options: SiteOptions, memory: (any PageMemory)? = nil) -> Checked {
        let loadDiagnostics: [Diagnostic] = []
        let themeLoading = givenTheme == nil ? InBackground { Theme.load(sources) } : nil
        let (site, modelDiagnostics) = SiteBuilder.build(sources, directives: directives, options: options, memory: memory)
        let files = sources.allFiles
        let checkDiagnostics = SiteChecker.check(site, files: files, memory: memory)
            + AssetCheck.check(sources.assetData)
        let loadedTheme = givenTheme ?? themeLoading!.value
        let (theme, themeDiagnostics) = loadedTheme.resolved(for: site)
        return Checked(sources: sources, site: site, theme: theme,
                       diagnostics: loadDiagnostics + modelDiagnostics + checkDiagnostics + themeDiagnostics,
                       sourceFiles: files)
    }

    public struct BuildOptions: Sendable {
        public var root: URL
        public var output: URL
        public var strict = false
        public var makePDF = true
        public var requirePDF = false
        /// `--drafts` and `--base-url`.
        public var site = SiteOptions()
        /// The directives pages may use, before the site's own template directives are added.
        public var directives: DirectiveRegistry = .standard
        /// The preview's pages open in a browser (output paths) and where to hand them as soon as they are made,
        /// before the rest of the site: see `ViewedFirst`.
        public var viewed: Set<String> = []
        public var viewedReady: (@Sendable ([RenderedFile]) -> Void)?
        /// What the preview keeps between builds: see `BuildMemory`.
        public var memory: BuildMemory?
        /// For a command that ends with the build: the site's memory is left for the process's end to take
        /// back rather than freed first (see `ProcessLifetime`).
        public var keepsMemoryUntilExit = false
        /// The preview's preprocessors started ahead, waiting for their input: see `PreprocessorSpares`. Nil for `doorstep build`.
        public var preprocessorSpares: PreprocessorSpares?

        public init(root: URL, output: URL) {
            self.root = root
            self.output = output
        }
    }

    public struct BuildReport: Sendable {
        public var diagnostics: [Diagnostic]
        /// The text of every file read, to show source lines under diagnostics.
        public var sourceFiles: [String: String] = [:]
        public var built = false
        public var files = 0
        public var written = 0
        public var unchanged = 0
        /// True when the inputs were those of the last build, so the site was left as it was.
        public var upToDate = false
        /// True when that was told from the files' stamps, without reading them (see `BuildCache.Stamps`).
        public var upToDateByStamps = false
        /// Pages rendered in this build, and pages whose last file was kept because none of their inputs changed.
        public var pagesRendered = 0
        public var pagesKept = 0
        /// Packs and photocopy masters whose last HTML was kept, because no page they print changed.
        public var documentsKept = 0
        /// Survey files (forms, questionnaires, codebooks, XLSForms) whose last copy was kept, because neither the
        /// survey nor anything else its files show changed.
        public var surveyFilesKept = 0
        public var pdfs = 0
        public var pdfsReused = 0
        /// Set when packs were published as HTML only because WeasyPrint is missing.
        public var pdfSkippedReason: String?
        public var seconds: [String: Double] = [:]
        /// A problem with the machine or the output folder rather than with the user's files (exit status 2).
        public var environmentError: String?
        /// Where the draft pages kept by `--drafts` were written, so the preview can mark them.
        public var draftOutputPaths: Set<String> = []
    }

    public static func build(_ options: BuildOptions) -> BuildReport {
        var clock = Date()
        func lap(_ stage: String, _ report: inout BuildReport) {
            report.seconds[stage] = Date().timeIntervalSince(clock)
            clock = Date()
        }
        if let problem = outputProblem(options) {
            var report = BuildReport(diagnostics: [])
            report.environmentError = problem
            return report
        }
        do throws(OutputWriter.Failure) {
            try OutputWriter.recover(output: options.output)
        } catch {
            var report = BuildReport(diagnostics: [])
            report.environmentError = error.description
            return report
        }
        // An unchanged project whose last build found no problems needs no build at all: told first from the
        // files' stamps alone, then from their contents.
        func unchanged(_ files: Int, byStamps: Bool, sourceFiles: [String: String] = [:]) -> BuildReport {
            var report = BuildReport(diagnostics: [], sourceFiles: sourceFiles)
            report.built = true
            report.files = files
            report.unchanged = files
            report.upToDate = true
            report.upToDateByStamps = byStamps
            lap("unchanged", &report)
            return report
        }
        if let files = upToDateByStamps(options) { return unchanged(files, byStamps: true) }
        let loaded = load(root: options.root, output: options.output, memory: options.memory, spares: options.preprocessorSpares)
        let fingerprint = cacheable(loaded, options)
            ? BuildCache.fingerprint(sources: loaded.sources, options: options, pdfEngine: engineIdentity(options)) : nil
        if let fingerprint, let files = BuildCache.current(fingerprint, output: options.output) {
            // The files were touched but not changed: their new stamps are kept for the next build.
            if let stamps = keptStamps(loaded.sources, options) {
                OutputWriter.restamp(output: options.output, fingerprint: fingerprint, stamps: stamps)
            }
            return unchanged(files, byStamps: false, sourceFiles: loaded.sourceFiles)
        }
        let loadSeconds = Date().timeIntervalSince(clock)
        let checked = check(loaded, directives: options.directives, options: options.site, memory: options.memory)
        var report = BuildReport(diagnostics: checked.diagnostics, sourceFiles: checked.sourceFiles)
        report.seconds["load and preprocess"] = loadSeconds
        lap("load, parse, model and check", &report)
        let blocking = checked.diagnostics.hasErrors || (options.strict && !checked.diagnostics.isEmpty)
        guard !blocking, let site = checked.site, let theme = checked.theme else { return report }

        let results = resultsStage(root: options.root, site: site, sources: checked.sources)
        report.diagnostics += results.diagnostics
        if results.diagnostics.hasErrors || (options.strict && !results.diagnostics.isEmpty) { return report }
        lap("results", &report)

        let resultsPages = ResultsPages(site: site, theme: theme, reports: results.reports, withPDFs: false)
        let needsPDFs = PrintStage.needsPDFs(site, printDocuments: resultsPages.printDocuments)
        let engine = options.makePDF && needsPDFs ? PDFMaker.find(root: options.root) : nil
        let pdfMaker = try? engine?.get()
        if case .failure(let missing)? = engine {
            if options.requirePDF {
                report.environmentError = "\(missing.reason); --require-pdf asks for the PDFs of packs, photocopy masters and results, so nothing was written"
                return report
            }
            report.pdfSkippedReason = "\(missing.reason). "
                + (site.packs.isEmpty ? "Print documents were" : "Packs were") + " published as print-ready HTML without PDFs"
        }

        let renderer = SiteRenderer(site: site, theme: theme, withPDFs: pdfMaker != nil)
        let keys = RenderKeys.make(site: site, sources: checked.sources, options: options, withPDFs: pdfMaker != nil)
        let previous = BuildCache.read(output: options.output)
        ViewedFirst.render(renderer, options: options, keys: keys, previous: previous)

        do throws(OutputWriter.Failure) {
            var writer = try OutputWriter(output: options.output, waiting: { message in
                FileHandle.standardError.write(Data("note: \(message)\n".utf8))
            })
            // A page or print document whose render key is the last build's is the same HTML: its file is kept, not made.
            func kept(_ path: String) -> Bool {
                guard let key = keys[path], let previous, previous.keys[path] == key, let size = previous.sizes[path] else { return false }
                return writer.reuse(path, size: size)
            }
            do throws(OutputWriter.Failure) {
                let documents = site.packs.flatMap { [$0.htmlPath, $0.largePrintPath] } + PrintMaster.all(in: site).map(\.htmlPath)
                let keptDocuments = Set(documents.filter(kept))
                report.documentsKept = keptDocuments.count
                let keptSurveyFiles = Set((site.surveys.flatMap(SurveyPages.paths(of:)) + [SurveyPages.listPath, SurveyPages.schemaPath]).filter(kept))
                report.surveyFilesKept = keptSurveyFiles.count
                // Everything but the pages is made first; the pages are then made and written a batch at a time.
                var files: [RenderedFile]
                do {
                    files = try renderer.renderRest(pagePaths: renderer.pages.map(\.outputPath), kept: keptDocuments.union(keptSurveyFiles))
                } catch {
                    writer.abandon()
                    report.environmentError = error.message
                    return report
                }
                files += assetFiles(site, sources: checked.sources)
                files += ResultsPages(site: site, theme: theme, reports: results.reports, withPDFs: pdfMaker != nil).render()
                try writer.stage(files)
                files = []
                // Every page is asked once whether its last file is kept; with none kept (a first build), the list
                // of pages is used as it is rather than copied.
                let keptPages = renderer.pages.map { kept($0.outputPath) }
                let changed = keptPages.contains(true) ? zip(renderer.pages, keptPages).filter { !$1 }.map(\.0) : renderer.pages
                report.pagesRendered = changed.count
                report.pagesKept = renderer.pages.count - changed.count
                try renderer.renderPages(changed) { pages throws(OutputWriter.Failure) in try writer.stage(pages) }
                lap("render and write", &report)
                let printed = try PrintStage.run(site: site, theme: theme, printDocuments: resultsPages.printDocuments,
                                                 maker: pdfMaker, strict: options.strict, writer: &writer, report: &report)
                guard printed else {
                    writer.abandon()
                    return report
                }
                lap("pdf", &report)
                // Remembered only when nothing needs saying again: a build with warnings is always run.
                let clean = report.diagnostics.isEmpty && report.pdfSkippedReason == nil
                let stamps = clean && fingerprint != nil ? keptStamps(loaded.sources, options) : nil
                try writer.commit(fingerprint: clean ? fingerprint : nil, keys: keys, stamps: stamps)
                report.files = writer.staged.count
                report.written = writer.written
                report.unchanged = writer.unchanged
                report.built = true
                report.draftOutputPaths = Set(site.allPages.filter(\.frontMatter.draft).map(\.outputPath))
            } catch {
                writer.abandon()
                throw error
            }
        } catch {
            report.environmentError = error.description
        }
        if options.keepsMemoryUntilExit {
            ProcessLifetime.keep(loaded, checked, site, renderer, keys, previous as Any, results, resultsPages)
        }
        lap("write", &report)
        return report
    }

    /// Whether a build of this project may be skipped when its fingerprint is unchanged. Not with drafts (the
    /// preview marks them), not after problems in the load stage, and not with a results folder, whose answers
    /// are read later.
    static func cacheable(_ loaded: Loaded, _ options: BuildOptions) -> Bool {
        guard !loaded.missingContent, loaded.diagnostics.isEmpty, !options.site.includeDrafts else { return false }
        return !hasResults(loaded.sources, options)
    }

    /// The number of files of the site when the last build left stamps that the project's files still have
    /// (see `BuildCache.Stamps`), so that nothing has changed; nil when that cannot be told without reading them.
    /// Only for `doorstep build`: the preview keeps its pages in memory, and preprocessors may read any file.
    static func upToDateByStamps(_ options: BuildOptions) -> Int? {
        // The file systems are asked first: on a network one, the walk itself would be slow.
        guard usesStamps(options), trustsFileTimes(options), let cache = BuildCache.Stored.read(output: options.output),
              cache.fingerprint != nil, let stored = cache.stamps else { return nil }
        let (found, diagnostics) = ProjectLoader.inputs(root: options.root)
        guard diagnostics.isEmpty, !usesPreprocessors(found), !hasResults(found, options) else { return nil }
        let racy = Set(stored.racy)
        let stamps = BuildCache.stamps(inputs: found.inputs, racy: racy, options: options, pdfEngine: engineIdentity(options)) { input in
            if input.isAsset { return try? ProjectLoader.readAsset(input.path, root: options.root).get() }
            guard case .success(let (file, _)) = ProjectLoader.readFile(input.path, root: options.root) else { return nil }
            return Data(file.text.utf8)
        }
        return stamps == stored ? cache.siteIsWhole(output: options.output) : nil
    }

    static func usesStamps(_ options: BuildOptions) -> Bool {
        options.memory == nil && options.preprocessorSpares == nil && !options.site.includeDrafts
    }

    /// False when the project or one of its module folders is on a file system whose times come from another
    /// machine (see `BuildCache.isLocalFileSystem`).
    static func trustsFileTimes(_ options: BuildOptions) -> Bool {
        guard BuildCache.isLocalFileSystem(options.root.path) else { return false }
        return moduleFolders(root: options.root).allSatisfy { folder in
            let path = options.root.appendingPathComponent(folder).path
            return !FileManager.default.fileExists(atPath: path) || BuildCache.isLocalFileSystem(path)
        }
    }

    /// The stamps a build that has read every file keeps for the next one: none when a preprocessor may read
    /// any file, or when the file systems' times cannot be trusted.
    static func keptStamps(_ sources: ProjectSources, _ options: BuildOptions) -> BuildCache.Stamps? {
        guard usesStamps(options), !usesPreprocessors(sources), trustsFileTimes(options) else { return nil }
        return BuildCache.stamps(sources: sources, options: options, pdfEngine: engineIdentity(options))
    }

    static func usesPreprocessors(_ sources: ProjectSources) -> Bool {
        guard let config = sources.siteConfig else { return false }
        return !SiteConfig.decode(config).0.preprocessors.isEmpty
    }

    /// True when the project has results, whose answers a build reads later: such a build is never skipped.
    static func hasResults(_ sources: ProjectSources, _ options: BuildOptions) -> Bool {
        let settings = sources.siteConfig.map { ResultsSettings.decode(siteYAML: $0.text, file: $0.path).0 } ?? ResultsSettings()
        return settings.configured || FileManager.default.fileExists(atPath: options.root.appendingPathComponent(settings.folder).path)
    }

    /// The WeasyPrint a build would use, by place, size and time of change, without running it.
    static func engineIdentity(_ options: BuildOptions) -> String? {
        guard options.makePDF else { return nil }
        switch PDFMaker.candidate(root: options.root) {
        case .success(let path): return path + " " + BuildCache.fileIdentity(path)
        case .failure(let missing): return "none: " + missing.reason
        }
    }

    /// An output folder inside the folders the build reads would be read back in as sources (its pages
    /// republished as assets in the next build), and one at the project root would replace the project.
    static func outputProblem(_ options: BuildOptions) -> String? {
        let root = options.root.standardizedFileURL.resolvingSymlinksInPath().path
        let output = options.output.standardizedFileURL.resolvingSymlinksInPath().path
        if output == root || root.hasPrefix(output + "/") {
            return "the output folder '\(output)' holds the project itself; choose another --output folder, such as 'site'"
        }
        let read = ["content"] + moduleFolders(root: options.root) + ["templates", "directives"]
        for folder in read {
            let source = URL(fileURLWithPath: folder, relativeTo: options.root).standardizedFileURL.resolvingSymlinksInPath().path
            if output == source || output.hasPrefix(source + "/") {
                let list = read.map { "\($0)/" }
                return "the output folder '\(output)' is inside '\(folder)/', which the build reads; choose a folder outside "
                    + list.dropLast().joined(separator: ", ") + " and " + (list.last ?? "") + ", such as 'site'"
            }
        }
        return nil
    }

    /// The module folders `content/site.yml` names (`toolkit-modules` unless it names others), read before
    /// anything else so that a build never writes into a folder it reads.
    static func moduleFolders(root: URL) -> [String] {
        // Read as the loader reads it: a pipe in its place is refused rather than waited on.
        guard case .success(let (_, data)) = FileReading.read(root.appendingPathComponent("content/site.yml").path) else {
            return ["toolkit-modules"]
        }
        let config = SiteConfig.decode(SourceFile(path: "content/site.yml", text: String(decoding: data, as: UTF8.self))).0
        return config.moduleFolders.map(\.value)
    }

    /// Module assets are copied as they are, from the bytes the load stage read.
    static func assetFiles(_ site: Site, sources: ProjectSources) -> [RenderedFile] {
        site.modules.flatMap(\.assets).compactMap { path in
            sources.assetData[path].map { RenderedFile(path: ProjectPath.assetOutputPath(path), data: $0) }
        }
    }
}
