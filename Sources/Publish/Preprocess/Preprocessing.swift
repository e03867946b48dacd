import Diagnostics
import Foundation
import Toolkit

/// The preprocess stage, between load and parse: each program named under `preprocessors:` in
/// `content/site.yml` reads every page as JSON and may hand back changed Markdown and diagnostics.
/// Programs run one after another, each seeing the pages as the one before left them. The first that
/// fails stops the rest, with an error at its entry in site.yml. With a cache, a program whose input and
/// named files are unchanged is not run again: its last output is used. With spares (the preview), a program
/// already started and waiting for its input is given the pages instead of a new one being started.
public enum Preprocessing {
    static func run(_ sources: ProjectSources, root: URL, cache: PreprocessorCache? = nil,
                    spares: PreprocessorSpares? = nil) -> (ProjectSources, [Diagnostic]) {
        guard let file = sources.siteConfig else {
            spares?.configured([], root: root)
            return (sources, [])
        }
        // The configuration's own problems are reported by the model stage; here only the commands matter.
        let commands = SiteConfig.decode(file).0.preprocessors
        spares?.configured(commands, root: root)
        var sources = sources
        var diagnostics: [Diagnostic] = []
        for (position, command) in commands.enumerated() {
            let (changed, found) = run(command, sources: sources, root: root, cache: cache.map { ($0, position) }, spares: spares)
            diagnostics += found
            guard let changed else { break }
            sources = changed
        }
        return (sources, diagnostics)
    }

    /// Every page of the project in the JSON a preprocessor reads.
    static func input(_ sources: ProjectSources) -> PreprocessorJSON.Input {
        input(pages(sources))
    }

    /// These pages, with their modules' folders, in the JSON a preprocessor reads.
    static func input(_ pages: [(SourceFile, String?)]) -> PreprocessorJSON.Input {
        let pages = pages.map { file, module in
            let split = FrontMatterSplit.split(file.text)
            return PreprocessorJSON.Page(path: file.path, module: module, frontMatter: split.yaml, markdown: split.body,
                                         markdownLine: split.bodyLineOffset + 1)
        }
        return PreprocessorJSON.Input(version: PreprocessorJSON.version, doorstep: DoorstepVersion.current, pages: pages)
    }

    /// Every page a preprocessor is given, with its module's folder: the site-wide pages, then each module's.
    static func pages(_ sources: ProjectSources) -> [(SourceFile, String?)] {
        sources.contentPages.map { ($0, nil) } + sources.modules.flatMap { module in module.pages.map { ($0, module.folder) } }
    }

    /// The sources with one preprocessor's changes, or nil when it failed (the reason is among the diagnostics).
    static func run(_ command: PreprocessorCommand, sources: ProjectSources, root: URL,
                    cache: (PreprocessorCache, position: Int)? = nil, spares: PreprocessorSpares? = nil) -> (ProjectSources?, [Diagnostic]) {
        if command.eachPage {
            return runEachPage(command, sources: sources, root: root, cache: command.cache ? cache : nil, spares: spares)
        }
        // The input is made from the pages' paths, modules and text alone, so those stand for it in the key.
        let key = cache.map { _ in PreprocessorCache.key(command, root: root) { hasher in
            addReads(command, sources: sources, root: root, to: &hasher)
            for (file, module) in pages(sources) {
                hasher.add(file.path)
                hasher.add(module ?? "")
                hasher.add(file.text)
            }
        } }
        if let (store, position) = cache, let key {
            if command.cache, let output = store.output(position, key: key) {
                return apply(ProcessRunner.Outcome(ending: .exited(0), standardOutput: output, standardError: Data()), of: command, to: sources)
            }
            store.forget(position)
        }
        switch execute(command, input: Self.input(sources), root: root, spares: spares) {
        case .failure(let problem):
            return (nil, [problem])
        case .success(let outcome):
            let applied = apply(outcome, of: command, to: sources)
            // Only a run whose output was used is kept; its warnings come back with it on the next build.
            if let (store, position) = cache, let key, command.cache, applied.0 != nil {
                store.store(position, key: key, output: outcome.standardOutput)
            }
            return applied
        }
    }

    /// Runs the program on `input`, or gives `input` to its spare; the failure is an error located at the command.
    static func execute(_ command: PreprocessorCommand, input: PreprocessorJSON.Input, root: URL,
                        spares: PreprocessorSpares? = nil) -> Result<ProcessRunner.Outcome, Diagnostic> {
        let name = "'\(command.display)'"
        let data: Data
        do {
            data = try PreprocessorJSON.encoder().encode(input)
        } catch {
            return .failure(.error("preprocessor-failed", "the pages could not be written as JSON for \(name): \(error)", at: command.location))
        }
        let arguments = command.arguments.map(\.value)
        let started: Result<ProcessRunner.Started, ProcessRunner.Failure> = spares?.take(arguments, root: root).map { .success($0) }
            ?? ProcessRunner.start(arguments, directory: root)
        switch started.map({ ProcessRunner.finish($0, input: data, timeout: command.timeout) }) {
        case .failure(.cannotStart(let reason)):
            return .failure(.error("preprocessor-failed", "preprocessor \(name) could not start: \(reason)",
                                   at: command.arguments[0].location, length: command.arguments[0].value.count))
        case .success(let outcome):
            return .success(outcome)
        }
    }

    /// The files named under `reads`, by their text as the pages stand now when they are pages, else by their bytes on disk.
    static func addReads(_ command: PreprocessorCommand, sources: ProjectSources, root: URL, to hasher: inout ContentHasher) {
        guard !command.reads.isEmpty else { return }
        let pageText = Dictionary(pages(sources).map { ($0.0.path, $0.0.text) }, uniquingKeysWith: { first, _ in first })
        for read in command.reads {
            hasher.add("reads " + read.value)
            if let text = pageText[read.value] {
                hasher.add("page")
                hasher.add(text)
            } else if let data = PreprocessorCache.fileContents(root.appendingPathComponent(read.value).path) {
                hasher.add("file")
                hasher.add(data)
            } else {
                hasher.add("-")
            }
        }
    }

