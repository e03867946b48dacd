import Diagnostics
import Yams

/// Reads the form-logic keys: repeats, calculations, defaults, patterns, cascades, required messages,
/// metadata and encryption. Meaning (which question a name refers to) is checked by `FormLogicChecks`.
extension SurveyNodeDecoder {
    func surveyLogic(_ fields: Fields) -> SurveyLogicSettings {
        var settings = SurveyLogicSettings()
        if let node = fields["metadata"], !reader.isNull(node) {
            settings.metadataLocation = reader.location(node)
            let items = node.sequence.map(Array.init) ?? [node]
            for item in items {
                guard let name = reader.string(item, key: "metadata") else { continue }
                guard let field = MetadataField(rawValue: name) else {
                    reader.error("S024", "'\(name)' is not a metadata field; use \(MetadataField.allCases.map(\.rawValue).joined(separator: ", "))",
                                 at: item, notes: Suggestion.note(for: name, in: MetadataField.allCases.map(\.rawValue)))
                    continue
                }
                if !settings.metadata.contains(field) { settings.metadata.append(field) }
            }
        }
        if let node = fields["public_key"], let key = reader.string(node, key: "public_key") {
            let trimmed = key.filter { !$0.isWhitespace }
            if trimmed.isEmpty || trimmed.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0))) }) {
                reader.error("S024", "'public_key' must be the base64 text of an RSA public key, without the BEGIN and END lines", at: node)
            } else {
                settings.publicKey = trimmed
            }
            settings.publicKeyLocation = reader.location(node)
        }
        if let node = fields["submission_url"], let url = reader.string(node, key: "submission_url") {
            if url.hasPrefix("https://"), !url.contains(where: \.isWhitespace), url.count > 8 {
                settings.submissionURL = url
            } else {
                reader.error("S024", "'submission_url' must be a web address starting with https://", at: node)
            }
            settings.submissionURLLocation = reader.location(node)
        }
        if let node = fields["phone_form"], let value = reader.string(node, key: "phone_form") {
            if let form = PhoneForm(rawValue: value) {
                settings.phoneForm = form
            } else {
                let names = PhoneForm.allCases.map(\.rawValue)
                reader.error("S024", "'phone_form' is who fills in the phone form: \(names.joined(separator: " or ")), not '\(value)'",
                             at: node, notes: Suggestion.note(for: value, in: names))
            }
        }
        return settings
    }

    /// `repeat: {count: household_size, max: 8}`, `repeat: {max: 8}` ("add another"), or `repeat: household_size`.
    func repeatRule(_ node: Node?) -> RepeatRule? {
        guard let node, !reader.isNull(node) else { return nil }
        var rule = RepeatRule(location: reader.location(node))
        if let scalar = node.scalar {
            if let max = Int(scalar.string) {
                rule.max = max
                rule.maxLocation = reader.location(node)
                guard max >= 1, max <= SurveyLimits.maxRepeat else {
                    reader.error("S024", "a repeat is asked from 1 to \(SurveyLimits.maxRepeat) times", at: node)
                    return nil
                }
            } else {
                rule.countQuestion = scalar.string
                rule.countLocation = reader.location(node)
            }
            return rule
        }
        guard let fields = reader.mapping(node, allowed: ["count", "max"], context: "'repeat'") else {
            reader.error("S004", "'repeat' must be a question id, a number, or a map such as {count: household_size, max: 8}", at: node)
            return nil
        }
        rule.countQuestion = reader.string(fields["count"], key: "count")
        rule.countLocation = reader.location(fields["count"])
        rule.max = reader.integer(fields["max"], key: "max", minimum: 1, maximum: SurveyLimits.maxRepeat)
        rule.maxLocation = reader.location(fields["max"])
        if rule.countQuestion == nil, rule.max == nil {
            if !fields.has("max"), !fields.has("count") {
                reader.error("S003", "'repeat' needs 'count' (an earlier number question) or 'max' (the most times)", at: node)
            }
            return nil
        }
        return rule
    }

    func questionLogic(_ question: inout Question, _ fields: Fields) {
        if let node = fields["calculate"], let text = reader.string(node, key: "calculate") {
            let location = reader.location(node)
            switch CalcParser.parse(text) {
            case .success(let expression):
                question.calculation = Calculation(text: text, expression: expression, location: location)
            case .failure(let failure):
                reader.error("S031", failure.message, at: column(failure.column, in: node))
                question.calculation = Calculation(text: text, expression: nil, location: location)
            }
        } else if question.type == .calculate, !fields.has("calculate") {
            reader.error("S003", "question '\(question.id)' is a calculation but has no 'calculate'", at: fields.keys["type"] ?? fields.node)
        }
        if let node = fields["default"], !reader.isNull(node), let scalar = node.scalar {
            let location = reader.location(node)
            let word = scalar.style == .plain ? scalar.string : nil
            switch word {
            case DefaultAnswer.todayWord?: question.defaultAnswer = DefaultAnswer(.today, location: location)
            case DefaultAnswer.lastAnswerWord?: question.defaultAnswer = DefaultAnswer(.lastAnswer, location: location)
            default: question.defaultAnswer = DefaultAnswer(.fixed(scalar.string), location: location)
            }
        } else if let node = fields["default"], !reader.isNull(node) {
            reader.error("S004", "'default' must be today, last_answer, or one value", at: node)
        }
        if let node = fields["pattern"], let text = reader.string(node, key: "pattern") {
            let location = reader.location(node)
            if let preset = PatternPreset(rawValue: text) {
                question.pattern = AnswerPattern(preset: preset, regex: preset.regex, location: location)
            } else if text.range(of: "^[a-z_]+$", options: .regularExpression) != nil {
                reader.error("S024", "'\(text)' is not a pattern preset; use \(PatternPreset.allCases.map(\.rawValue).joined(separator: ", ")) or a regular expression such as '^[0-9]{6}$'",
                             at: node, notes: Suggestion.note(for: text, in: PatternPreset.allCases.map(\.rawValue)))
            } else {
                question.pattern = AnswerPattern(regex: text, location: location)
            }
        }
        question.filterBy = reader.string(fields["filter_by"], key: "filter_by")
        question.filterByLocation = reader.location(fields["filter_by"])
        question.requiredMessage = reader.localized(fields["required_message"], key: "required_message")
        question.rankLocation = reader.location(fields["rank"])
    }

    /// Where the character at a 1-based column of a one-line scalar is; quoted scalars start one later.
    func column(_ offset: Int, in node: Node) -> SourceLocation? {
        guard let start = reader.location(node) else { return nil }
        guard let scalar = node.scalar, !scalar.string.contains("\n") else { return start }
        let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
        if scalar.style == .literal || scalar.style == .folded { return start }
        return SourceLocation(file: start.file, line: start.line, column: start.column + quote + offset - 1)
    }
}
