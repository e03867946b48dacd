import Diagnostics
import Yams

/// Walks the YAML tree of one survey; structure errors go to the shared reader.
struct SurveyNodeDecoder {
    let reader: YAMLReader

    func survey(_ root: Node) -> Survey? {
        guard let fields = reader.mapping(root, allowed: SurveyDecoder.surveyKeys, context: "the survey") else { return nil }
        let id = reader.string(fields["id"], key: "id")
        let title = reader.localized(fields["title"], key: "title")
        if id == nil { missing("id", in: fields, owner: "the survey") }
        if title == nil { missing("title", in: fields, owner: "the survey") }

        var survey = Survey(id: id ?? "", title: title ?? LocalizedText(""), file: reader.file)
        survey.location = reader.location(root)
        survey.idLocation = reader.location(fields["id"])
        survey.version = reader.string(fields["version"], key: "version")
        survey.languages = languages(fields["languages"])
        survey.languagesLocation = reader.location(fields["languages"])
        survey.introduction = reader.localized(fields["introduction"], key: "introduction")
        survey.privacyNotice = reader.localized(fields["privacy_notice"], key: "privacy_notice")
        survey.contact = reader.localized(fields["contact"], key: "contact")
        survey.estimatedMinutes = reader.integer(fields["estimated_minutes"], key: "estimated_minutes", minimum: 1)
        survey.estimatedMinutesLocation = reader.location(fields["estimated_minutes"])
        survey.choiceLists = choiceLists(fields["choices"])
        survey.allow = allowances(fields["allow"])
        survey.logic = surveyLogic(fields)

        if let sectionsNode = fields["sections"] {
            if fields.has("questions") {
                reader.error("S004", "write questions either inside 'sections' or under 'questions', not both",
                             at: fields.keys["questions"])
            }
            survey.sections = sections(sectionsNode)
        } else if let questionsNode = fields["questions"] {
            // Top-level `questions:` is a survey with one untitled section.
            survey.sections = [Section(id: "questions", questions: questions(questionsNode),
                                       location: reader.location(questionsNode), isImplicit: true)]
        } else {
            missing("sections", in: fields, owner: "the survey")
        }
        return survey
    }

    func missing(_ key: String, in fields: Fields, owner: String) {
        reader.error("S003", "\(owner) has no '\(key)'", at: fields.keys[key] ?? fields.node)
    }

    func languages(_ node: Node?) -> [Language] {
        guard let node, !reader.isNull(node) else { return [] }
        guard let mapping = node.mapping else {
            reader.error("S004", "'languages' must map language codes to names, such as {en: English}", at: node)
            return []
        }
        var result: [Language] = []
        for (codeNode, nameNode) in mapping {
            guard let code = codeNode.scalar?.string, let name = nameNode.scalar?.string, !reader.isNull(nameNode) else {
                reader.error("S004", "'languages' must map language codes to names, such as {en: English}", at: nameNode)
                continue
            }
            if code.range(of: "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", options: .regularExpression) == nil {
                reader.error("S005", "'\(code)' is not a language code such as 'en' or 'cy'", at: codeNode)
                continue
            }
            result.append(Language(code: code, name: name, location: reader.location(codeNode)))
        }
        return result
    }

    func choiceLists(_ node: Node?) -> [ChoiceList] {
        guard let node, !reader.isNull(node) else { return [] }
        guard let mapping = node.mapping else {
            reader.error("S004", "'choices' at the top of a survey must map list names to lists of choices", at: node)
            return []
        }
        var lists: [ChoiceList] = []
        for (nameNode, listNode) in mapping {
            guard let name = nameNode.scalar?.string else {
                reader.error("S004", "choice list names must be plain words", at: nameNode)
                continue
            }
            var list = ChoiceList(name: name, choices: choices(listNode, key: name), location: reader.location(nameNode))
            list.location = reader.location(nameNode)
            lists.append(list)
        }
        return lists
    }

    func choices(_ node: Node, key: String) -> [Choice] {
        guard let sequence = node.sequence else {
            reader.error("S004", "'\(key)' must be a list of choices such as {code: better, label: Better}", at: node)
            return []
        }
        return sequence.compactMap { choice($0) }
    }

