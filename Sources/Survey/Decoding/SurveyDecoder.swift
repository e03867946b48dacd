import Diagnostics
import Foundation
import YAMLSupport
import Yams

/// Turns survey YAML into a `Survey`, reporting syntax and structure problems at the node they concern.
/// Meaning (ids, references, wording) is checked afterwards by `SurveyValidator`.
public enum SurveyDecoder {
    static let surveyKeys = [
        "id", "title", "version", "languages", "introduction", "privacy_notice", "contact", "estimated_minutes",
        "choices", "sections", "questions", "allow", "metadata", "public_key", "submission_url",
        "phone_form",
    ]
    static let sectionKeys = ["id", "title", "description", "questions", "repeat", "item_label"]
    static let questionKeys = [
        "id", "type", "label", "hint", "required", "show_if", "prefer_not_to_say", "dont_know", "other",
        "constraint_message", "special_category", "allow", "choices", "scale", "min", "max", "min_length",
        "max_length", "lines", "rank", "min_label", "max_label", "calculate", "default", "pattern", "filter_by",
        "required_message",
    ]
    static let choiceKeys = ["code", "label", "entry", "parent"]
    /// Keys whose values are words for people, where an unquoted ` #` would silently cut the text short.
    static let textKeys: Set<String> = [
        "title", "description", "introduction", "privacy_notice", "contact", "label", "hint", "min_label",
        "max_label", "constraint_message", "required_message", "item_label",
    ]

    /// Keys that only some question types take; the rest apply to every type.
    static let keysByType: [String: Set<QuestionType>] = [
        "choices": [.selectOne, .selectMultiple, .ranking, .scale],
        "scale": [.scale],
        "other": [.selectOne, .selectMultiple],
        "min": [.integer, .decimal, .rating],
        "max": [.integer, .decimal, .rating],
        "min_length": [.text],
        "max_length": [.text, .textLong],
        "lines": [.textLong],
        "rank": [.ranking],
        "min_label": [.rating],
        "max_label": [.rating],
        "dont_know": Set(QuestionType.allCases).subtracting([.note, .consent, .calculate]),
        "prefer_not_to_say": Set(QuestionType.allCases).subtracting([.note, .consent, .calculate]),
        "required": Set(QuestionType.allCases).subtracting([.note, .calculate]),
        "constraint_message": Set(QuestionType.allCases).subtracting([.note, .calculate]),
        "calculate": [.calculate],
        "default": [.text, .integer, .decimal, .date, .selectOne, .yesNo, .rating],
        "pattern": [.text],
        "filter_by": [.selectOne, .selectMultiple],
        "required_message": Set(QuestionType.allCases).subtracting([.note, .calculate]),
    ]

    /// Decodes one survey. `lineOffset` and `columnOffset` move every location, for YAML embedded in Markdown.
    public static func decode(
        yaml: String, file: String, lineOffset: Int = 0, columnOffset: Int = 0
    ) -> (survey: Survey?, diagnostics: [Diagnostic]) {
        let reader = YAMLReader(file: file, lineOffset: lineOffset, columnOffset: columnOffset)
        // Syntax, alias limits and comments that cut text short are checked by the shared YAML layer.
        let document = YAMLDocument(yaml, textKeys: textKeys, maxValues: SurveyLimits.maxValues) {
            reader.location(line: $0, column: $1)
        }
        reader.diagnostics += document.diagnostics
        guard let root = document.root else {
            if !document.diagnostics.hasErrors {
                reader.error("S003", "the survey is empty", at: reader.location(line: 1, column: 1))
            }
            return (nil, reader.diagnostics)
        }
        guard root.mapping != nil else {
            reader.error("S004", "a survey must be a map of keys such as 'id', 'title' and 'sections'", at: root)
            return (nil, reader.diagnostics)
        }
        let survey = SurveyNodeDecoder(reader: reader).survey(root)
        return (survey, reader.diagnostics)
    }

    /// Reads a standalone `*.survey.yml` file.
    public static func load(file path: String) -> (Survey?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("S001", "cannot read the file", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        let text: String
        switch SourceDecoding.decode(data, path: path) {
        case .success(let decoded): text = decoded
        case .failure(let problem): return (nil, [problem])
        }
        let result = decode(yaml: text, file: path)
        return (result.survey, result.diagnostics)
    }

    /// The path of an embedded block that is only `include: <path>`, else nil.
    public static func includePath(yaml: String) -> String? {
        include(yaml: yaml)?.path
    }

    /// The `include:` of an embedded block that holds nothing else, with where its path is written.
    public static func include(yaml: String) -> SurveyInclude? {
        guard let root = try? Yams.compose(yaml: yaml, .default, .default, .utf8), let mapping = root.mapping, mapping.count == 1,
              let node = mapping["include"], let scalar = node.scalar else { return nil }
        let path = scalar.string.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { return nil }
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        return SurveyInclude(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1,
                             length: quoted ? path.count + 2 : path.count)
    }
}
