/// Every code the survey engine reports, with the one-line explanation shown in documentation and `allow` checks.
/// Codes are stable: a code is never reused for a different problem.
public enum SurveyDiagnosticCodes {
    public static let errors: [(code: String, meaning: String)] = [
        ("S001", "YAML syntax error, or a file that cannot be read"),
        ("S002", "unknown key"),
        ("S003", "a required field is missing"),
        ("S004", "a value of the wrong kind (text, number, list, map, true/false)"),
        ("S005", "an invalid id or language code"),
        ("S006", "a duplicate id, also when ids differ only in case"),
        ("S007", "an invalid choice code"),
        ("S008", "a duplicate choice code in one list"),
        ("S009", "a duplicate paper entry number in one list"),
        ("S010", "unknown question type"),
        ("S011", "unknown choice list"),
        ("S012", "unknown built-in scale"),
        ("S013", "a question that needs choices has none"),
        ("S014", "a condition refers to a question that does not exist"),
        ("S015", "a condition refers to a later question"),
        ("S016", "a condition refers to its own question"),
        ("S017", "a condition uses a code the question does not have"),
        ("S018", "a condition compares the wrong type of value"),
        ("S019", "conditions refer to each other in a cycle"),
        ("S020", "a minimum above its maximum"),
        ("S021", "a declared language is missing from a text"),
        ("S022", "a text uses a language the survey does not declare"),
        ("S023", "an unquoted yes/no/on/off/true/false used as a code"),
        ("S024", "a value outside the allowed set or range"),
        ("S025", "a key that does not apply to this question type"),
        ("S026", "'allow' without a reason"),
        ("S027", "'allow' names a code that is not a warning"),
        ("S028", "two surveys in the site have the same id"),
        ("S029", "an added option clashes with a written choice code"),
        ("S030", "unknown comparison in a condition"),
        ("S050", "a declared language lacks wording that the forms add (see wording/<language>.yml)"),
    ]

    public static let warnings: [(code: String, meaning: String)] = [
        ("S201", "a double-barrelled question (two questions in one)"),
        ("S202", "leading wording that suggests an answer"),
        ("S203", "a sentence of more than 20 words"),
        ("S204", "wording above a reading age of about 9"),
        ("S205", "a sensitive question without 'prefer not to say'"),
        ("S206", "special-category data asked without a consent question and a privacy notice"),
        ("S207", "special-category data made required"),
        ("S208", "numeric bands that overlap"),
        ("S209", "numeric bands with a gap between them"),
        ("S210", "a scale with more positive than negative options, or the reverse"),
        ("S211", "the estimated time is above the time the survey states"),
        ("S212", "the estimated time is above 10 minutes"),
        ("S213", "more than 10 options on a paper question"),
        ("S214", "an equality question that departs from the UK harmonised standards"),
        ("S215", "a question that looks like special-category data without 'special_category'"),
        ("S216", "a sensitive question made required"),
        ("S217", "the survey leaves out a field people need (version, introduction, privacy notice, contact, time)"),
    ]

    public static var warningCodes: Set<String> { Set(warnings.map(\.code)) }
}
