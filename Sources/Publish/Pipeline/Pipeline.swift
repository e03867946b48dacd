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

    /// load → preprocess.
    public static func load(root: URL) -> Loaded {
        let (loaded, loadDiagnostics) = ProjectLoader.load(root: root)
        if loadDiagnostics.contains(where: { $0.code == "project-missing-content" }) {
            return Loaded(sources: loaded, diagnostics: loadDiagnostics, sourceFiles: loaded.allFiles, missingContent: true)
        }
        let (sources, preprocessDiagnostics) = Preprocessing.run(loaded, root: root)
        return Loaded(sources: sources, diagnostics: loadDiagnostics + preprocessDiagnostics, sourceFiles: loaded.allFiles,
                      missingContent: false, theme: Theme.load(sources))
    }

    /// Every stage but writing: what `doorstep check` runs, and the first half of a build.
    /// load → preprocess → parse and model → check.
    public static func check(root: URL, directives: DirectiveRegistry = .standard, options: SiteOptions = SiteOptions()) -> Checked {
        check(load(root: root), directives: directives, options: options)
    }

    /// Parse and model → check, on a project already loaded.
    public static func check(_ loaded: Loaded, directives: DirectiveRegistry = .standard, options: SiteOptions = SiteOptions()) -> Checked {
        if loaded.missingContent {
            return Checked(sources: loaded.sources, site: nil, theme: nil, diagnostics: loaded.diagnostics, sourceFiles: loaded.sourceFiles)
        }
        var checked = check(loaded.sources, theme: loaded.theme ?? Theme.load(loaded.sources), directives: directives, options: options)
        checked.diagnostics = loaded.diagnostics + checked.diagnostics
        checked.sourceFiles = loaded.sourceFiles
        return checked
    }

    /// Parse, model and check on sources already in memory: the part of a build that never touches the disk.
    public static func check(_ sources: ProjectSources, directives: DirectiveRegistry = .standard,
                             options: SiteOptions = SiteOptions()) -> Checked {
        check(sources, theme: Theme.load(sources), directives: directives, options: options)
    }

    static func check(_ sources: ProjectSources, theme loadedTheme: LoadedTheme, directives: DirectiveRegistry,
                      options: SiteOptions) -> Checked {
        let loadDiagnostics: [Diagnostic] = []
        let (site, modelDiagnostics) = SiteBuilder.build(sources, directives: directives, options: options)
        let checkDiagnostics = SiteChecker.check(site, files: sources.allFiles)
            + AssetCheck.check(sources.assetData)
        let (theme, themeDiagnostics) = loadedTheme.resolved(for: site)
        return Checked(sources: sources, site: site, theme: theme,
                       diagnostics: loadDiagnostics + modelDiagnostics + checkDiagnostics + themeDiagnostics,
                       sourceFiles: sources.allFiles)
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
        let loaded = load(root: options.root)
        // An unchanged project whose last build found no problems needs no build at all.
        let fingerprint = cacheable(loaded, options)
            ? BuildCache.fingerprint(sources: loaded.sources, options: options, pdfEngine: engineIdentity(options)) : nil
        if let fingerprint, let files = BuildCache.current(fingerprint, output: options.output) {
            var report = BuildReport(diagnostics: [], sourceFiles: loaded.sourceFiles)
            report.built = true
            report.files = files
            report.unchanged = files
            report.upToDate = true
            lap("unchanged", &report)
            return report
        }
        let checked = check(loaded, directives: options.directives, options: options.site)
        var report = BuildReport(diagnostics: checked.diagnostics, sourceFiles: checked.sourceFiles)
        lap("load, parse, model and check", &report)
        let blocking = checked.diagnostics.hasErrors || (options.strict && !checked.diagnostics.isEmpty)
        guard !blocking, let site = checked.site, let theme = checked.theme else { return report }

        let results = resultsStage(root: options.root, site: site, sources: checked.sources)
        report.diagnostics += results.diagnostics
        if results.diagnostics.hasErrors || (options.strict && !results.diagnostics.isEmpty) { return report }
        lap("results", &report)

        // Without packs, photocopy masters or results to print no page depends on the PDF engine, so it is not looked for.
        let needsPDFs = !site.packs.isEmpty || !PrintMaster.all(in: site).isEmpty || !results.reports.isEmpty
        let engine = options.makePDF && needsPDFs ? PDFMaker.find(root: options.root) : nil
        let pdfMaker = try? engine?.get()
        if case .failure(let missing)? = engine, !site.packs.isEmpty {
            if options.requirePDF {
                report.environmentError = "\(missing.reason); --require-pdf asks for pack PDFs, so nothing was written"
                return report
            }
            report.pdfSkippedReason = "\(missing.reason). Packs were published as print-ready HTML without PDFs"
        }

        // Everything but the pages is made first; the pages are then made and written a batch at a time.
        let renderer = SiteRenderer(site: site, theme: theme, withPDFs: pdfMaker != nil)
        var files: [RenderedFile]
        do {
            files = try renderer.renderRest(pagePaths: renderer.pages.map(\.outputPath))
        } catch {
            report.environmentError = error.message
            return report
        }
        files += assetFiles(site, sources: checked.sources)
        let resultsPages = ResultsPages(site: site, theme: theme, reports: results.reports, withPDFs: pdfMaker != nil)
        files += resultsPages.render()

        do throws(OutputWriter.Failure) {
            var writer = try OutputWriter(output: options.output, waiting: { message in
                FileHandle.standardError.write(Data("note: \(message)\n".utf8))
            })
            do throws(OutputWriter.Failure) {
                try writer.stage(files)
                files = []
                try renderer.renderPages { pages throws(OutputWriter.Failure) in try writer.stage(pages) }
                lap("render and write", &report)
                var pageCounts: [String: Int] = [:]
                if let pdfMaker {
                    let made = makePDFs(site: site, results: resultsPages.printDocuments, writer: writer, maker: pdfMaker, report: &report)
                    pageCounts = made
                    writer.record(Array(made.keys))
                    try writer.stage([RenderedFile(path: PDFMaker.engineFile, text: pdfMaker.identity)])
                    // WeasyPrint's warnings are about our HTML or CSS: under --strict they stop the build too.
                    if report.environmentError != nil || (options.strict && report.diagnostics.contains { $0.code == "pdf-warning" }) {
                        writer.abandon()
                        return report
                    }
                }
                lap("pdf", &report)
                let index = PackPages(site: site, theme: theme, directives: site.directives).indexPage(pageCounts: pageCounts)
                try writer.stage([index])
                // Remembered only when nothing needs saying again: a build with warnings is always run.
                let clean = report.diagnostics.isEmpty && report.pdfSkippedReason == nil
                try writer.commit(fingerprint: clean ? fingerprint : nil)
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
        lap("write", &report)
        return report
    }

    /// Whether a build of this project may be skipped when its fingerprint is unchanged. Not with drafts (the
    /// preview marks them), not after problems in the load stage, and not with a results folder, whose answers
    /// are read later.
    static func cacheable(_ loaded: Loaded, _ options: BuildOptions) -> Bool {
        guard !loaded.missingContent, loaded.diagnostics.isEmpty, !options.site.includeDrafts else { return false }
        let settings = loaded.sources.siteConfig.map { ResultsSettings.decode(siteYAML: $0.text, file: $0.path).0 } ?? ResultsSettings()
        return !settings.configured && !FileManager.default.fileExists(atPath: options.root.appendingPathComponent(settings.folder).path)
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
        for folder in ["content", "toolkit-modules", "templates", "directives"] {
            let source = root + "/" + folder
            if output == source || output.hasPrefix(source + "/") {
                return "the output folder '\(output)' is inside '\(folder)/', which the build reads; choose a folder outside content/, toolkit-modules/, templates/ and directives/, such as 'site'"
            }
        }
        return nil
    }

    /// Module assets are copied as they are, from the bytes the load stage read.
    static func assetFiles(_ site: Site, sources: ProjectSources) -> [RenderedFile] {
        site.modules.flatMap(\.assets).compactMap { path in
            sources.assetData[path].map { RenderedFile(path: ProjectPath.assetOutputPath(path), data: $0) }
        }
    }

    /// PDFs for every pack, photocopy master and results print document in the staging folder, a few at a time
    /// (WeasyPrint uses one core each); a document whose HTML did not change reuses its last PDF. WeasyPrint's
    /// warnings become diagnostics.
    static func makePDFs(site: Site, results printDocuments: [ResultsPages.PrintDocument] = [], writer: OutputWriter,
                         maker: PDFMaker, report: inout BuildReport) -> [String: Int] {
        // Packs first, then the photocopy masters and results: the long jobs start early, the short ones fill the lanes.
        let jobs = site.packs.flatMap { [($0.htmlPath, $0.pdfPath), ($0.largePrintPath, $0.largePrintPDFPath)] }
            + PrintMaster.all(in: site).map { ($0.htmlPath, $0.pdfPath) }
            + printDocuments.map { ($0.htmlPath, $0.pdfPath) }
        let staging = writer.staging
        // A PDF made by another WeasyPrint may differ, so PDFs are reused only from a build with the same one.
        let sameEngine = writer.previous(PDFMaker.engineFile) == Data(maker.identity.utf8)
        let width = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let results: [(String, Int?, PDFMaker.Outcome, Bool)] = boundedParallelMap(jobs, width: width) { job in
            let (htmlPath, pdfPath) = job
            let html = staging.appendingPathComponent(htmlPath)
            let pdf = staging.appendingPathComponent(pdfPath)
            // A PDF depends on its HTML and on the stylesheets it links; reuse it only if none changed.
            let inputs = [htmlPath, "assets/print.css"]
            let unchanged = inputs.allSatisfy { path in
                writer.previous(path) == FileManager.default.contents(atPath: staging.appendingPathComponent(path).path)
            }
            if sameEngine, unchanged, let oldPDF = writer.previous(pdfPath) {
                let linked = (try? FileManager.default.linkItem(at: writer.output.appendingPathComponent(pdfPath), to: pdf)) != nil
                if linked { return (pdfPath, PDFMaker.pageCount(oldPDF), PDFMaker.Outcome(failure: nil, warnings: []), true) }
            }
            let outcome = maker.render(html: html, pdf: pdf)
            if outcome.failure != nil { return (pdfPath, nil, outcome, false) }
            let data = FileManager.default.contents(atPath: pdf.path) ?? Data()
            return (pdfPath, PDFMaker.pageCount(data), outcome, false)
        }
        var counts: [String: Int] = [:]
        var warnings: [(message: String, pdfs: [String])] = []
        for (path, pages, outcome, reused) in results {
            if let failure = outcome.failure {
                report.environmentError = "WeasyPrint could not make '\(path)': \(failure)"
            } else if let pages {
                counts[path] = pages
                if reused { report.pdfsReused += 1 } else { report.pdfs += 1 }
            }
            for message in outcome.warnings {
                if let index = warnings.firstIndex(where: { $0.message == message }) {
                    warnings[index].pdfs.append(path)
                } else {
                    warnings.append((message, [path]))
                }
            }
        }
        // One diagnostic per distinct warning: a stylesheet problem shows once, not once for every pack.
        report.diagnostics += warnings.map { warning in
            let more = warning.pdfs.count > 1 ? " and \(warning.pdfs.count - 1) more" : ""
            return .warning("pdf-warning", "WeasyPrint, making '\(warning.pdfs[0])'\(more): \(warning.message)",
                            notes: ["the PDF may not look as the pack styles intend; the theme's HTML or CSS needs a change"])
        }
        return counts
    }

    /// Like `parallelMap`, but never more than `width` jobs at once (each PDF job is a program with its own
    /// memory); each lane takes the next job when it is free, so a long job does not hold up the rest.
    static func boundedParallelMap<T: Sendable, R: Sendable>(_ items: [T], width: Int, _ transform: @Sendable @escaping (T) -> R) -> [R] {
        let queue = JobQueue(count: items.count)
        let perLane: [[(Int, R)]] = parallelMap(Array(0..<max(1, min(width, items.count)))) { _ in
            var done: [(Int, R)] = []
            while let index = queue.next() { done.append((index, transform(items[index]))) }
            return done
        }
        return perLane.flatMap { $0 }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// Hands out job numbers 0, 1, 2… to whichever lane asks first.
final class JobQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
}
