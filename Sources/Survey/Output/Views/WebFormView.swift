/// The web form as plain values for the theme's `survey-form` and `survey-question` templates. Texts are
/// as written (the template escapes them); fields ending in `HTML` are markup the build made safe; fields
/// ending in `JSON` are the data the form's script reads.
public struct WebFormView: Sendable, Equatable {
    public var surveyID: String
    public var version: String
    public var language: String?
    public var variablesJSON: String
    public var wordingJSON: String
    public var columnsJSON: String
    public var codesJSON: String
    /// The answers filled in by the form itself (today's date), if any.
    public var metadataJSON: String?
    public var errorSummaryTitle: String
    public var entry: EntryPanelView
    public var introduction: [String]
    public var time: String?
    /// The privacy notice's heading, when the survey has a notice.
    public var privacyTitle: String?
    public var privacy: [String]
    public var contact: String?
    public var noscript: String
    /// "Questions marked (required) must be answered": the words before the marker, the marker (nil when
    /// the wording has no place for it) and the words after it.
    public var requiredNoteBefore: String
    public var requiredNoteMarker: String?
    public var requiredNoteAfter: String
    public var sections: [WebSectionView]
    public var saveLabel: String
    public var downloadLabel: String
    public var clearLabel: String
    public var typingStartLabel: String
    public var savedTitle: String
}

/// A part of the form: questions with no heading, a titled section, or a repeated section.
public struct WebSectionView: Sendable, Equatable {
    /// The section's element id, `s-<id>`.
    public var elementID: String
    /// True for a titled section that is not repeated.
    public var titled: Bool
    public var title: String
    public var description: [String]
    public var questions: [WebQuestionView]
    public var repeatBlock: WebRepeatView?
}

/// A repeated section: one block per possible member, and for "add one by one" a counter and buttons.
public struct WebRepeatView: Sendable, Equatable {
    public var sectionID: String
    /// The column that holds how many members were asked about.
    public var countName: String
    public var max: Int
    public var addsOneByOne: Bool
    public var items: [WebRepeatItemView]
    /// "Add another: Person".
    public var addLabel: String
    public var removeLabel: String
}

public struct WebRepeatItemView: Sendable, Equatable {
    public var number: Int
    public var heading: String
    public var questions: [WebQuestionView]
}

/// One question of the web form, with everything its markup and the form's script need.
public struct WebQuestionView: Sendable, Equatable {
    /// How the question is shown: a note, a worked-out value, a single box, a list of choices, a rating or a ranking.
    public enum Layout: String, Sendable, Equatable {
        case note, calculation, field, choices, rating, ranking
    }

    /// What kind of box a `field` question gets.
    public enum Field: String, Sendable, Equatable {
        case text, textarea, number, date
    }

    public var layout: Layout
    /// The question's element id, `q-<id>`.
    public var elementID: String
    /// The answer's name: the question's id (for a repeat, the member's copy such as `age_2`).
    public var name: String
    public var type: String
    public var showIfJSON: String?
    public var required: Bool
    /// `today` or `last_answer`, for the script to fill in.
    public var defaultSource: String?
    public var filterBy: String?
    public var requiredMessage: String?
    public var calculateJSON: String?
    public var checksJSON: String?
    /// A note's paragraphs.
    public var paragraphs: [String]
    public var label: String
    public var number: Int?
    /// The "(required)" marker, for a required question.
    public var requiredMarker: String?
    /// "Answer only if …", when the question is asked only after some answers.
    public var condition: String?
    public var hint: String?
    /// The ids of the condition, hint and error message, for `aria-describedby`.
    public var describedBy: String
    public var field: Field?
    public var rows: Int
    public var minLength: String?
    public var maxLength: String?
    public var min: String?
    public var max: String?
    /// For a ranking, how many options there are to rank (the highest rank).
    public var optionCount: Int
    /// A fixed default answer, the box's starting value.
    public var value: String?
    /// "Choose one." or "Tick all that apply." over the choices; how to rank over a ranking.
    public var instruction: String?
    /// `radio` or `checkbox` for a list of choices.
    public var inputType: String?
    /// The label of the box for a choice's printed code, used when typing in paper returns.
    public var codeLabel: String?
    public var choices: [WebChoiceView]
    /// A rating's lowest and highest point, each with its label if it has one.
    public var ratingStart: WebRatingEndView?
    public var ratingEnd: WebRatingEndView?
    public var ratingPoints: [WebChoiceView]
    /// "Don't know" and "Prefer not to say" for a number, text or date, kept in their own column.
    public var notAnswered: WebNotAnsweredView?
}

/// One answer to choose: a choice, a rating point, a ranked option or a "not answered" box.
public struct WebChoiceView: Sendable, Equatable {
    /// The input's element id.
    public var elementID: String
    public var code: String
    public var label: String
    public var required: Bool
    public var checked: Bool
    /// `dont_know`, `prefer_not_to_say` or `other`.
    public var special: String?
    /// The code printed on paper, typed in data entry.
    public var entry: String?
    /// In a cascade, the earlier answer this choice belongs to.
    public var parent: String?
    /// For "Other": the box to say what.
    public var other: WebOtherView?
}

public struct WebOtherView: Sendable, Equatable {
    public var elementID: String
    public var label: String
    /// The column the words go in.
    public var name: String
    /// The question it belongs to.
    public var questionName: String
}

public struct WebRatingEndView: Sendable, Equatable {
    public var value: Int
    public var label: String
}

public struct WebNotAnsweredView: Sendable, Equatable {
    /// The column the answer goes in.
    public var name: String
    /// The question it belongs to.
    public var questionName: String
    public var options: [WebChoiceView]
}

/// The panel for typing in paper returns, hidden until the form is opened with `?mode=entry`.
public struct EntryPanelView: Sendable, Equatable {
    public var title: String
    public var introduction: String
    public var formNumberField: String
    public var formNumberLabel: String
    public var requiredMarker: String
    public var formNumberHint: String
    public var volunteerField: String
    public var volunteerLabel: String
    /// Mode, outcome and first or second typing, each as radio buttons.
    public var groups: [EntryGroupView]
    public var leaveLabel: String
}

public struct EntryGroupView: Sendable, Equatable {
    public var name: String
    public var legend: String
    /// The first is chosen to begin with.
    public var options: [WebChoiceView]
}
