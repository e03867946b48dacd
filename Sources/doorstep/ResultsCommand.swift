import Diagnostics
import Foundation
import Publish
import Results

extension Commands {
    /// `doorstep results`: checks every response file against its survey and prints what the report will say.
    public static func results(root: URL, folder: String?, format: DiagnosticFormatter.Style, strict: Bool) -> Int32 {
        let checked = Pipeline.check(root: root)
        guard let site = checked.site else {
            printDiagnostics(checked.diagnostics, files: checked.sourceFiles, format: format)
            return 2
        }
        let loaded = ResultsFolder.load(root: root, siteYAML: checked.sources.allFiles["content/site.yml"], folder: folder,
                                        moduleFolders: site.config.moduleFolders.map(\.value))
        let outcome = ResultsStage.run(loaded, surveys: site.surveys.map(\.survey))
        let diagnostics = outcome.diagnostics.sortedForDisplay()
        switch format {
        case .json:
            let surveys = outcome.reports.map { summary($0.findings) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let object = Output(folder: loaded.settings.folder, surveys: surveys, diagnostics: diagnostics)
            print(String(decoding: (try? encoder.encode(object)) ?? Data("{}".utf8), as: UTF8.self))
        case .text:
            // CSV lines are people's answers, so they are not echoed under the findings.
            if !diagnostics.isEmpty { printError(formatter([:]).text(diagnostics)) }
            if !loaded.folderExists && outcome.reports.isEmpty {
                printError("note: there is no results folder '\(loaded.settings.folder)/'; put each survey's response files in '\(loaded.settings.folder)/<survey-id>/'")
            }
            for report in outcome.reports { print(text(report.findings)) }
            printError(DiagnosticFormatter.summary(diagnostics))
        }
        return status(diagnostics, strict: strict)
    }

    struct Output: Encodable {
        var folder: String
        var surveys: [SurveySummary]
        var diagnostics: [Diagnostic]
    }

    struct SurveySummary: Encodable {
        var id: String
        var files: Int
        var responses: Int
        /// Shown as the report shows them: "fewer than 5" for small counts.
        var modes: [String: String]
        var refused: String?
        var duplicates: Int
        var report: String
    }

    static func summary(_ findings: Findings) -> SurveySummary {
        SurveySummary(id: findings.survey.id, files: findings.files, responses: findings.responses,
                      modes: Dictionary(uniqueKeysWithValues: findings.modes.map { ($0.mode, findings.display($0.cell)) }),
                      refused: findings.refusedCell.map(findings.display), duplicates: findings.duplicates,
                      report: "results/\(findings.survey.id)/index.html")
    }

    static func text(_ findings: Findings) -> String {
        let s = summary(findings)
        var line = "\(s.id): \(s.responses) \(s.responses == 1 ? "response" : "responses") from \(s.files) \(s.files == 1 ? "file" : "files")"
        if !findings.modes.isEmpty {
            line += " (" + findings.modes.map { "\(ModeGuess.label($0.mode)): \(findings.display($0.cell))" }.joined(separator: ", ") + ")"
        }
        if let refused = s.refused { line += "; did not agree to take part: \(refused)" }
        if s.duplicates > 0 { line += "; duplicates counted once: \(s.duplicates)" }
        return line + "\n  report: <output>/\(s.report) when the site is built"
    }
}
