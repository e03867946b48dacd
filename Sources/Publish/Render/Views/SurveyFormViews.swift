import Mustache
import Survey

/// A name a view knows but has no value for. Answering with it, rather than nil, keeps a template from
/// finding the same name on an enclosing view (a question's missing `number` is not its repeat block's).
struct NoValue: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

func orNoValue(_ value: Any?) -> Any { value ?? NoValue() }

/// A view as a template engine sees it, whatever its type: one class, so a value is told to be a view by
/// one cast to a class rather than a search for a protocol conformance.
class AnyBoxed: MustacheParent, @unchecked Sendable {
    func child(named name: String) -> Any? { nil }
}

/// A view as the template engine sees it. The engine looks each name up through a cast to
/// `MustacheParent`, which copies a struct every time; a box is copied as one reference.
final class Boxed<View: TemplateView>: AnyBoxed, TemplateView, @unchecked Sendable {
    static var viewName: String { View.viewName }
    static var variables: [TemplateVariable] { View.variables }
    static var extends: (any TemplateView.Type)? { View.extends }

    let view: View

    init(_ view: View) { self.view = view }

    override func child(named name: String) -> Any? { view.child(named: name) }

    /// A list of views, typed as boxes of any view, so the renderer knows it with one cast.
    static func all(_ views: [View]) -> [AnyBoxed] { views.map { Boxed($0) } }

    static func orNoValue(_ view: View?) -> Any { view.map(Boxed.init) ?? NoValue() }
}

extension WebFormView: TemplateView {
    public static let viewName = "SurveyFormView"
    public static let variables: [TemplateVariable] = [
        .init("surveyID", .text, "the survey's id"),
        .init("version", .text, "the survey's version, \"1\" unless it says"),
        .init("language", .text, "the form's language code, if the survey names languages"),
        .init("variablesJSON", .text, "the names of the answers, as JSON for the form's script"),
        .init("wordingJSON", .text, "the script's messages in the form's language, as JSON"),
        .init("columnsJSON", .text, "the columns of the CSV download, as JSON"),
        .init("codesJSON", .text, "labels of the mode and outcome codes, as JSON"),
        .init("metadataJSON", .text, "answers the form fills in itself (today's date), as JSON, if any"),
        .init("errorSummaryTitle", .text, "heading of the list of problems shown when answers need fixing"),
        .init("entry", .object(EntryPanelView.viewName), "the panel for typing in paper returns"),
        .init("introduction", .textList, "the introduction's paragraphs"),
        .init("time", .text, "how long the survey takes, unless the introduction says"),
        .init("privacyTitle", .text, "heading of the privacy notice, if the survey has one"),
        .init("privacy", .textList, "the privacy notice's paragraphs"),
        .init("contact", .text, "who to contact, as a sentence, if the survey names someone"),
        .init("noscript", .text, "what works without JavaScript"),
        .init("requiredNoteBefore", .text, "the note that marked questions must be answered: the words before the marker"),
        .init("requiredNoteMarker", .text, "the marker in the note, such as \"(required)\"; none when the wording has no place for it"),
        .init("requiredNoteAfter", .text, "the note's words after the marker"),
        .init("sections", .list(WebSectionView.viewName), "the form's sections in order"),
        .init("saveLabel", .text, "the save button"),
        .init("downloadLabel", .text, "the download button"),
        .init("clearLabel", .text, "the clear button"),
        .init("typingStartLabel", .text, "the link that opens the form for typing in paper returns"),
        .init("savedTitle", .text, "heading of the list of answers saved in this browser"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "surveyID": surveyID
        case "version": version
        case "language": orNoValue(language)
        case "variablesJSON": variablesJSON
        case "wordingJSON": wordingJSON
        case "columnsJSON": columnsJSON
        case "codesJSON": codesJSON
        case "metadataJSON": orNoValue(metadataJSON)
        case "errorSummaryTitle": errorSummaryTitle
        case "entry": Boxed(entry)
        case "introduction": introduction
        case "time": orNoValue(time)
        case "privacyTitle": orNoValue(privacyTitle)
        case "privacy": privacy
        case "contact": orNoValue(contact)
        case "noscript": noscript
        case "requiredNoteBefore": requiredNoteBefore
        case "requiredNoteMarker": orNoValue(requiredNoteMarker)
        case "requiredNoteAfter": requiredNoteAfter
        case "sections": Boxed.all(sections)
        case "saveLabel": saveLabel
        case "downloadLabel": downloadLabel
        case "clearLabel": clearLabel
        case "typingStartLabel": typingStartLabel
        case "savedTitle": savedTitle
        default: nil
        }
    }
}

