import Diagnostics
import Foundation
import Synchronization
import Toolkit

/// A preprocessor marked `each_page: true` promises that its output for a page depends only on that page and
/// on its `reads` files, so a build gives it only the pages whose output is not kept, with the `reads` pages
/// beside them. A one-page edit then runs it over one page, not the whole site.
///
/// Its output is taken apart into what belongs to each page (the new Markdown, the diagnostics at that page)
/// and what belongs to the run (diagnostics elsewhere), and put back together in page order. A build that
/// runs it over every page goes the same way, so kept and fresh outputs give the same sources.
extension Preprocessing {
    static func runEachPage(_ command: PreprocessorCommand, sources: ProjectSources, root: URL,
                            cache: (PreprocessorCache, position: Int)?, spares: PreprocessorSpares? = nil) -> (ProjectSources?, [Diagnostic]) {
        let all = pages(sources)
        let shared = PreprocessorCache.key(command, root: root) { hasher in
            hasher.add("each page")
            addReads(command, sources: sources, root: root, to: &hasher)
        }
        let keys = all.map { file, module in
            var hasher = ContentHasher()
            hasher.add(shared)
            hasher.add(file.path)
            hasher.add(module ?? "")
            hasher.add(file.text)
            return hasher.hex
        }
        func fail(_ problem: Diagnostic) -> (ProjectSources?, [Diagnostic]) {
            if let (store, position) = cache { store.forget(position) }
            return (nil, [problem])
        }
        let kept = cache.flatMap { $0.0.pageOutputs($0.position) } ?? PreprocessorCache.PageOutputs()
        var outputs = PreprocessorCache.PageOutputs(key: shared, run: kept.key == shared ? kept.run : nil)
        for key in keys { outputs.pages[key] = kept.pages[key] }

        let reads = Set(command.reads.map(\.value))
        let batch = all.indices.filter { outputs.pages[keys[$0]] == nil || reads.contains(all[$0].0.path) }
        let needed = outputs.run == nil || batch.contains { outputs.pages[keys[$0]] == nil }
        if needed {
            let given = batch.map { all[$0] }
            let output: PreprocessorJSON.Output
            switch execute(command, input: input(given), root: root, spares: spares).flatMap({ decode($0, of: command) }) {
            case .failure(let problem):
                return fail(problem)
            case .success(let decoded):
                output = decoded
            }
            let names = Set(given.map(\.0.path))
            if let stranger = output.pages?.first(where: { !names.contains($0.path) }) {
                return fail(.error("preprocessor-output",
                    "preprocessor '\(command.display)' changed '\(stranger.path)', which is not one of the pages it was given",
                    at: command.location, notes: ["with 'each_page: true' it is given only the pages that changed and the pages under 'reads'"]))
            }
            let markdown = Dictionary((output.pages ?? []).map { ($0.path, $0.markdown) }, uniquingKeysWith: { _, last in last })
            var found: [String: [PreprocessorJSON.Reported]] = [:]
            var run: [PreprocessorJSON.Reported] = []
            for reported in output.diagnostics ?? [] {
                if let path = reported.path, names.contains(path) { found[path, default: []].append(reported) } else { run.append(reported) }
            }
            for index in batch {
                let path = all[index].0.path
                outputs.pages[keys[index]] = .init(markdown: markdown[path], diagnostics: found[path] ?? [])
            }
            outputs.run = run
        }
        let applied = apply(outputs.assembled(in: keys, paths: all.map(\.0.path)), of: command, to: sources)
        if let (store, position) = cache, needed {
            if applied.0 == nil { store.forget(position) } else { store.store(position, outputs) }
        }
        return applied
    }
}

extension PreprocessorCache {
    /// An `each_page` preprocessor's outputs: each page's by the key of its text, module and path, and the run's
    /// own diagnostics by the key of the command and its `reads` files.
    struct PageOutputs: Codable, Sendable, Equatable {
        struct Page: Codable, Sendable, Equatable {
            /// The new Markdown, or nil when the preprocessor left the page as it was.
            var markdown: String?
            var diagnostics: [PreprocessorJSON.Reported]
        }
        var key = ""
        var run: [PreprocessorJSON.Reported]?
        var pages: [String: Page] = [:]

        /// The output one run over every page would have given, with diagnostics in page order after the run's own.
        func assembled(in keys: [String], paths: [String]) -> PreprocessorJSON.Output {
            var changed: [PreprocessorJSON.ChangedPage] = []
            var diagnostics = run ?? []
            for (key, path) in zip(keys, paths) {
                guard let page = pages[key] else { continue }
                if let markdown = page.markdown { changed.append(.init(path: path, markdown: markdown)) }
                diagnostics += page.diagnostics
            }
            return PreprocessorJSON.Output(version: PreprocessorJSON.version, pages: changed, diagnostics: diagnostics)
        }
    }

    func pageEntry(_ position: Int) -> URL { folder.appendingPathComponent("\(position).pages.json") }

    /// The outputs kept for the `each_page` preprocessor at `position`; nil when there are none or they cannot be read.
    func pageOutputs(_ position: Int) -> PageOutputs? {
        let path = pageEntry(position).path
        let identity = BuildCache.fileIdentity(path)
        if let remembered = Self.lastRead.withLock({ $0[path] }), remembered.identity == identity { return remembered.outputs }
        guard let data = FileManager.default.contents(atPath: path),
              let outputs = try? JSONDecoder().decode(PageOutputs.self, from: data) else { return nil }
        Self.lastRead.withLock { $0[path] = (identity, outputs) }
        return outputs
    }

    /// The outputs last read or written in this process, by file and its size and time of change: the preview
    /// builds again and again, and need not decode the same file each time. A file changed since is read again.
    private static let lastRead = Mutex<[String: (identity: String, outputs: PageOutputs)]>([:])

    /// Keeps the outputs of the pages the build has now, so entries for pages since changed or removed go.
    func store(_ position: Int, _ outputs: PageOutputs) {
        guard let data = try? JSONEncoder().encode(outputs) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent("\(position).pages.json.\(getpid())")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else { return }
        if rename(temporary.path, pageEntry(position).path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
        let path = pageEntry(position).path
        Self.lastRead.withLock { $0[path] = (BuildCache.fileIdentity(path), outputs) }
    }
}
