import Markdown
import Foundation

/// The survey as an accessible HTML form, made into values for the theme's templates. The form reads and
/// prints without JavaScript; `survey.js` adds skip logic, checks, saving answers in the browser and the
/// CSV download.
public enum WebForm {
    public static func view(_ survey: Survey) -> WebFormView {
        view(survey, language: survey.defaultLanguage)
    }

    /// The form in one of the survey's languages, every added text from the survey's wording table.
    public static func view(_ survey: Survey, language: String?) -> WebFormView {
        WebFormBuilder(survey: survey, language: language).form()
    }
}

struct WebFormBuilder {
    let survey: Survey
    let language: String?
    let numbers: [String: Int]
    /// Each repeated section's questions, member by member.
    let members: [String: [AskedQuestion]]

    init(survey: Survey, language: String? = nil) {
        self.survey = survey
        self.language = language ?? survey.defaultLanguage
        var numbers = survey.questionNumbers
        var members: [String: [AskedQuestion]] = [:]
        for asked in survey.askedQuestions where asked.instance != nil {
            numbers[asked.question.id] = numbers[asked.source.id]
            members[asked.sectionID, default: []].append(asked)
        }
        self.numbers = numbers
        self.members = members
    }

    func text(_ value: LocalizedText?) -> String { value?.text(in: language) ?? "" }

    /// An added text in the form's language.
    func say(_ key: WordingKey, _ values: [String: String] = [:]) -> String {
        survey.wording.text(key, in: language, values)
    }

    /// The script's own messages in the form's language, for `survey.js`.
    var scriptWording: [String: String] {
        Dictionary(uniqueKeysWithValues: WordingKey.allCases.filter { $0.group == "script" }.map {
            (String($0.rawValue.dropFirst("script.".count)), survey.wording.text($0, in: language))
        })
    }

