import Foundation

/// Checks that come from form logic rather than from bounds: a pattern, in ODK XPath.
public enum LogicConstraints {
    public static func constraint(for question: Question, in survey: Survey) -> (String?, LocalizedText?) {
        guard let pattern = question.pattern else { return (nil, nil) }
        let expression = "regex(., \(SkipLogic.quoted(pattern.regex)))"
        let message = pattern.preset.map { survey.wording.localized($0.messageKey.rawValue, languages: survey.languages) }
        return (expression, message)
    }
}

/// The group that keeps an answer and its "Don't know" on one screen in ODK Collect.
enum AnswerScreen {
    static let suffix = "_screen"
}

/// A choice list by what it holds (codes, entries, parents and labels), so equal lists are written once.
struct ChoiceListKey: Hashable {
    let cells: [[String]]

    init(_ choices: [Choice], survey: Survey) {
        cells = choices.map { choice in
            [choice.code, choice.entry.map(String.init) ?? "", choice.parent ?? ""] + XLSForm.cells(choice.label, survey)
        }
    }
}

extension XLSForm.Builder {
    mutating func extra(_ column: String, _ value: String) {
        extraCells[surveyRows.count - 1, default: [:]][column] = value
    }

    /// The phone's own records, then the response columns (`DataShape`). The visit's
    /// outcome is asked first, on one screen with the volunteer and form number; only a completed visit
    /// goes on to the questions, so a refusal or "not at home" is saved with no other answers.
    mutating func addMetadata() {
        row(type: ResponseField.start.rawValue, name: ResponseField.start.rawValue, label: nil)
        row(type: ResponseField.end.rawValue, name: ResponseField.end.rawValue, label: nil)
        for field in survey.logic.metadata where !MetadataField.responseFields.contains(field) {
            row(type: field.rawValue, name: field.rawValue, label: nil)
        }
        row(type: "calculate", name: ResponseField.responseID.rawValue, label: nil)
        extra("calculation", "once(uuid())")
        row(type: "calculate", name: ResponseField.mode.rawValue, label: nil)
        extra("calculation", "'\(CollectionMode.odk.rawValue)'")
        guard survey.logic.phoneForm == .doorToDoor else {
            // Someone answering for themselves has no visit to record: every saved form is a completed one, and
            // the volunteer and form number stay empty, so the columns are those of every other way of collecting.
            row(type: "calculate", name: ResponseField.outcome.rawValue, label: nil)
            extra("calculation", "'\(ResponseOutcome.completed.rawValue)'")
            for field in [ResponseField.volunteerID, .formNumber] {
                row(type: "calculate", name: field.rawValue, label: nil)
                extra("calculation", "''")
            }
            return
        }
        func say(_ key: WordingKey) -> LocalizedText { survey.wording.localized(key.rawValue, languages: survey.languages) }
        row(type: "begin_group", name: Self.visitGroup, label: nil, appearance: "field-list")
        let list = listName(named: ResponseField.outcome.rawValue, choices: DataShape.codes(.outcome, in: survey))
        row(type: "select_one \(list)", name: ResponseField.outcome.rawValue, label: say(.entryOutcome), required: true)
        extra("default", ResponseOutcome.completed.rawValue)
        row(type: "text", name: ResponseField.volunteerID.rawValue, label: say(.entryVolunteer))
        extra("default", "${last-saved#\(ResponseField.volunteerID.rawValue)}")
        row(type: "text", name: ResponseField.formNumber.rawValue, label: say(.entryFormNumber))
        row(type: "end_group", name: Self.visitGroup, label: nil)
        gates.append(("${\(ResponseField.outcome.rawValue)} = '\(ResponseOutcome.completed.rawValue)'", depth))
    }

    static let visitGroup = "about_the_visit"

    func logicSettings() -> [(String, String)] {
        var settings: [(String, String)] = []
        if let key = survey.logic.publicKey { settings.append(("public_key", key)) }
        if let url = survey.logic.submissionURL { settings.append(("submission_url", url)) }
        return settings
    }

    /// `begin_repeat` with `repeat_count` from the count question, or, when members are added one by one,
    /// a limit on the first question and a `<section>_count` worked out after the repeat.
    mutating func addRepeat(_ section: Section) {
        guard let rule = section.repeatRule else { return }
        row(type: "begin_repeat", name: section.id, label: section.title ?? LocalizedText(section.id), hint: section.description)
        if let count = rule.countQuestion { extra("repeat_count", "${\(count)}") }
        let oneByOne = survey.repeatAddsOneByOne(section)
        repeatLimit = oneByOne ? survey.repeatMax(section) : nil
        for question in section.questions { add(question) }
        repeatLimit = nil
        row(type: "end_repeat", name: section.id, label: nil)
        if oneByOne, let name = survey.repeatCountName(section) {
            row(type: "calculate", name: name, label: nil)
            extra("calculation", "count(${\(section.id)})")
        }
    }