    /// What a finished run means for the sources: its changes and diagnostics, or the reason it failed.
    static func apply(_ outcome: ProcessRunner.Outcome, of command: PreprocessorCommand,
                      to sources: ProjectSources) -> (ProjectSources?, [Diagnostic]) {
        switch decode(outcome, of: command) {
        case .failure(let problem): return (nil, [problem])
        case .success(let output): return apply(output, of: command, to: sources)
        }
    }

    /// The JSON a finished run wrote, or why there is none: it failed, timed out or wrote something else.
    static func decode(_ outcome: ProcessRunner.Outcome, of command: PreprocessorCommand) -> Result<PreprocessorJSON.Output, Diagnostic> {
        let name = "'\(command.display)'"
        let errorLines = String(decoding: outcome.standardError, as: UTF8.self)
            .split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
        let errorNotes = errorLines.isEmpty ? [] : ["it wrote: " + errorLines.suffix(5).joined(separator: " / ")]
        switch outcome.ending {
        case .timedOut:
            return .failure(.error("preprocessor-timeout",
                "preprocessor \(name) ran for more than \(seconds(command.timeout)) and was stopped, with every program it started",
                at: command.location, notes: ["if it needs longer, raise its 'timeout' (in seconds) in content/site.yml"] + errorNotes))
        case .signalled(let signal):
            return .failure(.error("preprocessor-failed", "preprocessor \(name) was stopped by signal \(signal)",
                                 at: command.location, notes: errorNotes))
        case .exited(let status) where status != 0:
            return .failure(.error("preprocessor-failed", "preprocessor \(name) failed with exit status \(status)",
                                 at: command.location, notes: errorNotes))
        case .exited:
            break
        }
        let output: PreprocessorJSON.Output
        do {
            output = try PreprocessorJSON.decoder().decode(PreprocessorJSON.Output.self, from: outcome.standardOutput)
        } catch {
            let text = String(decoding: outcome.standardOutput.prefix(80), as: UTF8.self)
            return .failure(.error("preprocessor-output",
                "preprocessor \(name) did not write the JSON doorstep reads: \(describe(error))",
                at: command.location,
                notes: [text.isEmpty ? "it wrote nothing on standard output" : "its output starts: \(text)"]
                    + ["docs/authoring.md#preprocessors describes the JSON a preprocessor writes"]))
        }
        guard output.version == PreprocessorJSON.version else {
            return .failure(.error("preprocessor-output",
                "preprocessor \(name) wrote version \(output.version) of the JSON; this doorstep reads version \(PreprocessorJSON.version)",
                at: command.location))
        }
        return .success(output)
    }

    /// What a preprocessor's output means for the sources: its changes and diagnostics, or why it cannot be used.
    static func apply(_ output: PreprocessorJSON.Output, of command: PreprocessorCommand,
                      to sources: ProjectSources) -> (ProjectSources?, [Diagnostic]) {
        let name = "'\(command.display)'"
        var diagnostics: [Diagnostic] = []
        let known = Set(sources.contentPages.map(\.path) + sources.modules.flatMap { $0.pages.map(\.path) })
        for reported in output.diagnostics ?? [] {
            let severity: Severity = reported.severity == "error" ? .error : .warning
            let location = reported.path.map { SourceLocation(file: $0, line: max(1, reported.line ?? 1), column: max(1, reported.column ?? 1)) }
            let code = reported.code.map { "preprocessor-\($0)" } ?? "preprocessor"
            diagnostics.append(Diagnostic(severity, code: code, reported.message, at: location ?? command.location,
                                          notes: ["reported by the preprocessor \(name)"]))
        }
        var changes: [String: String] = [:]
        for page in output.pages ?? [] {
            guard known.contains(page.path) else {
                diagnostics.append(.error("preprocessor-output",
                    "preprocessor \(name) changed '\(page.path)', which is not one of the pages it was given",
                    at: command.location, notes: ["a preprocessor may change pages, not add them"]))
                return (nil, diagnostics)
            }
            changes[page.path] = page.markdown
        }
        var sources = sources
        func changed(_ file: SourceFile) -> SourceFile {
            guard let markdown = changes[file.path] else { return file }
            let split = FrontMatterSplit.split(file.text)
            let before = TextLines.prefix(file.text, lines: split.bodyLineOffset)
            if TextLines.count(markdown) != TextLines.count(split.body) {
                diagnostics.append(.warning("preprocessor-lines",
                    "preprocessor \(name) changed the number of lines in '\(file.path)', so the lines of later problems in it may be wrong",
                    at: command.location, notes: ["a preprocessor should change text within lines and keep every line where it was"]))
            }
            return SourceFile(path: file.path, text: split.bodyLineOffset == 0 ? markdown : String(before) + "\n" + markdown)
        }
        sources.contentPages = sources.contentPages.map(changed)
        for index in sources.modules.indices {
            sources.modules[index].pages = sources.modules[index].pages.map(changed)
        }
        return (sources, diagnostics)
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) seconds" : "\(value) seconds"
    }

    /// A decoding error in words: where in the JSON, and what was wrong.
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty ? "the top level" : "'" + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + "'"
        }
        switch error {
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not valid JSON" : "\(path(context.codingPath)) is not valid"
        case DecodingError.keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(path(context.codingPath)) has the wrong type"
        default:
            return "\(error)"
        }
    }
}
