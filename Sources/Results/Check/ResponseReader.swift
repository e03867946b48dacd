import Diagnostics
import Foundation
import Survey

/// One results file checked against its survey: every finding at `file:row:column`, then the responses
/// that can be counted. Pure: the table is already read.
public struct ResponseReader {
    /// Findings of one code kept per file; the rest are summed up in one line, so a file of 100,000
    /// bad rows still reports quickly and readably.
    public static let findingsPerCode = 200

    let index: VariableIndex
    let table: CSVTable
    let defaultMode: String
    private var diagnostics: [Diagnostic] = []
    private var counts: [String: Int] = [:]
    private var present: Set<Int> = []

    public static func read(_ table: CSVTable, index: VariableIndex, mode: String? = nil) -> ([Response], [Diagnostic]) {
        var reader = ResponseReader(index: index, table: table, defaultMode: mode ?? ModeGuess.mode(header: table.header, path: table.path))
        let responses = reader.run()
        return (responses, reader.finish())
    }

    init(index: VariableIndex, table: CSVTable, defaultMode: String) {
        self.index = index
        self.table = table
        self.defaultMode = defaultMode
    }

    mutating func report(_ diagnostic: Diagnostic) {
        counts[diagnostic.code, default: 0] += 1
        if counts[diagnostic.code, default: 0] <= Self.findingsPerCode { diagnostics.append(diagnostic) }
    }

    mutating func finish() -> [Diagnostic] {
        for (code, count) in counts.sorted(by: { $0.key < $1.key }) where count > Self.findingsPerCode {
            let first = diagnostics.first { $0.code == code }
            diagnostics.append(Diagnostic(first?.severity ?? .error, code: code,
                "\(count - Self.findingsPerCode) more findings like this one in '\(table.path)' are not shown",
                at: SourceLocation(file: table.path, line: 1, column: 1)))
        }
        return diagnostics
    }

