import Survey

/// What one column of a results file holds, worked out from its header.
public enum ColumnRole: Sendable, Equatable {
    /// A codebook variable, by its index in `Survey.variables`.
    case variable(Int)
    /// One 0/1 column per option of a tick-all question, as KoboToolbox and ODK Central can export them.
    case option(variable: Int, code: String)
    case responseID
    case mode
    /// Which survey the row answers (`_xform_id_string`, `form_id`, `survey`).
    case formID
    /// Export bookkeeping (`_submission_time`, `start`, `meta/instanceName`, …), read past without a finding.
    case metadata
    case unknown
}

/// The survey's variables, looked up by name, with each one's allowed codes. A class, so that the reader
/// checking 10,000 rows passes one reference around instead of copying every table in it.
public final class VariableIndex: Sendable {
    public let survey: Survey
    public let variables: [SurveyVariable]
    public let questions: [Question?]
    let byName: [String: Int]
    /// Codes, and paper entry numbers mapped to codes, for variables with a list.
    let codes: [Set<String>]
    let entries: [[String: String]]

    public init(_ survey: Survey) {
        self.survey = survey
        let variables = survey.variables
        self.variables = variables
        questions = variables.map { survey.question($0.questionID) }
        var byName: [String: Int] = [:]
        for (index, variable) in variables.enumerated() where byName[variable.name] == nil { byName[variable.name] = index }
        self.byName = byName
        codes = variables.map { Set($0.codes.map(\.code)) }
        entries = variables.map { variable in
            var map: [String: String] = [:]
            for choice in variable.codes { if let entry = choice.entry { map[String(entry)] = choice.code } }
            return map
        }
    }

    public func index(of name: String) -> Int? { byName[name] }
}

public enum Columns {
    /// Our own column names, and those KoboToolbox and ODK Central add to every export.
    static let responseIDs = ["response_id", "_uuid", "meta/instanceid", "meta-instanceid", "instanceid", "key"]
    static let modes = ["mode", "_mode"]
    static let formIDs = ["_xform_id_string", "form_id", "survey", "survey_id"]
    static let metadata: Set<String> = [
        "start", "end", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid", "audit",
        "submissiondate", "submitterid", "submittername", "attachmentspresent", "attachmentsexpected", "status",
        "reviewstate", "edits", "formversion", "volunteer", "form_number", "submitted", "entered_by", "entered_on",
        "__version__", "meta/instancename", "meta/deprecatedid", "meta/audit", "formhub/uuid",
    ]

    /// The role of each header cell. Group prefixes (`group/q`, `group-q`, `group.q`) are read past; a
    /// name that only matches once a prefix is removed still has to be a variable or an option of one.
    public static func roles(_ header: [String], index: VariableIndex) -> [ColumnRole] {
        header.map { role(of: $0, index: index) }
    }

    static func role(of name: String, index: VariableIndex) -> ColumnRole {
        if let variable = index.index(of: name) { return .variable(variable) }
        let lower = name.lowercased()
        if responseIDs.contains(lower) { return .responseID }
        if modes.contains(lower) { return .mode }
        if formIDs.contains(lower) { return .formID }
        if metadata.contains(lower) || lower.hasPrefix("_") || lower.hasPrefix("meta/") || lower.hasPrefix("meta-")
            || lower.hasPrefix("formhub/") { return .metadata }
        let parts = name.split(whereSeparator: isGroupSeparator).map(String.init)
        guard parts.count > 1 else { return .unknown }
        if let last = parts.last, let variable = index.index(of: last) { return .variable(variable) }
        // `q/code`, `group/q/code` (KoboToolbox) or `group-q/code` (ODK Central): one column per option of a
        // tick-all question. The code is everything after the last `/`, so a code may hold `-` or `.`.
        // With no `/` at all (an export with `-` between groups), the last part is the code.
        var question = parts[parts.count - 2], code = parts[parts.count - 1]
        if let slash = name.lastIndex(of: "/"), let before = name[..<slash].split(whereSeparator: isGroupSeparator).last {
            question = String(before)
            code = String(name[name.index(after: slash)...])
        }
        guard !code.isEmpty, let variable = index.index(of: question), index.variables[variable].type == QuestionType.selectMultiple.rawValue,
              index.variables[variable].role == .answer else { return .unknown }
        return .option(variable: variable, code: code)
    }

    static func isGroupSeparator(_ character: Character) -> Bool {
        character == "/" || character == "-" || character == "."
    }
}
