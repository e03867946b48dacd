import Diagnostics
import Foundation
import Publish
import Survey
import Toolkit

/// What each command does: it prints what the person needs to see and returns the exit status.
public enum Commands {
    static func formatter(_ files: [String: String]) -> DiagnosticFormatter {
        DiagnosticFormatter(sourceText: { files[$0] }, colour: TerminalColour.onStandardError)
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic], files: [String: String], format: DiagnosticFormatter.Style) {
        switch format {
        case .json:
            print(formatter(files).json(diagnostics))
        case .text:
            if !diagnostics.isEmpty { printError(formatter(files).text(diagnostics)) }
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func status(_ diagnostics: [Diagnostic], strict: Bool) -> Int32 {
        diagnostics.hasErrors || (strict && !diagnostics.isEmpty) ? 1 : 0
    }

    public static func build(_ options: Pipeline.BuildOptions, format: DiagnosticFormatter.Style) -> Int32 {
        let report = Pipeline.build(options)
        if options.keepsMemoryUntilExit { ProcessLifetime.keep(report) }
        printDiagnostics(report.diagnostics, files: report.sourceFiles, format: format)
        if let problem = report.environmentError {
            printError("error: \(problem)")
            return 2
        }
        guard report.built else {
            if format == .text {
                let kept = FileManager.default.fileExists(atPath: options.output.path)
                    ? "so '\(options.output.path)' is unchanged" : "and there is no earlier site in '\(options.output.path)'"
                printError("\(DiagnosticFormatter.summary(report.diagnostics)); the site was not written, \(kept)")
            }
            return report.diagnostics.contains { $0.code == "project-missing-content" } ? 2 : 1
        }
        if let reason = report.pdfSkippedReason { printError("note: \(reason)") }
        if format == .text {
            let timing = report.seconds.values.reduce(0, +)
            var line = "built \(report.files) files into \(options.output.path) (\(report.written) written, \(report.unchanged) unchanged"
            if report.pdfs + report.pdfsReused > 0 { line += ", \(report.pdfs) PDFs made, \(report.pdfsReused) reused" }
            if !report.upToDate {
                line += "; \(report.pagesRendered) \(report.pagesRendered == 1 ? "page" : "pages") rendered, \(report.pagesKept) kept"
            }
            line += ") in \(String(format: "%.2f", timing)) s; \(DiagnosticFormatter.summary(report.diagnostics))"
            printError(line)
        }
        return 0
    }

    public static func check(root: URL, format: DiagnosticFormatter.Style, strict: Bool, readability: Bool,
                             options: SiteOptions = SiteOptions(), directives: DirectiveRegistry = .standard) -> Int32 {
        let checked = Pipeline.check(root: root, directives: directives, options: options)
        printDiagnostics(checked.diagnostics, files: checked.sourceFiles, format: format)
        if readability, let site = checked.site, format == .text {
            print(ReadabilityReport.text(site))
        }
        if format == .text {
            printError(DiagnosticFormatter.summary(checked.diagnostics))
        }
        return checked.site == nil ? 2 : status(checked.diagnostics, strict: strict)
    }

    public static func checkSurveys(_ paths: [String], format: DiagnosticFormatter.Style, strict: Bool) -> Int32 {
        var reader = SurveyFileReader()
        var encoding: [Diagnostic] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                printError("error: cannot read '\(path)'")
                return 2
            }
            switch SourceDecoding.decode(data, path: path) {
            case .success(let text): reader.add(path: path, text: text)
            case .failure(let problem): encoding.append(problem)
            }
        }
        var diagnostics = encoding + reader.diagnostics
        // The project's own wording, when the command runs at the top of a project.
        let (wording, wordingFiles, wordingDiagnostics) = projectWording(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        diagnostics += wordingDiagnostics
        for var survey in reader.surveys {
            survey.wording = wording
            diagnostics += SurveyValidator.validate(survey)
        }
        diagnostics += SurveyValidator.validateAcross(reader.surveys)
        printDiagnostics(diagnostics, files: reader.texts.merging(wordingFiles) { first, _ in first }, format: format)
        if format == .text {
            let count = reader.surveys.count
            printError("\(count) survey\(count == 1 ? "" : "s") checked; \(DiagnosticFormatter.summary(diagnostics))")
        }
        return status(diagnostics, strict: strict)
    }

    /// `wording/*.yml` under `root`, on top of Doorstep's tables.
    static func projectWording(root: URL) -> (Wording, [String: String], [Diagnostic]) {
        let folder = root.appendingPathComponent("wording")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yml") }.sorted()
        var files: [(path: String, text: String)] = []
        var diagnostics: [Diagnostic] = []
        for name in names {
            let path = "wording/\(name)"
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            switch SourceDecoding.decode(data, path: path) {
            case .success(let text): files.append((path, text))
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        let (wording, found) = ProjectWording.read(files)
        return (wording, Dictionary(files.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first }), diagnostics + found)
    }

    /// Prints a built-in wording table as it is shipped, comments and all.
    public static func printWording(_ language: String) -> Int32 {
        guard let text = Wording.builtInSource(language) else {
            let known = Wording.builtIn.languages.joined(separator: ", ")
            printError("error: Doorstep has no '\(language)' wording table (it has \(known)); start from 'doorstep survey wording en'")
            return 2
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        return 0
    }
}