extension WebSectionView: TemplateView {
    public static let viewName = "SurveySectionView"
    public static let variables: [TemplateVariable] = [
        .init("elementID", .text, "the section's element id, s- and the section's id"),
        .init("untitled", .flag, "true for the questions before any titled section"),
        .init("titled", .flag, "true for a titled section that is not repeated"),
        .init("title", .text, "the section's title"),
        .init("description", .textList, "the section's description, paragraph by paragraph"),
        .init("questions", .list(WebQuestionView.viewName), "the questions of a section that is not repeated"),
        .init("repeatBlock", .object(WebRepeatView.viewName), "for a repeated section: its blocks, one per member"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "elementID": elementID
        case "untitled": !titled && repeatBlock == nil
        case "titled": titled
        case "title": title
        case "description": description
        case "questions": Boxed.all(questions)
        case "repeatBlock": Boxed.orNoValue(repeatBlock)
        default: nil
        }
    }
}

extension WebRepeatView: TemplateView {
    public static let viewName = "SurveyRepeatView"
    public static let variables: [TemplateVariable] = [
        .init("sectionID", .text, "the section's id"),
        .init("countName", .text, "the answer that says how many members there are"),
        .init("max", .number, "the most members the form asks about"),
        .init("addsOneByOne", .flag, "true when members are added with a button rather than by an earlier count"),
        .init("items", .list(WebRepeatItemView.viewName), "one block per possible member"),
        .init("addLabel", .text, "the button that adds a member"),
        .init("removeLabel", .text, "the button that removes the last member"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "sectionID": sectionID
        case "countName": countName
        case "max": max
        case "addsOneByOne": addsOneByOne
        case "items": Boxed.all(items)
        case "addLabel": addLabel
        case "removeLabel": removeLabel
        default: nil
        }
    }
}

extension WebRepeatItemView: TemplateView {
    public static let viewName = "SurveyRepeatItemView"
    public static let variables: [TemplateVariable] = [
        .init("number", .number, "the member's number, from 1"),
        .init("heading", .text, "the block's heading, such as \"Person 2\""),
        .init("questions", .list(WebQuestionView.viewName), "the member's questions"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "heading": heading
        case "questions": Boxed.all(questions)
        default: nil
        }
    }
}