    func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: table.path, line: line, column: column + 1) }

    mutating func run() -> [Response] {
        let survey = index.survey
        let roles = Columns.roles(table.header, index: index)
        checkHeader(roles)
        guard roles.contains(where: { if case .variable = $0 { true } else if case .option = $0 { true } else { false } }) else {
            report(.error("R014", "no column of '\(table.path)' is a question of survey '\(survey.id)'",
                          at: at(1, 0), notes: ["the header row must hold the codebook's variable names (\(index.variables.prefix(4).map(\.name).joined(separator: ", ")), …); export with XML names, not labels"]))
            return []
        }
        let lowerHeader = table.header.map { $0.lowercased() }
        let idColumn = Columns.responseIDs.compactMap { lowerHeader.firstIndex(of: $0) }.first
        let modeColumn = roles.firstIndex(of: .mode)
        let outcomeColumn = lowerHeader.firstIndex(of: ResponseField.outcome.rawValue)
        let formColumn = roles.firstIndex(of: .formID)
        let consentVariable = index.variables.indices.first { index.questions[$0]?.type == .consent && index.variables[$0].role == .answer }
        present = Set(roles.compactMap { role -> Int? in
            if case .variable(let v) = role { return v }
            if case .option(let v, _) = role { return v }
            return nil
        })
        for (variable, info) in index.variables.enumerated() where info.role == .answer && index.questions[variable]?.required == true && !present.contains(variable) {
            report(.error("R041", "the file has no column for '\(info.name)', which is required", at: at(1, table.header.count),
                          notes: ["add the column, or check that the file is for survey '\(survey.id)'"]))
        }
        var responses: [Response] = []
        responses.reserveCapacity(table.records.count)
        let width = table.header.count
        for (recordIndex, record) in table.records.enumerated() {
            let line = table.lines[recordIndex]
            if record.count != width {
                report(.error("R020", "this row has \(record.count) \(record.count == 1 ? "cell" : "cells") but the header has \(width); the row is not counted",
                              at: at(line, min(record.count, width)), notes: ["a comma inside an answer must be in double quotes"]))
                continue
            }
            if let formColumn {
                let form = record[formColumn].trimmingSpaces
                if !form.isEmpty, form != survey.id {
                    report(.error("R013", "this row answers survey '\(form)', not '\(survey.id)'; the row is not counted",
                                  at: at(line, formColumn), notes: ["move it to the results folder of survey '\(form)'"]))
                    continue
                }
            }
            var values = [String](repeating: "", count: index.variables.count)
            var seen = [Bool](repeating: false, count: index.variables.count)
            var ticked: [Int: [String]] = [:]
            for (column, role) in roles.enumerated() {
                let raw = record[column].trimmingSpaces
                switch role {
                case .variable(let variable):
                    guard !seen[variable] else { continue }
                    seen[variable] = true
                    values[variable] = normalise(raw, variable: variable, line: line, column: column)
                case .option(let variable, let code):
                    switch raw.lowercased() {
                    case "1", "true", "yes": ticked[variable, default: []].append(code)
                    case "", "0", "false", "no", "n/a": break
                    default:
                        report(.error("R021", "'\(raw.prefix(40))' in a tick-box column must be 1 (ticked) or 0 (not ticked)",
                                      at: at(line, column), length: raw.count))
                    }
                default:
                    break
                }
            }
            for (variable, codes) in ticked {
                var merged = values[variable].split(separator: " ").map(String.init)
                for code in codes where !merged.contains(code) && index.codes[variable].contains(code) { merged.append(code) }
                values[variable] = merged.joined(separator: " ")
            }
            var outcome = ""
            if let outcomeColumn {
                outcome = record[outcomeColumn].trimmingSpaces.lowercased()
                if !outcome.isEmpty, ResponseOutcome(rawValue: outcome) == nil {
                    report(.error("R026", "'\(outcome.prefix(40))' is not an outcome; the row is not counted", at: at(line, outcomeColumn),
                                  length: outcome.count,
                                  notes: Suggestion.note(for: outcome, in: ResponseOutcome.allCases.map(\.rawValue))
                                    + ["the outcomes are \(ResponseOutcome.allCases.map(\.rawValue).joined(separator: ", "))"]))
                    continue
                }
            }
            let refused = outcome == ResponseOutcome.refused.rawValue || (consentVariable.map { values[$0] == "no" } ?? false)
            if refused, outcome.isEmpty || outcome == ResponseOutcome.completed.rawValue, outcomeColumn != nil {
                outcome = ResponseOutcome.refused.rawValue
            }
            checkLogic(values, refused: refused || outcome == ResponseOutcome.notAtHome.rawValue, notAtHome: outcome == ResponseOutcome.notAtHome.rawValue,
                       line: line, roles: roles)
            var id = idColumn.map { record[$0].trimmingSpaces } ?? ""
            if id.hasPrefix("uuid:") { id.removeFirst(5) }
            let hasOwnID = !id.isEmpty
            let mode = modeColumn.map { record[$0].trimmingSpaces.lowercased() }.flatMap { $0.isEmpty ? nil : $0 } ?? defaultMode
            responses.append(Response(id: hasOwnID ? id : "\(table.path):\(line)", hasOwnID: hasOwnID, mode: mode,
                                      file: table.path, line: line, values: values, refused: refused, outcome: outcome))
        }
        return responses
    }

    mutating func checkHeader(_ roles: [ColumnRole]) {
        var firstColumn: [String: Int] = [:]
        for (column, role) in roles.enumerated() {
            let name = table.header[column]
            switch role {
            case .unknown where DataShape.responseNames.contains(name.lowercased()):
                continue
            case .unknown:
                let names = index.variables.map(\.name)
                report(.warning("R011", "column '\(name)' is not a variable of survey '\(index.survey.id)'; it is not read",
                                at: at(1, column), length: name.count, notes: Suggestion.note(for: name, in: names)))
            case .option(let variable, let code):
                if !index.codes[variable].contains(code) {
                    report(.error("R012", "'\(code)' is not a code of '\(index.variables[variable].name)'",
                                  at: at(1, column), length: name.count,
                                  notes: Suggestion.note(for: code, in: index.variables[variable].codes.map(\.code))))
                }
                fallthrough
            default:
                let key: String
                switch role {
                case .variable(let variable): key = index.variables[variable].name
                case .option(let variable, let code): key = index.variables[variable].name + "/" + code
                default: continue
                }
                if let first = firstColumn[key] {
                    report(.error("R010", "column '\(name)' holds '\(key)' again (first in column \(first + 1)); only the first is read",
                                  at: at(1, column), length: name.count))
                } else {
                    firstColumn[key] = column
                }
            }
        }
    }

    /// The value as stored: codes (paper entry numbers become codes), numbers and dates checked.
    mutating func normalise(_ raw: String, variable: Int, line: Int, column: Int) -> String {
        guard !raw.isEmpty else { return "" }
        let info = index.variables[variable]
        let question = index.questions[variable]
        func code(_ text: Substring) -> String? {
            let text = String(text)
            if index.codes[variable].contains(text) { return text }
            if let mapped = index.entries[variable][text] { return mapped }
            let lower = text.lowercased()
            if index.codes[variable].contains(lower) { return lower }
            report(.error("R022", "'\(text.prefix(40))' is not a code of '\(info.name)'", at: at(line, column), length: text.count,
                          notes: Suggestion.note(for: text, in: info.codes.map(\.code))
                            + ["its codes are \(info.codes.map(\.code).joined(separator: ", "))"]))
            return nil
        }
        if info.role == .otherText { return raw }
        if info.role == .notAnswered { return code(Substring(raw)) ?? "" }
        guard let question else { return raw }
        switch question.type {
        case .consent, .yesNo, .selectOne, .scale:
            return code(Substring(raw)) ?? ""
        case .selectMultiple, .ranking:
            let parts = raw.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" })
            var result: [String] = []
            for part in parts { if let value = code(part), !result.contains(value) { result.append(value) } }
            if question.type == .ranking, let rank = question.rank, result.count > rank {
                report(.error("R023", "\(result.count) options are ranked but the question asks for \(rank)", at: at(line, column)))
            }
            return result.joined(separator: " ")
        case .integer, .rating:
            guard let number = Int(raw) else {
                report(.error("R024", "'\(raw.prefix(40))' is not a whole number", at: at(line, column), length: raw.count))
                return ""
            }
            let range: ClosedRange<Double>? = question.type == .rating
                ? Double(question.ratingPoints.lowerBound)...Double(question.ratingPoints.upperBound)
                : bounds(question)
            if let range, !range.contains(Double(number)) {
                report(.error("R023", "\(number) is out of range for '\(info.name)': it must be from \(format(range.lowerBound)) to \(format(range.upperBound))",
                              at: at(line, column), length: raw.count))
                return ""
            }
            return String(number)
        case .decimal:
            guard let number = Double(raw.replacingOccurrences(of: ",", with: ".")), number.isFinite else {
                report(.error("R024", "'\(raw.prefix(40))' is not a number", at: at(line, column), length: raw.count))
                return ""
            }
            if let range = bounds(question), !range.contains(number) {
                report(.error("R023", "\(raw) is out of range for '\(info.name)': it must be from \(format(range.lowerBound)) to \(format(range.upperBound))",
                              at: at(line, column), length: raw.count))
                return ""
            }
            return raw
        case .date:
            let day = String(raw.prefix(10))
            guard day.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil else {
                report(.error("R025", "'\(raw.prefix(40))' is not a date written as YYYY-MM-DD", at: at(line, column), length: raw.count))
                return ""
            }
            return day
        case .text, .textLong, .note, .calculate:
            return raw
        }
    }

    func bounds(_ question: Question) -> ClosedRange<Double>? {
        guard question.min != nil || question.max != nil else { return nil }
        let low = question.min?.value ?? -Double(SurveyLimits.largestNumber)
        let high = max(low, question.max?.value ?? Double(SurveyLimits.largestNumber))
        return low...high
    }

    func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }

    /// Skip logic and required answers: a value where the form would have hidden the question, a required
    /// answer missing where it was asked, and answers kept from a person who said no to taking part or
    /// from a visit where nobody was at home. Neither counts as a missing answer.
    mutating func checkLogic(_ values: [String], refused: Bool, notAtHome: Bool = false, line: Int, roles: [ColumnRole]) {
        let survey = index.survey
        func answer(_ id: String) -> String { index.index(of: id).map { values[$0] } ?? "" }
        func column(of variable: Int) -> Int {
            roles.firstIndex { role in
                if case .variable(let v) = role { return v == variable }
                if case .option(let v, _) = role { return v == variable }
                return false
            } ?? 0
        }
        var asked: [String: Bool] = [:]
        for (variable, info) in index.variables.enumerated() {
            guard let question = index.questions[variable] else { continue }
            let value = values[variable]
            if refused && (question.type != .consent || notAtHome) {
                if !value.isEmpty {
                    let who = notAtHome ? "a visit where nobody was at home" : "a person who did not agree to take part"
                    report(.error("R031", "an answer to '\(info.name)' is kept from \(who); delete it",
                                  at: at(line, column(of: variable))))
                }
                continue
            }
            let isAsked: Bool
            switch info.role {
            case .answer:
                let shown = asked[question.id] ?? question.showIf.map { ConditionEvaluator.holds($0, survey: survey, answer: answer) } ?? true
                asked[question.id] = shown
                isAsked = shown
            case .otherText:
                isAsked = (asked[question.id] ?? true) && answer(question.id).split(separator: " ").contains("other")
            case .notAnswered:
                isAsked = (asked[question.id] ?? true) && answer(question.id).isEmpty
            case .metadata, .repeatCount:
                isAsked = true
            }
            if !isAsked, !value.isEmpty {
                let why = info.role == .otherText ? "'other' was not chosen at '\(question.id)'"
                    : info.role == .notAnswered ? "'\(question.id)' has an answer as well"
                    : "the skip logic hides '\(question.id)' for this person"
                report(.error("R030", "'\(info.name)' has an answer, but \(why)", at: at(line, column(of: variable))))
            }
            if info.role == .answer, question.required, isAsked, value.isEmpty, present.contains(variable) {
                let na = index.index(of: question.id + "_na").map { values[$0] } ?? ""
                if na.isEmpty {
                    report(.error("R040", "'\(info.name)' is required but has no answer", at: at(line, column(of: variable))))
                }
            }
        }
    }
}
