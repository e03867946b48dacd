import Diagnostics
import Foundation
import Survey

/// Merged responses → findings: frequencies, scale summaries, one cross-tab, sample against population,
/// weights, then suppression of small counts across every table at once.
public enum Tabulate {
    public struct Options: Sendable {
        public var threshold = 5
        public var crossTab: SurveyResultsConfig.CrossTab?
        public var openAnswers: [(variable: String, answers: [String])] = []
        public var approached: Int?
        public var refusedAtDoor: Int?
        public var population: PopulationProfile?
        public var weightBy: String?
        public var location: SourceLocation?

        public init() {}
    }

    public static func findings(_ set: ResponseSet, index: VariableIndex, options: Options) -> (Findings, [Diagnostic]) {
        let survey = index.survey
        var diagnostics: [Diagnostic] = []
        var cells = CellStore()
        let counted = set.responses.filter { !$0.refused }
        let n = counted.count
        let responsesCell = cells.add(n, fixed: true)
        let refusals = set.responses.count - n
        let hasConsent = survey.questions.contains { $0.type == .consent }
        var refusedCell: Int?
        if hasConsent {
            let cell = cells.add(refusals)
            let all = cells.add(set.responses.count)
            cells.constrain([responsesCell, cell], total: all)
            refusedCell = cell
        }
        // Modes
        var modeCounts: [String: Int] = [:]
        for response in counted { modeCounts[response.mode, default: 0] += 1 }
        let modes = modeCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { Findings.Mode(mode: $0.key, cell: cells.add($0.value)) }
        if modes.count > 1 { cells.constrain(modes.map(\.cell), total: responsesCell) }

        // Which questions each person was asked, by the skip logic.
        let questions = survey.questions.filter { $0.type.hasAnswer && $0.type != .consent }
        let columns = questions.map { index.index(of: $0.id) ?? 0 }
        let naColumns = questions.map { index.index(of: $0.id + "_na") }
        var asked = [[Bool]](repeating: [], count: questions.count)
        for (q, question) in questions.enumerated() {
            guard let condition = question.showIf else {
                asked[q] = [Bool](repeating: true, count: n)
                continue
            }
            asked[q] = counted.map { response in
                ConditionEvaluator.holds(condition, survey: survey, answer: { id in index.index(of: id).map { response.values[$0] } ?? "" })
            }
        }

        // Weights by one question.
        var weighting: Weighting?
        var weights = [Double](repeating: 1, count: n)
        if let by = options.weightBy, let profile = options.population?.variable(by), let column = index.index(of: by) {
            var sample: [String: Int] = [:]
            for response in counted where profile.shares.contains(where: { $0.code == response.values[column] }) {
                sample[response.values[column], default: 0] += 1
            }
            let base = sample.values.reduce(0, +)
            var table: [(String, Double)] = []
            for (code, percent) in profile.shares {
                guard let count = sample[code], count > 0, base > 0 else {
                    if percent > 0 {
                        diagnostics.append(.warning("R076", "nobody in the sample answered '\(code)' to '\(by)', so weighting cannot make up for that group",
                                                    at: options.location))
                    }
                    continue
                }
                table.append((code, (percent / 100) / (Double(count) / Double(base))))
            }
            let lookup = Dictionary(uniqueKeysWithValues: table)
            for (i, response) in counted.enumerated() { weights[i] = lookup[response.values[column]] ?? 1 }
            weighting = Weighting(question: by, weights: table, unweighted: n - base)
        } else if let by = options.weightBy {
            diagnostics.append(.error("R077", "'weight_by: \(by)' needs a figure for '\(by)' in the population profile", at: options.location))
        }
        let weighted = weighting != nil

        let numbers = survey.questionNumbers
        var tables: [Findings.QuestionTable] = []
        for (q, question) in questions.enumerated() {
            let column = columns[q]
            var noAnswer = 0, notAsked = 0, answered = 0
            var codeCounts: [String: Int] = [:]
            var weightedCounts: [String: Double] = [:]
            var weightedBase = 0.0
            var naCounts: [String: Int] = [:]
            var values: [Double] = []
            var texts: [String] = []
            let isMultiple = question.type == .selectMultiple
            // By index, so that each person's answers are read in place rather than copied for every question.
            let askedHere = asked[q]
            for i in counted.indices {
                guard askedHere[i] else {
                    notAsked += 1
                    continue
                }
                let value = counted[i].values[column]
                if value.isEmpty {
                    if let na = naColumns[q], !counted[i].values[na].isEmpty {
                        naCounts[counted[i].values[na], default: 0] += 1
                    } else {
                        noAnswer += 1
                    }
                    continue
                }
                answered += 1
                weightedBase += weights[i]
                switch question.type {
                case .selectMultiple:
                    for code in value.split(separator: " ") {
                        codeCounts[String(code), default: 0] += 1
                        weightedCounts[String(code), default: 0] += weights[i]
                    }
                case .ranking:
                    let first = String(value.split(separator: " ").first ?? "")
                    codeCounts[first, default: 0] += 1
                    weightedCounts[first, default: 0] += weights[i]
                case .integer, .decimal:
                    if let number = Double(value) { values.append(number) }
                case .text, .textLong:
                    texts.append(value)
                case .date:
                    break
                default:
                    codeCounts[value, default: 0] += 1
                    weightedCounts[value, default: 0] += weights[i]
                }
            }
            let kind: Findings.Kind
            switch question.type {
            case .selectMultiple: kind = .multiple
            case .scale: kind = .scale
            case .rating: kind = .rating
            case .ranking: kind = .ranking
            case .integer, .decimal: kind = .numeric
            case .text, .textLong: kind = .open
            case .date: kind = .date
            default: kind = .single
            }
            var rows: [Findings.Row] = []
            func row(_ code: String, _ label: LocalizedText, _ count: Int) -> Findings.Row {
                let share = weighted && weightedBase > 0 ? (weightedCounts[code] ?? 0) * 100 / weightedBase : nil
                return Findings.Row(code: code, label: label, cell: cells.add(count), weightedPercent: share)
            }
            if question.type == .rating {
                for point in question.ratingPoints { rows.append(row(String(point), LocalizedText(String(point)), codeCounts[String(point)] ?? 0)) }
            } else if question.type.hasChoices {
                for option in survey.options(for: question) { rows.append(row(option.code, option.label, codeCounts[option.code] ?? 0)) }
            }
            let naRows = survey.notAnsweredOptions(for: question).map { option in
                Findings.Row(code: option.code, label: option.label, cell: cells.add(naCounts[option.code] ?? 0), weightedPercent: nil)
            }
            let noAnswerCell = cells.add(noAnswer)
            let notAskedCell = cells.add(notAsked)
            let answeredCell = cells.add(answered)
            cells.constrain([answeredCell] + naRows.map(\.cell) + [noAnswerCell, notAskedCell], total: responsesCell)
            if !isMultiple && !rows.isEmpty { cells.constrain(rows.map(\.cell), total: answeredCell) }
            var summary: Findings.ScaleSummary?
            if question.type == .scale, let base = survey.baseChoices(for: question)?.choices, base.count >= 4 {
                let top = Array(base.prefix(base.count / 2))
                let members = rows.filter { row in top.contains { $0.code == row.code } }.map(\.cell)
                let total = members.reduce(0) { $0 + cells.count($1) }
                let cell = cells.add(total)
                cells.constrain(members, total: cell)
                let language = survey.defaultLanguage
                let label = top.reversed().map { $0.label.text(in: language).lowercased() }.joined(separator: " or ")
                summary = Findings.ScaleSummary(label: label, cell: cell, members: members)
            }
            var numberSummary: Findings.NumberSummary?
            if kind == .numeric, values.count >= options.threshold {
                let sorted = values.sorted()
                numberSummary = Findings.NumberSummary(count: sorted.count, median: quantile(sorted, 0.5),
                                                       lowerQuartile: quantile(sorted, 0.25), upperQuartile: quantile(sorted, 0.75),
                                                       mean: sorted.reduce(0, +) / Double(sorted.count))
            }
            var published: [String] = []
            if let chosen = options.openAnswers.first(where: { $0.variable == question.id }) {
                published = checked(chosen.answers, against: Set(texts), variable: question.id, location: options.location, diagnostics: &diagnostics)
            }
            if let other = options.openAnswers.first(where: { $0.variable == question.id + "_other" }), let otherColumn = index.index(of: question.id + "_other") {
                let written = Set(counted.map { $0.values[otherColumn] }.filter { !$0.isEmpty })
                published += checked(other.answers, against: written, variable: other.variable, location: options.location, diagnostics: &diagnostics)
            }
            tables.append(Findings.QuestionTable(
                id: question.id, number: numbers[question.id] ?? 0, label: question.label, kind: kind, rows: rows + naRows,
                noAnswer: noAnswerCell, notAsked: notAskedCell, answered: answered, answeredCell: answeredCell, summary: summary, numbers: numberSummary,
                publishedAnswers: published))
        }

        var findings = Findings(survey: survey, threshold: options.threshold, cells: cells, responses: n, responsesCell: responsesCell,
                                refusedCell: refusedCell, approached: options.approached ?? set.visits, refusedAtDoor: options.refusedAtDoor,
                                modes: modes, questions: tables, crossTab: nil, population: nil, weighting: weighting,
                                files: set.files, duplicates: set.duplicates)
        if let spec = options.crossTab {
            findings.crossTab = crossTab(spec, counted: counted, index: index, asked: asked, questions: questions, findings: &findings)
        }
        if let profile = options.population {
            findings.population = compare(profile, findings: &findings)
        }
        findings.cells.suppress(threshold: options.threshold)
        return (findings, diagnostics)
    }

