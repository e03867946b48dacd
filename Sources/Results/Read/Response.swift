/// One person's answers, after reading and checking, in the shape every mode shares.
public struct Response: Sendable, Equatable {
    /// The id from the file (`response_id`, `_uuid`, `meta/instanceID` or `KEY`, without ODK's `uuid:`),
    /// or the file and line when the file has none.
    public var id: String
    public var hasOwnID: Bool
    public var mode: String
    public var file: String
    public var line: Int
    /// One value per codebook variable, in `Survey.variables` order: a code, codes separated by spaces,
    /// a number, a date or text; empty when not answered.
    public var values: [String]
    /// Consent was recorded as "no", or the outcome as refused.
    public var refused: Bool
    /// The `outcome` column (`completed`, `refused`, `not_at_home`); empty when the file has none.
    public var outcome: String

    public init(id: String, hasOwnID: Bool, mode: String, file: String, line: Int, values: [String], refused: Bool,
                outcome: String = "") {
        self.id = id
        self.hasOwnID = hasOwnID
        self.mode = mode
        self.file = file
        self.line = line
        self.values = values
        self.refused = refused
        self.outcome = outcome
    }
}

/// How a results file was collected, when it has no `mode` column.
public enum ModeGuess {
    public static func mode(header: [String], path: String) -> String {
        let lower = Set(header.map { $0.lowercased() })
        if !lower.isDisjoint(with: ["_uuid", "_submission_time", "_xform_id_string", "_id"]) { return "kobo" }
        if !lower.isDisjoint(with: ["key", "submissiondate", "meta/instanceid", "instanceid"]) { return "odk" }
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        for mode in ["paper", "phone", "door", "web"] where name.contains(mode) { return mode == "door" ? "door-step" : mode }
        return "web"
    }

    /// Names people read in the report: for the modes of the data shape, the codebook's own words.
    public static func label(_ mode: String) -> String {
        switch mode {
        case "web": "Web form"
        case "paper": "Paper form, typed in"
        case "phone": "Phone call"
        case "door-step": "Door-step"
        case "kobo": "KoboToolbox"
        case "odk": "KoboToolbox or ODK Collect"
        default: mode.prefix(1).uppercased() + mode.dropFirst()
        }
    }
}
