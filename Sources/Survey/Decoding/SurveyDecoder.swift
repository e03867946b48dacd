import Diagnostics
import Foundation
import Yams

/// Turns survey YAML into a `Survey`, reporting syntax and structure problems at the node they concern.
/// Meaning (ids, references, wording) is checked afterwards by `SurveyValidator`.
public enum SurveyDecoder {
    static let surveyKeys = [
        "id", "title", "version", "languages", "introduction", "privacy_notice", "contact", "estimated_minutes",
        "choices", "sections", "questions", "allow", "metadata", "public_key", "submission_url",
    ]
    static let sectionKeys = ["id", "title", "description", "questions", "repeat", "item_label"]
    static let questionKeys = [
        "id", "type", "label", "hint", "required", "show_if", "prefer_not_to_say", "dont_know", "other",
        "constraint_message", "special_category", "allow", "choices", "scale", "min", "max", "min_length",
        "max_length", "lines", "rank", "min_label", "max_label", "calculate", "default", "pattern", "filter_by",
        "required_message",
    ]
    static let choiceKeys = ["code", "label", "entry", "parent"]

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
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                reader.error("S003", "the survey is empty", at: reader.location(line: 1, column: 1))
                return (nil, reader.diagnostics)
            }
            root = node
        } catch {
            return (nil, [syntaxDiagnostic(error, yaml: yaml, reader: reader)])
        }
        guard root.mapping != nil else {
            reader.error("S004", "a survey must be a map of keys such as 'id', 'title' and 'sections'", at: root)
            return (nil, reader.diagnostics)
        }
        // A few aliases that use each other can stand for billions of values; refuse them before walking them.
        guard valueCount(root, limit: SurveyLimits.maxValues) <= SurveyLimits.maxValues else {
            reader.error("S024", "the survey has more than \(SurveyLimits.maxValues) values once its aliases (*name) are expanded",
                         at: reader.location(root))
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
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [.error("S001", "the file is not UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1))])
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
        guard let root = try? Yams.compose(yaml: yaml), let mapping = root.mapping, mapping.count == 1,
              let node = mapping["include"], let scalar = node.scalar else { return nil }
        let path = scalar.string.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { return nil }
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        return SurveyInclude(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1,
                             length: quoted ? path.count + 2 : path.count)
    }

    /// How many values (keys, scalars, lists and maps) the tree holds, counting up to just past `limit`.
    static func valueCount(_ root: Node, limit: Int) -> Int {
        var count = 0
        var pending = [root]
        while count <= limit, let node = pending.popLast() {
            count += 1
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping { pending += [key, value] }
            case .sequence(let sequence):
                pending += Array(sequence)
            case .scalar, .alias:
                break
            }
        }
        return count
    }

    static func syntaxDiagnostic(_ error: Error, yaml: String, reader: YAMLReader) -> Diagnostic {
        YAMLSyntax.diagnostic(error, yaml: yaml, code: "S001", lineOffset: reader.lineOffset) { reader.location(line: $0, column: $1) }
    }
}