    /// Paragraphs from text written with blank lines between them.
    func paragraphs(_ value: LocalizedText?) -> [String] {
        (value?.text(in: language) ?? "").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    static func json(_ value: JSONValue) -> String { value.written() }

    func form() -> WebFormView {
        let time = survey.estimatedMinutes.flatMap { minutes in
            Instructions.mentionsTime(survey.introduction, language: language) ? nil
                : say(minutes == 1 ? .webTimeOne : .webTimeMany, ["minutes": String(minutes)])
        }
        let marker = say(.webRequired)
        let note = say(.webRequiredNote)
        let place = note.range(of: "{required}")
        return WebFormView(
            surveyID: survey.id, version: survey.version ?? "1", language: language,
            variablesJSON: Self.json(JSONValue(survey.variables.map(\.name))), wordingJSON: Self.json(JSONValue(scriptWording)),
            columnsJSON: Self.json(.array(DataShape.columns(survey).map { JSONValue(Self.columnJSON($0)) })),
            codesJSON: Self.json(.object(codeLabels.mapValues(JSONValue.init))),
            metadataJSON: survey.logic.metadata.contains(.today) ? Self.json(JSONValue([MetadataField.today.rawValue])) : nil,
            errorSummaryTitle: say(.webErrorSummaryTitle), entry: entryPanel(),
            introduction: paragraphs(survey.introduction), time: time,
            privacyTitle: survey.privacyNotice == nil ? nil : say(.webPrivacyTitle), privacy: paragraphs(survey.privacyNotice),
            contact: survey.contact == nil ? nil : say(.webContact, ["contact": text(survey.contact)]),
            noscript: say(.webNoscript),
            requiredNoteBefore: place.map { String(note[..<$0.lowerBound]) } ?? note, requiredNoteMarker: place.map { _ in marker },
            requiredNoteAfter: place.map { Wording.fill(String(note[$0.upperBound...]), ["required": marker]) } ?? "",
            sections: survey.sections.map(section),
            saveLabel: say(.webSave), downloadLabel: say(.webDownload), clearLabel: say(.webClear),
            typingStartLabel: say(.entryStart), savedTitle: say(.entrySavedTitle))
    }

    func section(_ section: Section) -> WebSectionView {
        let repeated = section.repeatRule.map { _ in repeatBlock(section) }
        return WebSectionView(elementID: "s-\(section.id)", titled: !section.isImplicit && repeated == nil,
                              title: text(section.title ?? LocalizedText(section.id)), description: paragraphs(section.description),
                              questions: repeated == nil ? section.questions.map { question($0) } : [], repeatBlock: repeated)
    }

    func question(_ question: Question, shownCondition: Condition?? = nil, member: AskedQuestion? = nil) -> WebQuestionView {
        let id = "q-\(question.id)"
        var view = WebQuestionView(
            layout: .note, elementID: id, name: question.id, type: question.type.rawValue,
            showIfJSON: question.showIf.map { Self.json(SkipLogic.json($0, in: survey)) }, required: question.required,
            defaultSource: nil, filterBy: question.filterBy, requiredMessage: nil, calculateJSON: nil, checksJSON: nil,
            paragraphs: [], label: text(question.label), number: numbers[question.id],
            requiredMarker: question.required ? say(.webRequired) : nil, condition: nil, hint: nil, describedBy: "",
            field: nil, rows: 0, minLength: question.minLength?.text, maxLength: question.maxLength?.text,
            min: question.min?.text, max: question.max?.text, optionCount: 0, value: Self.fixedDefault(question), instruction: nil,
            inputType: nil, codeLabel: nil, choices: [], ratingStart: nil, ratingEnd: nil, ratingPoints: [], notAnswered: nil)
        addLogic(question, member: member, to: &view)
        if question.type == .calculate {
            view.layout = .calculation
            return view
        }
        view.checksJSON = checks(question)
        if question.type == .note {
            view.paragraphs = paragraphs(question.label)
            return view
        }
        var describedBy: [String] = []
        if let condition = shownCondition ?? question.showIf {
            describedBy.append("\(id)-condition")
            view.condition = say(.webCondition, ["condition": SkipLogic.sentence(condition, in: survey, numbers: numbers, language: language)])
        }
        if let hint = Instructions.hint(question.hint, language: language) {
            describedBy.append("\(id)-hint")
            view.hint = text(hint)
        }
        describedBy.append("\(id)-error")
        view.describedBy = describedBy.joined(separator: " ")
        view.notAnswered = notAnswered(question, id: id)

        switch question.type {
        case .text, .textLong, .integer, .decimal, .date:
            view.layout = .field
            view.field = switch question.type {
            case .textLong: .textarea
            case .integer, .decimal: .number
            case .date: .date
            default: .text
            }
            view.rows = max(3, question.answerLines)
        case .rating:
            view.layout = .rating
            view.codeLabel = say(.entryCode)
            let points = question.ratingPoints
            view.ratingStart = question.minLabel.map { WebRatingEndView(value: points.lowerBound, label: text($0)) }
            view.ratingEnd = question.maxLabel.map { WebRatingEndView(value: points.upperBound, label: text($0)) }
            view.ratingPoints = points.map { value in
                Self.choice("\(id)-\(value)", code: String(value), label: String(value), required: question.required,
                            checked: Self.isDefault(String(value), of: question))
            }
        case .ranking:
            view.layout = .ranking
            let options = survey.options(for: question)
            let many = (question.rank ?? options.count) > 2
            view.instruction = question.rank.map { say(many ? .webRankManyUpTo : .webRankTwoUpTo, ["rank": String($0)]) }
                ?? say(many ? .webRankMany : .webRankTwo)
            view.optionCount = options.count
            view.choices = options.map { Self.choice("\(id)-\($0.code)", code: $0.code, label: text($0.label)) }
        default:
            view.layout = .choices
            view.codeLabel = say(.entryCode)
            let multiple = question.type == .selectMultiple
            view.inputType = multiple ? "checkbox" : "radio"
            view.instruction = say(multiple ? .webTickAll : .webChooseOne)
            view.choices = survey.options(for: question).map { option in
                var choice = Self.choice("\(id)-\(option.code)", code: option.code, label: text(option.label),
                                         required: question.required && !multiple, checked: Self.isDefault(option.code, of: question))
                choice.special = option.special?.rawValue
                choice.entry = option.entry.map(String.init)
                choice.parent = option.parent
                if option.special == .other {
                    choice.other = WebOtherView(elementID: "\(id)-other-text", label: text(survey.pleaseSpecifyLabel),
                                                name: ExtraColumns.otherName(question), questionName: question.id)
                }
                return choice
            }
        }
        return view
    }

    static func choice(_ id: String, code: String, label: String, required: Bool = false, checked: Bool = false) -> WebChoiceView {
        WebChoiceView(elementID: id, code: code, label: label, required: required, checked: checked, special: nil, entry: nil, parent: nil, other: nil)
    }

    /// The checks the script makes on an answer, with the message it shows when one fails.
    func checks(_ question: Question) -> String? {
        var checks: [String: JSONValue] = [:]
        if let min = question.min { checks["min"] = .double(min.value) }
        if let max = question.max { checks["max"] = .double(max.value) }
        if let min = question.minLength { checks["min_length"] = .int(SurveyLimits.whole(min.value)) }
        if let max = question.maxLength { checks["max_length"] = .int(SurveyLimits.whole(max.value)) }
        if question.type == .integer { checks["integer"] = true }
        if question.type == .selectMultiple, question.dontKnow != nil || question.preferNotToSay != nil {
            checks["exclusive"] = JSONValue([SpecialOption.dontKnow.code, SpecialOption.preferNotToSay.code])
        }
        if let rank = question.rank { checks["rank"] = .int(rank) }
        if let pattern = question.pattern { checks["pattern"] = .string(pattern.regex) }
        guard !checks.isEmpty else { return nil }
        let (_, bounds) = Constraints.constraint(for: question, in: survey)
        let generated = bounds ?? LogicConstraints.constraint(for: question, in: survey).1
        if let message = question.constraintMessage ?? generated { checks["message"] = .string(message.text(in: language)) }
        return Self.json(.object(checks))
    }

    /// "Don't know" and "Prefer not to say" for a number, text or date, stored in their own column.
    func notAnswered(_ question: Question, id: String) -> WebNotAnsweredView? {
        let options = survey.notAnsweredOptions(for: question)
        guard !options.isEmpty else { return nil }
        return WebNotAnsweredView(name: ExtraColumns.notAnsweredName(question), questionName: question.id, options: options.map { option in
            var choice = Self.choice("\(id)-na-\(option.code)", code: option.code, label: text(option.label))
            choice.entry = option.entry.map(String.init)
            return choice
        })
    }
}
