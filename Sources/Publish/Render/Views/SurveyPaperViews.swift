import Mustache
import Survey

extension PaperView: TemplateView {
    public static let viewName = "SurveyPaperView"
    public static let variables: [TemplateVariable] = [
        .init("surveyID", .text, "the survey's id"),
        .init("language", .text, "the questionnaire's language code, if the survey names languages"),
        .init("officeUse", .text, "the form and version, for office use"),
        .init("responseNumberLabel", .text, "the label of the box for the response number"),
        .init("introduction", .textList, "the introduction's paragraphs"),
        .init("time", .text, "how long the survey takes, unless the introduction says"),
        .init("contact", .text, "who to contact, as a sentence, if the survey names someone"),
        .init("privacyTitle", .text, "heading of the privacy notice, if the survey has one"),
        .init("privacy", .textList, "the privacy notice's paragraphs"),
        .init("howTitle", .text, "heading of the instructions for filling in"),
        .init("howRound", .text, "what a round box means"),
        .init("howSquare", .text, "what a square box means"),
        .init("howArrow", .text, "what an arrow means"),
        .init("howCodes", .text, "what the small numbers are for"),
        .init("sections", .list(PaperSectionView.viewName), "the questionnaire's sections in order"),
        .init("end", .text, "the closing words"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "surveyID": surveyID
        case "language": orNoValue(language)
        case "officeUse": officeUse
        case "responseNumberLabel": responseNumberLabel
        case "introduction": introduction
        case "time": orNoValue(time)
        case "contact": orNoValue(contact)
        case "privacyTitle": orNoValue(privacyTitle)
        case "privacy": privacy
        case "howTitle": howTitle
        case "howRound": howRound
        case "howSquare": howSquare
        case "howArrow": howArrow
        case "howCodes": howCodes
        case "sections": Boxed.all(sections)
        case "end": end
        default: nil
        }
    }
}

extension PaperSectionView: TemplateView {
    public static let viewName = "SurveyPaperSectionView"
    public static let variables: [TemplateVariable] = [
        .init("title", .text, "the section's title; none for the questions before any titled section"),
        .init("description", .textList, "the section's description, paragraph by paragraph"),
        .init("questions", .list(PaperQuestionView.viewName), "the questions of a section that is not repeated"),
        .init("repeatNote", .text, "for a repeated section: how many blocks there are"),
        .init("repeatItems", .list(PaperRepeatItemView.viewName), "for a repeated section: one block per member"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "title": orNoValue(title)
        case "description": description
        case "questions": Boxed.all(questions)
        case "repeatNote": orNoValue(repeatNote)
        case "repeatItems": Boxed.all(repeatItems)
        default: nil
        }
    }
}

extension PaperRepeatItemView: TemplateView {
    public static let viewName = "SurveyPaperRepeatItemView"
    public static let variables: [TemplateVariable] = [
        .init("heading", .text, "the block's heading, such as \"Person 2\""),
        .init("questions", .list(PaperQuestionView.viewName), "the member's questions"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "questions": Boxed.all(questions)
        default: nil
        }
    }
}

extension PaperQuestionView: TemplateView {
    public static let viewName = "SurveyPaperQuestionView"
    public static let variables: [TemplateVariable] = [
        .init("isNote", .flag, "true for a note for the interviewer to read out"),
        .init("paragraphs", .textList, "a note's paragraphs"),
        .init("elementID", .text, "the element id, paper- and the question's id (and _2 for member 2)"),
        .init("type", .text, "the question's type, such as select_one or integer"),
        .init("numberLabel", .text, "the question's number, such as Q3"),
        .init("label", .text, "the question"),
        .init("condition", .text, "when to answer (or read out), as a sentence"),
        .init("hint", .text, "the question's hint"),
        .init("instruction", .text, "how to answer: \"Tick one\", \"Write a number\", …"),
        .init("isOptions", .flag, "true for boxes to tick or rank"),
        .init("tickOne", .flag, "true when one box may be ticked, false when several may"),
        .init("options", .list(PaperOptionView.viewName), "the boxes to tick or rank"),
        .init("isRating", .flag, "true for a rating scale"),
        .init("ratingStart", .text, "the label of a rating's lowest point"),
        .init("ratingEnd", .text, "the label of a rating's highest point"),
        .init("ratingPoints", .numberList, "a rating's points"),
        .init("isDigits", .flag, "true for boxes to write a number in"),
        .init("digits", .numberList, "one value per digit box"),
        .init("isDate", .flag, "true for a date"),
        .init("dateParts", .list(PaperDatePartView.viewName), "day, month and year"),
        .init("isLines", .flag, "true for ruled lines to write on"),
        .init("lines", .numberList, "one value per ruled line"),
        .init("hasNotAnswered", .flag, "true when \"Don't know\" or \"Prefer not to say\" is offered for a box"),
        .init("notAnswered", .list(PaperOptionView.viewName), "\"Don't know\" and \"Prefer not to say\""),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "isNote": isNote
        case "paragraphs": paragraphs
        case "elementID": elementID
        case "type": type
        case "numberLabel": numberLabel
        case "label": label
        case "condition": orNoValue(condition)
        case "hint": orNoValue(hint)
        case "instruction": orNoValue(instruction)
        case "isOptions": answer == .options
        case "tickOne": tickOne
        case "options": Boxed.all(options)
        case "isRating": answer == .rating
        case "ratingStart": orNoValue(ratingStart)
        case "ratingEnd": orNoValue(ratingEnd)
        case "ratingPoints": ratingPoints
        case "isDigits": answer == .digits
        case "digits": digits
        case "isDate": answer == .date
        case "dateParts": Boxed.all(dateParts)
        case "isLines": answer == .lines
        case "lines": lines
        case "hasNotAnswered": !notAnswered.isEmpty
        case "notAnswered": Boxed.all(notAnswered)
        default: nil
        }
    }
}

extension PaperOptionView: TemplateView {
    public static let viewName = "SurveyPaperOptionView"
    public static let variables: [TemplateVariable] = [
        .init("group", .text, "in a cascade, the heading of the group this option starts"),
        .init("box", .text, "round, square or write (a box to write a rank in)"),
        .init("label", .text, "the option"),
        .init("route", .text, "where this answer sends the reader, such as \"go to Q7\""),
        .init("code", .text, "the code typed in from this box"),
        .init("other", .text, "for \"Other\": the label of the line to say what"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "group": orNoValue(group)
        case "box": box
        case "label": label
        case "route": orNoValue(route)
        case "code": code
        case "other": orNoValue(other)
        default: nil
        }
    }
}

extension PaperDatePartView: TemplateView {
    public static let viewName = "SurveyPaperDatePartView"
    public static let variables: [TemplateVariable] = [
        .init("label", .text, "day, month or year"),
        .init("digits", .numberList, "one value per digit box"),
    ]

    public func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "digits": digits
        default: nil
        }
    }
}
