import Diagnostics
import Foundation
import Publish

/// Runs the real build into the preview folder and words the outcome for the terminal and the pages.
struct PreviewBuilder: Sendable {
    struct Outcome: Sendable {
        var report: Pipeline.BuildReport
        var seconds: Double
        /// Diagnostics as `doorstep build` prints them, with the source line and a caret.
        var diagnosticsText: String
        /// What the page's box shows when the build failed; nil when the new site was written.
        var problems: String?
        /// The lines for the terminal, after the diagnostics.
        var summary: String
    }

    let options: PreviewOptions
    /// Parsed pages kept from one build for the next, for as long as the preview runs.
    let memory = BuildMemory()
    /// The preprocessors started ahead of the next edit, owned by the server, which stops them as it stops.
    var spares: PreprocessorSpares?

    /// Every stage, every time, but only the pages whose inputs changed are rendered again, and the writer
    /// rewrites only files whose bytes changed, so the output folder changes only where the sources did.
    /// The pages in `viewed` are handed to `viewedReady` as soon as they are made, before the rest of the site.
    func build(viewed: Set<String> = [], viewedReady: (@Sendable ([RenderedFile]) -> Void)? = nil) -> Outcome {
        var buildOptions = Pipeline.BuildOptions(root: options.root, output: options.output)
        buildOptions.makePDF = options.makePDF
        buildOptions.site = options.site
        buildOptions.viewed = viewed
        buildOptions.viewedReady = viewedReady
        buildOptions.memory = memory
        buildOptions.preprocessorSpares = spares
        spares?.buildStarted()
        let start = Date()
        let report = Pipeline.build(buildOptions)
        let seconds = Date().timeIntervalSince(start)
        spares?.buildEnded()
        let sources = report.sourceFiles
        let formatter = DiagnosticFormatter(sourceText: { sources[$0] }, colour: TerminalColour.onStandardError)
        let diagnosticsText = formatter.text(report.diagnostics)
        let counts = DiagnosticFormatter.summary(report.diagnostics)
        let time = String(format: "%.2f", seconds)

        if let problem = report.environmentError {
            let text = [diagnosticsText, "error: \(problem)"].filter { !$0.isEmpty }.joined(separator: "\n")
            return Outcome(report: report, seconds: seconds, diagnosticsText: diagnosticsText, problems: forPages(text, counts),
                           summary: "error: \(problem)\nthe build failed after \(time) s; the preview keeps serving the last good site")
        }
        guard report.built else {
            return Outcome(report: report, seconds: seconds, diagnosticsText: diagnosticsText,
                           problems: forPages(diagnosticsText + "\n\n" + counts, counts),
                           summary: "\(counts); the site was not rebuilt, so the preview keeps serving the last good site")
        }
        var summary = "built \(report.files) files in \(time) s (\(Self.stages(report))\(report.written) written, \(report.unchanged) unchanged, "
            + "\(report.pagesRendered) page\(report.pagesRendered == 1 ? "" : "s") rendered, \(report.pagesKept) kept"
        if report.pdfs + report.pdfsReused > 0 { summary += ", \(report.pdfs) PDFs made, \(report.pdfsReused) reused" }
        summary += "); \(counts)"
        if let reason = report.pdfSkippedReason { summary = "note: \(reason)\n" + summary }
        return Outcome(report: report, seconds: seconds, diagnosticsText: diagnosticsText, problems: nil, summary: summary)
    }

    /// What the open pages are told of a failed build. Beyond loopback they get no message: a message can
    /// quote a returned survey answer, which is personal data, and the whole network can see the preview.
    func forPages(_ problems: String, _ counts: String) -> String {
        options.isLoopback ? problems : """
            \(counts). The problems are listed in the terminal where 'doorstep serve' runs: with --bind \(options.bind) \
            they are not sent to the pages, because a message can quote people's survey answers.
            """
    }

    /// "check 0.61 s, of which load 0.10 s, render 0.30 s, write 0.05 s; ": where a rebuild's time went, to see what to speed up.
    static func stages(_ report: Pipeline.BuildReport) -> String {
        let names = [("load, parse, model and check", "check"), ("load and preprocess", "of which load"), ("render and write", "render"), ("pdf", "pdf"), ("write", "write")]
        let parts = names.compactMap { key, name in
            report.seconds[key].flatMap { $0 >= 0.005 ? "\(name) \(String(format: "%.2f", $0)) s" : nil }
        }
        return parts.isEmpty ? "" : parts.joined(separator: ", ") + "; "
    }

    /// Runs `build()` on a Dispatch thread: a build blocks for up to a few seconds, and Swift's own
    /// threads (one per core) are needed meanwhile to keep answering the browser.
    /// The pages open in a browser are made first and served from `events` while the rest is built.
    func buildOffTheCooperativePool(events: BuildEvents? = nil) async -> Outcome {
        let viewed = await events?.viewed ?? []
        let ready = events.map(Self.tellAhead)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: build(viewed: viewed, viewedReady: ready))
            }
        }
    }

    /// Hands pages made ahead to `events`, waiting (on the build's Dispatch thread, never on Swift's own)
    /// until the open pages are told, so that the whole build's news always comes after.
    static func tellAhead(_ events: BuildEvents) -> @Sendable ([RenderedFile]) -> Void {
        { files in
            let told = DispatchSemaphore(value: 0)
            Task {
                await events.madeAhead(files)
                told.signal()
            }
            told.wait()
        }
    }
}
