import Diagnostics
import Foundation
import Survey

/// One survey's report: the findings (aggregates only) and its "you said, we did".
public struct SurveyReport: Sendable {
    public var findings: Findings
    public var feedback: Feedback?
}

/// The results stage: response files → checked, merged responses → findings. Pure; `ResultsFolder`
/// did the reading.
public enum ResultsStage {
    public struct Outcome: Sendable {
        public var reports: [SurveyReport]
        public var diagnostics: [Diagnostic]
    }

    public static func run(_ folder: ResultsFolder, surveys: [Survey]) -> Outcome {
        var diagnostics = folder.settingsDiagnostics
        let settings = folder.settings
        let siteYML = SourceLocation(file: "content/site.yml", line: 1, column: 1)
        let normalised = settings.folder.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
        for published in folder.publishedFolders
        where normalised == published || normalised.hasPrefix(published + "/") {
            diagnostics.append(.error("R090", "the results folder '\(settings.folder)' is inside '\(published)/', which is published; keep people's answers outside it, such as in 'results/'",
                                      at: siteYML))
            return Outcome(reports: [], diagnostics: diagnostics)
        }
        let indexes = surveys.map(VariableIndex.init)
        for csv in folder.publishedCSVs {
            let matches = indexes.filter { index in csv.header.filter { index.index(of: $0) != nil }.count >= max(2, index.variables.count / 2) }
            if let index = matches.first {
                diagnostics.append(.error("R090", "'\(csv.path)' looks like answers to survey '\(index.survey.id)' inside a published folder; move it to '\(settings.folder)/\(index.survey.id)/'",
                                          at: SourceLocation(file: csv.path, line: 1, column: 1)))
            }
        }
        for path in folder.tracked {
            diagnostics.append(.warning("R091", "'\(path)' is tracked by git, so people's answers go wherever the repository goes; run 'git rm --cached \(path)' and add '\(settings.folder)/' to .gitignore",
                                        at: SourceLocation(file: path, line: 1, column: 1)))
        }
        var reports: [SurveyReport] = []
        for sub in folder.folders {
            guard let index = indexes.first(where: { $0.survey.id == sub.id }) else {
                diagnostics.append(.error("R092", "'\(sub.path)' is not named after a survey; results folders are named by survey id",
                                          at: SourceLocation(file: sub.path, line: 1, column: 1),
                                          notes: Suggestion.note(for: sub.id, in: surveys.map(\.id))))
                continue
            }
            let (report, found) = survey(sub, index: index, others: indexes, settings: settings)
            diagnostics += found
            if let report { reports.append(report) }
        }
        if settings.configured {
            for index in indexes where !folder.folders.contains(where: { $0.id == index.survey.id }) {
                let set = ResponseSet(responses: [], duplicates: 0, files: 0)
                var options = Tabulate.Options()
                options.threshold = settings.threshold
                let (findings, _) = Tabulate.findings(set, index: index, options: options)
                reports.append(SurveyReport(findings: findings, feedback: nil))
            }
        }
        return Outcome(reports: reports.sorted { $0.findings.survey.id < $1.findings.survey.id }, diagnostics: diagnostics)
    }

    static func survey(_ sub: ResultsFolder.SurveyFolder, index: VariableIndex, others: [VariableIndex],
                       settings: ResultsSettings) -> (SurveyReport?, [Diagnostic]) {
        let survey = index.survey
        var diagnostics: [Diagnostic] = []
        var config = SurveyResultsConfig()
        let configPath = sub.path + "/results.yml"
        if let text = sub.configFiles["results.yml"] {
            let (decoded, found) = SurveyResultsConfig.decode(text, file: configPath, survey: survey)
            config = decoded
            diagnostics += found
        }
        for path in sub.unreadable {
            diagnostics.append(.error("R003", "'\(path)' cannot be read: save it as an .xlsx workbook or as CSV (in KoboToolbox: Downloads → XLS or CSV, “XML values and headers”)",
                                      at: SourceLocation(file: path, line: 1, column: 1)))
        }
        var files: [[Response]] = []
        for file in sub.responseFiles {
            let (table, csvProblems) = ResponseFile.read(file.data, path: file.path)
            diagnostics += csvProblems
            guard !table.header.isEmpty else { continue }
            if let other = betterMatch(table.header, own: index, others: others) {
                diagnostics.append(.error("R015", "'\(file.path)' holds answers to survey '\(other)', not '\(survey.id)'; move it to the folder of '\(other)'",
                                          at: SourceLocation(file: file.path, line: 1, column: 1)))
                continue
            }
            if !ResponseFile.isWorkbook(file.path), case .failure(let problem) = SourceDecoding.decode(file.data, path: file.path) {
                diagnostics.append(problem)
                continue
            }
            let name = String(file.path.split(separator: "/").last ?? "")
            let (responses, found) = ResponseReader.read(table, index: index, mode: config.modes[name])
            diagnostics += found
            files.append(responses)
        }
        for name in config.modes.keys.sorted() where !sub.responseFiles.contains(where: { $0.path.hasSuffix("/" + name) }) {
            diagnostics.append(.warning("R067", "'modes' names '\(name)', which is not a file in '\(sub.path)'", at: config.location("modes")))
        }
        let (set, mergeProblems) = ResponseSet.merge(files)
        diagnostics += mergeProblems
        var options = Tabulate.Options()
        options.threshold = config.threshold ?? settings.threshold
        options.crossTab = config.crossTab
        options.openAnswers = config.openAnswers
        options.approached = config.approached
        options.refusedAtDoor = config.refusedAtDoor
        options.weightBy = config.weightBy
        options.location = config.location("weight_by") ?? config.location("open_answers") ?? SourceLocation(file: configPath, line: 1, column: 1)
        if let name = config.populationFile {
            if let text = sub.configFiles[name] {
                let (profile, found) = PopulationProfile.decode(text, file: sub.path + "/" + name, survey: survey)
                options.population = profile
                diagnostics += found
            } else {
                diagnostics.append(.error("R068", "'population: \(name)' names a file that is not in '\(sub.path)'", at: config.location("population")))
            }
        }
        var feedback: Feedback?
        if let name = config.feedbackFile {
            if let text = sub.configFiles[name] {
                let (decoded, found) = Feedback.decode(text, file: sub.path + "/" + name, survey: survey)
                feedback = decoded
                diagnostics += found
            } else {
                diagnostics.append(.error("R068", "'feedback: \(name)' names a file that is not in '\(sub.path)'", at: config.location("feedback")))
            }
        }
        let (findings, found) = Tabulate.findings(set, index: index, options: options)
        diagnostics += found
        return (SurveyReport(findings: findings, feedback: feedback), diagnostics)
    }

    /// The id of another survey whose variables the header matches better than its own folder's survey.
    static func betterMatch(_ header: [String], own: VariableIndex, others: [VariableIndex]) -> String? {
        func score(_ index: VariableIndex) -> Int {
            header.filter { name in
                if case .variable = Columns.role(of: name, index: index) { return true }
                return false
            }.count
        }
        let mine = score(own)
        let best = others.filter { $0.survey.id != own.survey.id }.map { ($0.survey.id, score($0)) }.max { $0.1 < $1.1 }
        guard let best, best.1 > mine, best.1 >= 2 else { return nil }
        return best.0
    }
}