    func choice(_ node: Node) -> Choice? {
        guard let fields = reader.mapping(node, allowed: SurveyDecoder.choiceKeys, context: "a choice") else {
            reader.error("S004", "a choice must be a map such as {code: better, label: Better}", at: node)
            return nil
        }
        let codeNode = fields["code"]
        let code = reader.string(codeNode, key: "code")
        let label = reader.localized(fields["label"], key: "label")
        if code == nil { missing("code", in: fields, owner: "a choice") }
        if label == nil { missing("label", in: fields, owner: "a choice") }
        guard let code, let label else { return nil }
        var choice = Choice(
            code: code, label: label, entry: reader.integer(fields["entry"], key: "entry", minimum: 0),
            location: reader.location(node), codeLocation: reader.location(codeNode),
            entryLocation: reader.location(fields["entry"]),
            codeIsUnquotedBoolean: codeNode.map(reader.isUnquotedBoolean) ?? false
        )
        choice.parent = reader.string(fields["parent"], key: "parent")
        choice.parentLocation = reader.location(fields["parent"])
        return choice
    }

    func sections(_ node: Node) -> [Section] {
        guard let sequence = node.sequence else {
            reader.error("S004", "'sections' must be a list", at: node)
            return []
        }
        if sequence.isEmpty { reader.error("S041", "'sections' is empty: add at least one section with questions", at: node) }
        return sequence.compactMap { sectionNode in
            guard let fields = reader.mapping(sectionNode, allowed: SurveyDecoder.sectionKeys, context: "a section") else {
                reader.error("S004", "a section must be a map with 'id', 'title' and 'questions'", at: sectionNode)
                return nil
            }
            let id = reader.string(fields["id"], key: "id")
            if id == nil { missing("id", in: fields, owner: "a section") }
            guard let questionsNode = fields["questions"] else {
                missing("questions", in: fields, owner: "section '\(id ?? "")'")
                return nil
            }
            var section = Section(
                id: id ?? "", title: reader.localized(fields["title"], key: "title"),
                description: reader.localized(fields["description"], key: "description"),
                questions: questions(questionsNode), location: reader.location(sectionNode),
                idLocation: reader.location(fields["id"])
            )
            section.repeatRule = repeatRule(fields["repeat"])
            section.itemLabel = reader.localized(fields["item_label"], key: "item_label")
            if section.itemLabel != nil, section.repeatRule == nil {
                reader.error("S025", "'item_label' names the blocks of a repeated section; add 'repeat' or remove it", at: fields.keys["item_label"])
            }
            return section
        }
    }

    func questions(_ node: Node) -> [Question] {
        guard let sequence = node.sequence else {
            reader.error("S004", "'questions' must be a list", at: node)
            return []
        }
        if sequence.isEmpty { reader.error("S041", "'questions' is empty: add at least one question", at: node) }
        return sequence.compactMap(question)
    }

