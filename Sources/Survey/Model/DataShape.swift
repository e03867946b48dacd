/// The columns every response has, whichever way it was collected, ahead of the answers.
/// The web form's CSV, the XLSForm, the codebook, the JSON and results all take them from here.
public enum ResponseField: String, CaseIterable, Sendable {
    case responseID = "response_id"
    case mode
    case outcome
    case start
    case end
    case volunteerID = "volunteer_id"
    case formNumber = "form_number"

    /// The codebook's type for the column.
    public var type: String {
        switch self {
        case .mode, .outcome: "select_one"
        case .start, .end: "datetime"
        case .responseID, .volunteerID, .formNumber: "text"
        }
    }

    var labelKey: WordingKey {
        switch self {
        case .responseID: .dataResponseID
        case .mode: .dataMode
        case .outcome: .dataOutcome
        case .start: .dataStart
        case .end: .dataEnd
        case .volunteerID: .dataVolunteerID
        case .formNumber: .dataFormNumber
        }
    }
}

/// How a response was collected: the codes of the `mode` column.
public enum CollectionMode: String, CaseIterable, Sendable {
    case web
    case paper
    case phone
    /// On a phone or tablet running KoboToolbox or ODK Collect, from the XLSForm.
    case odk

    var labelKey: WordingKey {
        switch self {
        case .web: .dataModeWeb
        case .paper: .dataModePaper
        case .phone: .dataModePhone
        case .odk: .dataModeOdk
        }
    }
}

/// What happened at a visit or call: the codes of the `outcome` column. Only `completed` has answers.
public enum ResponseOutcome: String, CaseIterable, Sendable {
    case completed
    case refused
    case notAtHome = "not_at_home"

    var labelKey: WordingKey {
        switch self {
        case .completed: .dataOutcomeCompleted
        case .refused: .dataOutcomeRefused
        case .notAtHome: .dataOutcomeNotAtHome
        }
    }
}

/// One column of an exported response file.
public struct DataColumn: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// One of the columns every response has.
        case response(ResponseField)
        /// A variable of the survey, as `Survey.variables` lists it.
        case variable(SurveyVariable)
        /// One option of a tick-all question: 1 if ticked, 0 if not, empty when the question was not answered.
        case option(SurveyVariable, Choice)
    }

    public var name: String
    public var kind: Kind
}

public enum DataShape {
    /// The response columns, in the order every file has them.
    public static let responseFields = ResponseField.allCases

    /// Names of the response columns, for readers that meet them in a file.
    public static let responseNames: Set<String> = Set(ResponseField.allCases.map(\.rawValue))

    /// `best_things/green_spaces`: the column of one option of a tick-all question, as KoboToolbox names it.
    public static func optionName(_ variable: String, _ code: String) -> String { "\(variable)/\(code)" }

    /// Every column of a response file, in order: the response columns, then each variable, with a
    /// tick-all question as one 0/1 column per option (the way the data-entry guide tells typists).
    public static func columns(_ survey: Survey) -> [DataColumn] {
        var result = responseFields.map { DataColumn(name: $0.rawValue, kind: .response($0)) }
        for variable in survey.variables {
            if variable.role == .answer, variable.type == QuestionType.selectMultiple.rawValue {
                result += variable.codes.map { DataColumn(name: optionName(variable.name, $0.code), kind: .option(variable, $0)) }
            } else {
                result.append(DataColumn(name: variable.name, kind: .variable(variable)))
            }
        }
        return result
    }

    public static func names(_ survey: Survey) -> [String] { columns(survey).map(\.name) }

    /// The codes of the `mode` or `outcome` column, with labels in the survey's languages and entry numbers.
    public static func codes(_ field: ResponseField, in survey: Survey) -> [Choice] {
        let keys: [(String, WordingKey)]
        switch field {
        case .mode: keys = CollectionMode.allCases.map { ($0.rawValue, $0.labelKey) }
        case .outcome: keys = ResponseOutcome.allCases.map { ($0.rawValue, $0.labelKey) }
        default: return []
        }
        return keys.enumerated().map { index, item in
            Choice(code: item.0, label: survey.wording.localized(item.1.rawValue, languages: survey.languages), entry: index + 1)
        }
    }

    public static func label(_ field: ResponseField, in survey: Survey) -> LocalizedText {
        survey.wording.localized(field.labelKey.rawValue, languages: survey.languages)
    }

    /// The codes of one option column: 1 ticked, 0 not ticked.
    public static func tickCodes(in survey: Survey) -> [Choice] {
        [Choice(code: "1", label: survey.wording.localized(WordingKey.dataTicked.rawValue, languages: survey.languages)),
         Choice(code: "0", label: survey.wording.localized(WordingKey.dataNotTicked.rawValue, languages: survey.languages))]
    }
}

extension DataShape {
    /// When the XLSForm asks a variable: only at a completed visit (a self-completion form has no visit), only
    /// after a "Yes" to each consent question before it, and then by its own skip logic. ODK reads this from the
    /// field and its groups.
    public static func xlsFormRelevant(_ survey: Survey) -> [String?] {
        var gates = survey.logic.phoneForm == .doorToDoor
            ? ["${\(ResponseField.outcome.rawValue)} = '\(ResponseOutcome.completed.rawValue)'"] : []
        return survey.variables.map { variable in
            guard variable.role != .metadata else { return variable.relevant }
            let parts = gates + (variable.relevant.map { ["(\($0))"] } ?? [])
            if variable.role == .answer, survey.question(variable.questionID)?.type == .consent {
                gates.append("${\(variable.xlsFormName ?? variable.name)} = 'yes'")
            }
            return parts.isEmpty ? nil : parts.joined(separator: " and ")
        }
    }
}