    /// Listed open answers must be ones people actually wrote (after the author has made them safe).
    static func checked(_ answers: [String], against written: Set<String>, variable: String, location: SourceLocation?,
                        diagnostics: inout [Diagnostic]) -> [String] {
        for answer in answers where !written.contains(answer) {
            diagnostics.append(.warning("R066", "the answer '\(answer.prefix(50))' listed under '\(variable)' is not one anybody wrote; it is published as you wrote it",
                                        at: location, notes: ["that is fine when you shortened it or took out names; check that it still says what the person meant"]))
        }
        return answers
    }

    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = p * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }

    static func crossTab(_ spec: SurveyResultsConfig.CrossTab, counted: [Response], index: VariableIndex, asked: [[Bool]],
                         questions: [Question], findings: inout Findings) -> Findings.CrossTab? {
        guard let q = questions.firstIndex(where: { $0.id == spec.question }), let b = questions.firstIndex(where: { $0.id == spec.by }),
              let qTable = findings.question(spec.question), let bTable = findings.question(spec.by),
              let qColumn = index.index(of: spec.question), let bColumn = index.index(of: spec.by) else { return nil }
        let isMultiple = questions[q].type == .selectMultiple
        let columns = qTable.rows.map { ($0.code, $0.label) }
        let rowsSpec = bTable.rows.map { ($0.code, $0.label, Optional($0.cell)) }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: columns.count + (isMultiple ? 0 : 1)), count: rowsSpec.count + 1)
        for (i, response) in counted.enumerated() {
            let byValue = asked[b][i] ? response.values[bColumn] : ""
            let r = rowsSpec.firstIndex { $0.0 == byValue } ?? rowsSpec.count
            let value = asked[q][i] ? response.values[qColumn] : ""
            if isMultiple {
                for code in value.split(separator: " ") { if let c = columns.firstIndex(where: { $0.0 == code }) { counts[r][c] += 1 } }
            } else {
                let c = columns.firstIndex { $0.0 == value } ?? columns.count
                counts[r][c] += 1
            }
        }
        var cells = findings.cells
        // The "no answer" margins are the sums of the frequency tables' "no answer" and "not asked".
        let byNone = cells.add(cells.count(bTable.noAnswer) + cells.count(bTable.notAsked))
        cells.constrain([bTable.noAnswer, bTable.notAsked], total: byNone)
        var columnTotals = qTable.rows.map(\.cell)
        if !isMultiple {
            let none = cells.add(cells.count(qTable.noAnswer) + cells.count(qTable.notAsked))
            cells.constrain([qTable.noAnswer, qTable.notAsked], total: none)
            columnTotals.append(none)
        }
        var rows: [(code: String, label: LocalizedText, cells: [Int], total: Int?)] = []
        let labels = rowsSpec.map { ($0.0, $0.1) } + [("", LocalizedText("No answer"))]
        let totals = rowsSpec.map { $0.2 } + [Optional(byNone)]
        for (r, label) in labels.enumerated() {
            let rowCells = counts[r].map { cells.add($0) }
            if !isMultiple, let total = totals[r] { cells.constrain(rowCells, total: total) }
            rows.append((label.0, label.1, rowCells, totals[r]))
        }
        for c in columnTotals.indices { cells.constrain(rows.map { $0.cells[c] }, total: columnTotals[c]) }
        findings.cells = cells
        var labelsOut = columns.map { (code: $0.0, label: $0.1) }
        if !isMultiple { labelsOut.append((code: "", label: LocalizedText("No answer"))) }
        return Findings.CrossTab(question: spec.question, by: spec.by, columns: labelsOut, rows: rows, columnTotals: columnTotals)
    }

    static func compare(_ profile: PopulationProfile, findings: inout Findings) -> PopulationComparison {
        var groups: [PopulationComparison.Group] = []
        for variable in profile.variables {
            guard let table = findings.question(variable.question) else { continue }
            let rows = table.rows.filter { row in variable.shares.contains { $0.code == row.code } }
            let base = rows.reduce(0) { $0 + findings.cells.count($1.cell) }
            let baseCell = findings.cells.add(base)
            findings.cells.constrain(rows.map(\.cell), total: baseCell)
            let compared = rows.compactMap { row -> PopulationComparison.Row? in
                guard let share = variable.shares.first(where: { $0.code == row.code }) else { return nil }
                let sample = base > 0 ? Double(findings.cells.count(row.cell)) * 100 / Double(base) : 0
                let difference = sample - share.percent
                // A small group can be missed almost entirely and still be within the margin, so half its share counts too.
                let under = difference < -profile.margin || (share.percent >= 2 && sample < share.percent / 2)
                let flag: PopulationComparison.Flag = difference > profile.margin ? .over : under ? .under : .inLine
                return PopulationComparison.Row(code: row.code, label: row.label, populationPercent: share.percent, cell: row.cell,
                                                samplePercent: sample, flag: flag)
            }
            groups.append(PopulationComparison.Group(question: variable.question, label: table.label, base: base, baseCell: baseCell, rows: compared))
        }
        return PopulationComparison(source: profile.source, margin: profile.margin, groups: groups)
    }
}