    func question(_ node: Node) -> Question? {
        guard let fields = reader.mapping(node, allowed: SurveyDecoder.questionKeys, context: "a question") else {
            reader.error("S004", "a question must be a map with 'id', 'type' and 'label'", at: node)
            return nil
        }
        let id = reader.string(fields["id"], key: "id")
        let owner = id.map { "question '\($0)'" } ?? "a question"
        let typeName = reader.string(fields["type"], key: "type")
        let label = reader.localized(fields["label"], key: "label")
        if id == nil { missing("id", in: fields, owner: "a question") }
        if typeName == nil { missing("type", in: fields, owner: owner) }
        if label == nil { missing("label", in: fields, owner: owner) }
        guard let id, let typeName else { return nil }
        guard let type = QuestionType(rawValue: typeName) else {
            unknownType(typeName, node: fields["type"])
            return nil
        }
        guard let label else { return nil }

        for (key, types) in SurveyDecoder.keysByType where fields.has(key) && !types.contains(type) {
            reader.error("S025", "'\(key)' does not apply to a '\(type.rawValue)' question", at: fields.keys[key])
        }

        var question = Question(id: id, type: type, label: label)
        question.location = reader.location(node)
        question.idLocation = reader.location(fields["id"])
        question.typeLocation = reader.location(fields["type"])
        question.hint = reader.localized(fields["hint"], key: "hint")
        question.required = reader.bool(fields["required"], key: "required") ?? false
        question.requiredLocation = reader.location(fields.keys["required"])
        if let conditionNode = fields["show_if"] {
            question.showIf = ConditionDecoder(reader: reader).condition(conditionNode)
        }
        if let choicesNode = fields["choices"], !reader.isNull(choicesNode) {
            if let name = choicesNode.scalar?.string {
                question.choices = .list(name: name, location: reader.location(choicesNode))
            } else {
                question.choices = .inline(choices(choicesNode, key: "choices"), location: reader.location(choicesNode))
            }
        }
        question.scale = reader.string(fields["scale"], key: "scale")
        question.scaleLocation = reader.location(fields["scale"])
        question.other = specialOption(fields["other"], key: "other")
        question.dontKnow = specialOption(fields["dont_know"], key: "dont_know")
        question.preferNotToSay = specialOption(fields["prefer_not_to_say"], key: "prefer_not_to_say")
        question.min = reader.number(fields["min"], key: "min")
        question.max = reader.number(fields["max"], key: "max")
        question.minLength = reader.integer(fields["min_length"], key: "min_length", minimum: 0).map {
            NumberValue(value: Double($0), text: String($0), location: reader.location(fields["min_length"]))
        }
        question.maxLength = reader.integer(fields["max_length"], key: "max_length", minimum: 1).map {
            NumberValue(value: Double($0), text: String($0), location: reader.location(fields["max_length"]))
        }
        question.lines = reader.integer(fields["lines"], key: "lines", minimum: 1, maximum: SurveyLimits.maxLines)
        question.rank = reader.integer(fields["rank"], key: "rank", minimum: 1)
        question.minLabel = reader.localized(fields["min_label"], key: "min_label")
        question.maxLabel = reader.localized(fields["max_label"], key: "max_label")
        question.constraintMessage = reader.localized(fields["constraint_message"], key: "constraint_message")
        if let categoryNode = fields["special_category"], let name = reader.string(categoryNode, key: "special_category") {
            if let category = SpecialCategory(rawValue: name) {
                question.specialCategory = category
            } else {
                let names = SpecialCategory.allCases.map(\.rawValue)
                reader.error("S024", "'\(name)' is not a special category of data", at: categoryNode,
                             notes: Suggestion.note(for: name, in: names))
            }
            question.specialCategoryLocation = reader.location(categoryNode)
        }
        question.allow = allowances(fields["allow"])
        questionLogic(&question, fields)
        return question
    }

    func unknownType(_ name: String, node: Node?) {
        var notes = Suggestion.note(for: name, in: QuestionType.allCases.map(\.rawValue))
        let words = name.split(separator: " ")
        if words.count == 2, ["select_one", "select_multiple"].contains(String(words[0])) {
            notes = ["write 'type: \(words[0])' and 'choices: \(words[1])'"]
        }
        reader.error("S010", "unknown question type '\(name)'", at: node, notes: notes)
    }

    /// `true` for the built-in wording, `false` for none, or the author's own label.
    func specialOption(_ node: Node?, key: String) -> SpecialOptionRequest? {
        guard let node, !reader.isNull(node) else { return nil }
        if let scalar = node.scalar, scalar.style == .plain,
           ["true", "false", "yes", "no", "on", "off"].contains(scalar.string.lowercased()) {
            return ["true", "yes", "on"].contains(scalar.string.lowercased())
                ? SpecialOptionRequest(location: reader.location(node)) : nil
        }
        guard let label = reader.localized(node, key: key) else { return nil }
        return SpecialOptionRequest(label: label, location: reader.location(node))
    }

    func allowances(_ node: Node?) -> [Allowance] {
        guard let node, !reader.isNull(node) else { return [] }
        guard let mapping = node.mapping else {
            reader.error("S004", "'allow' must map warning codes to reasons, such as {S201: \"reason\"}", at: node)
            return []
        }
        return mapping.compactMap { codeNode, reasonNode in
            guard let code = codeNode.scalar?.string else { return nil }
            let reason = reasonNode.scalar.map { reader.isNull(reasonNode) ? "" : $0.string } ?? ""
            return Allowance(code: code, reason: reason, location: reader.location(codeNode))
        }
    }
}