extension WebQuestionView: TemplateView {
    public static let viewName = "SurveyQuestionView"
    public static let variables: [TemplateVariable] = [
        .init("elementID", .text, "the question's element id, q- and the answer's name"),
        .init("name", .text, "the answer's name: the question's id, or a member's copy such as age_2"),
        .init("type", .text, "the question's type, such as select_one or integer"),
        .init("isNote", .flag, "true for a note, which asks nothing"),
        .init("isCalculation", .flag, "true for a value worked out from other answers"),
        .init("isAsked", .flag, "true for a question with an answer to give"),
        .init("isField", .flag, "true for a single box: text, long text, number or date"),
        .init("isFieldset", .flag, "true for a group of inputs: choices, a rating or a ranking"),
        .init("isText", .flag, "true for a one-line text box"),
        .init("isTextarea", .flag, "true for a long text box"),
        .init("isNumber", .flag, "true for a number box"),
        .init("isInteger", .flag, "true when the number must be whole"),
        .init("isDate", .flag, "true for a date box"),
        .init("isChoices", .flag, "true for choices to tick"),
        .init("isRating", .flag, "true for a rating scale"),
        .init("isRanking", .flag, "true for options to put in order"),
        .init("showIfJSON", .text, "when the question is asked, as JSON for the form's script"),
        .init("required", .flag, "true when the question must be answered"),
        .init("defaultSource", .text, "today or last_answer, for the script to fill in"),
        .init("filterBy", .text, "the earlier answer a cascade's choices depend on"),
        .init("requiredMessage", .text, "the survey's own message for a missing answer"),
        .init("calculateJSON", .text, "how a worked-out value is calculated, as JSON"),
        .init("checksJSON", .text, "the checks on the answer and their message, as JSON"),
        .init("paragraphs", .textList, "a note's paragraphs"),
        .init("label", .text, "the question"),
        .init("number", .number, "the question's number"),
        .init("requiredMarker", .text, "the \"(required)\" marker of a required question"),
        .init("condition", .text, "when to answer, as a sentence, for a question asked only after some answers"),
        .init("hint", .text, "the question's hint"),
        .init("describedBy", .text, "the ids of the condition, hint and error message"),
        .init("rows", .number, "the lines of a long text box"),
        .init("minLength", .text, "the fewest characters of a text answer"),
        .init("maxLength", .text, "the most characters of a text answer"),
        .init("min", .text, "the lowest number allowed"),
        .init("max", .text, "the highest number allowed"),
        .init("value", .text, "a fixed default answer"),
        .init("optionCount", .number, "for a ranking, how many options there are"),
        .init("instruction", .text, "how to answer: \"Choose one.\", \"Tick all that apply.\" or how to rank"),
        .init("inputType", .text, "radio or checkbox, for choices"),
        .init("codeLabel", .text, "the label of the box for a choice's printed code, used in data entry"),
        .init("choices", .list(WebChoiceView.viewName), "the choices, or the options to rank"),
        .init("ratingStart", .object(WebRatingEndView.viewName), "a rating's lowest point and its label"),
        .init("ratingEnd", .object(WebRatingEndView.viewName), "a rating's highest point and its label"),
        .init("ratingPoints", .list(WebChoiceView.viewName), "a rating's points"),
        .init("notAnswered", .object(WebNotAnsweredView.viewName), "\"Don't know\" and \"Prefer not to say\" for a box"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "elementID": elementID
        case "name": self.name
        case "type": type
        case "isNote": layout == .note
        case "isCalculation": layout == .calculation
        case "isAsked": layout != .note && layout != .calculation
        case "isField": layout == .field
        case "isFieldset": layout == .choices || layout == .rating || layout == .ranking
        case "isText": field == .text
        case "isTextarea": field == .textarea
        case "isNumber": field == .number
        case "isInteger": type == QuestionType.integer.rawValue
        case "isDate": field == .date
        case "isChoices": layout == .choices
        case "isRating": layout == .rating
        case "isRanking": layout == .ranking
        case "showIfJSON": orNoValue(showIfJSON)
        case "required": required
        case "defaultSource": orNoValue(defaultSource)
        case "filterBy": orNoValue(filterBy)
        case "requiredMessage": orNoValue(requiredMessage)
        case "calculateJSON": orNoValue(calculateJSON)
        case "checksJSON": orNoValue(checksJSON)
        case "paragraphs": paragraphs
        case "label": label
        case "number": orNoValue(number)
        case "requiredMarker": orNoValue(requiredMarker)
        case "condition": orNoValue(condition)
        case "hint": orNoValue(hint)
        case "describedBy": describedBy
        case "rows": rows
        case "minLength": orNoValue(minLength)
        case "maxLength": orNoValue(maxLength)
        case "min": orNoValue(min)
        case "max": orNoValue(max)
        case "value": orNoValue(value)
        case "optionCount": optionCount
        case "instruction": orNoValue(instruction)
        case "inputType": orNoValue(inputType)
        case "codeLabel": orNoValue(codeLabel)
        case "choices": Boxed.all(choices)
        case "ratingStart": Boxed.orNoValue(ratingStart)
        case "ratingEnd": Boxed.orNoValue(ratingEnd)
        case "ratingPoints": Boxed.all(ratingPoints)
        case "notAnswered": Boxed.orNoValue(notAnswered)
        default: nil
        }
    }
}