    /// The columns of form logic on the row just written.
    mutating func addLogicCells(_ question: Question, requiredUnlessNotAnswered notAnswered: String?) {
        if let expression = question.calculation?.expression { extra("calculation", CalcOutput.xpath(expression)) }
        switch question.defaultAnswer?.kind {
        case .today?: extra("default", "today()")
        case .lastAnswer?: extra("default", "${last-saved#\(question.id)}")
        case .fixed(let value)?: extra("default", value)
        case nil: break
        }
        if let filter = question.filterBy { extra("choice_filter", "parent = ${\(filter)}") }
        requiredMessage(question)
        if let notAnswered, let column = surveyRows.first?.firstIndex(of: "required") {
            surveyRows[surveyRows.count - 1][column] = "${\(notAnswered)} = ''"
        }
        if let limit = repeatLimit, question.type.isAsked, let column = surveyRows.first?.firstIndex(of: "constraint") {
            let rowIndex = surveyRows.count - 1
            let existing = surveyRows[rowIndex][column]
            let check = "position(..) <= \(limit)"
            surveyRows[rowIndex][column] = existing.isEmpty ? check : "(\(existing)) and \(check)"
            if existing.isEmpty, let first = surveyRows[0].firstIndex(where: { $0.hasPrefix("constraint_message") }) {
                let message = question.constraintMessage ?? survey.wording.localized(WordingKey.logicAtMost.rawValue, languages: survey.languages, ["limit": String(limit)])
                for (offset, cell) in XLSForm.cells(message, survey).enumerated() { surveyRows[rowIndex][first + offset] = cell }
            }
            repeatLimit = nil
        }
    }

    /// `required_message::English (en)` and the other languages, on the row just written.
    mutating func requiredMessage(_ question: Question) {
        guard let message = question.requiredMessage, question.required else { return }
        for (column, cell) in zip(XLSForm.columns("required_message", survey), XLSForm.cells(message, survey)) where !cell.isEmpty {
            extra(column, cell)
        }
    }

    /// An answer and its "Don't know" on one ODK screen, so the answer can be left empty when it is ticked.
    mutating func beginAnswerScreen(_ question: Question, relevant: String?) {
        row(type: "begin_group", name: question.id + AnswerScreen.suffix, label: nil, appearance: "field-list")
    }

    /// "Rank your top N": N choose-one questions, each without the options already picked, then the
    /// answer in rank order as one field, as the web form and the codebook hold it. The ODK `rank` widget
    /// orders every option and cannot stop at N.
    mutating func addTopRanks(_ question: Question, rank: Int, relevant: String?) {
        let list = listName(for: question)
        var names: [String] = []
        for place in 1...rank {
            let name = "\(question.id)_rank\(place)"
            let hint = survey.wording.localized(WordingKey.logicRankChoice.rawValue, languages: survey.languages, ["place": String(place), "rank": String(rank)])
            row(type: "select_one \(list)", name: name, label: question.label, hint: hint, required: question.required,
                relevant: relevant)
            if !names.isEmpty { extra("choice_filter", names.map { "name != ${\($0)}" }.joined(separator: " and ")) }
            requiredMessage(question)
            names.append(name)
        }
        row(type: "calculate", name: question.id, label: nil, relevant: relevant)
        extra("calculation", "normalize-space(concat(" + names.map { "${\($0)}" }.joined(separator: ", ' ', ") + "))")
    }

    /// Adds the optional columns that some row uses, after the standard ones, in a fixed order.
    mutating func appendExtraColumns() {
        let surveyOrder = ["calculation", "default", "choice_filter", "repeat_count"] + XLSForm.columns("required_message", survey)
        Self.append(surveyOrder, cells: extraCells, to: &surveyRows)
        Self.append(["parent"], cells: extraChoiceCells, to: &choiceRows)
    }

    static func append(_ order: [String], cells: [Int: [String: String]], to rows: inout [[String]]) {
        let used = order.filter { column in cells.values.contains { $0[column] != nil } }
        guard !used.isEmpty, !rows.isEmpty else { return }
        rows[0] += used
        for index in rows.indices.dropFirst() { rows[index] += used.map { cells[index]?[$0] ?? "" } }
    }
}