extension WebChoiceView: TemplateView {
    public static let viewName = "SurveyChoiceView"
    public static let variables: [TemplateVariable] = [
        .init("elementID", .text, "the input's element id"),
        .init("code", .text, "the answer's code, the input's value"),
        .init("label", .text, "the choice"),
        .init("required", .flag, "true when one of the choices must be chosen"),
        .init("checked", .flag, "true when chosen to begin with"),
        .init("special", .text, "dont_know, prefer_not_to_say or other"),
        .init("entry", .text, "the code printed on paper, typed in data entry"),
        .init("parent", .text, "in a cascade, the earlier answer the choice belongs to"),
        .init("other", .object(WebOtherView.viewName), "for \"Other\": the box to say what"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "elementID": elementID
        case "code": code
        case "label": label
        case "required": required
        case "checked": checked
        case "special": orNoValue(special)
        case "entry": orNoValue(entry)
        case "parent": orNoValue(parent)
        case "other": Boxed.orNoValue(other)
        default: nil
        }
    }
}

extension WebOtherView: TemplateView {
    public static let viewName = "SurveyOtherView"
    public static let variables: [TemplateVariable] = [
        .init("elementID", .text, "the box's element id"),
        .init("label", .text, "\"Please specify\""),
        .init("name", .text, "the column the words go in"),
        .init("questionName", .text, "the question it belongs to"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "elementID": elementID
        case "label": label
        case "name": self.name
        case "questionName": questionName
        default: nil
        }
    }
}

extension WebRatingEndView: TemplateView {
    public static let viewName = "SurveyRatingEndView"
    public static let variables: [TemplateVariable] = [
        .init("value", .number, "the point"),
        .init("label", .text, "what the point means"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        default: nil
        }
    }
}

extension WebNotAnsweredView: TemplateView {
    public static let viewName = "SurveyNotAnsweredView"
    public static let variables: [TemplateVariable] = [
        .init("name", .text, "the column the answer goes in"),
        .init("questionName", .text, "the question it belongs to"),
        .init("options", .list(WebChoiceView.viewName), "the boxes to tick"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "questionName": questionName
        case "options": Boxed.all(options)
        default: nil
        }
    }
}

extension EntryPanelView: TemplateView {
    public static let viewName = "SurveyEntryPanelView"
    public static let variables: [TemplateVariable] = [
        .init("title", .text, "the panel's heading"),
        .init("introduction", .text, "what the panel is for"),
        .init("formNumberField", .text, "the column of the paper form's number"),
        .init("formNumberLabel", .text, "the label of the form number box"),
        .init("requiredMarker", .text, "the \"(required)\" marker"),
        .init("formNumberHint", .text, "the hint of the form number box"),
        .init("volunteerField", .text, "the column of the volunteer's id"),
        .init("volunteerLabel", .text, "the label of the volunteer box"),
        .init("groups", .list(EntryGroupView.viewName), "mode, outcome and first or second typing"),
        .init("leaveLabel", .text, "the link back to the plain form"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "introduction": introduction
        case "formNumberField": formNumberField
        case "formNumberLabel": formNumberLabel
        case "requiredMarker": requiredMarker
        case "formNumberHint": formNumberHint
        case "volunteerField": volunteerField
        case "volunteerLabel": volunteerLabel
        case "groups": Boxed.all(groups)
        case "leaveLabel": leaveLabel
        default: nil
        }
    }
}

extension EntryGroupView: TemplateView {
    public static let viewName = "SurveyEntryGroupView"
    public static let variables: [TemplateVariable] = [
        .init("name", .text, "the field: mode, outcome or pass"),
        .init("legend", .text, "the group's question"),
        .init("options", .list(WebChoiceView.viewName), "the radio buttons; the first is chosen to begin with"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "legend": legend
        case "options": Boxed.all(options)
        default: nil
        }
    }
}
