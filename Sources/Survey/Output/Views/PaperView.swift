/// The paper questionnaire as plain values for the theme's `survey-paper` and `survey-paper-question`
/// templates. Texts are as written; the template escapes them.
public struct PaperView: Sendable, Equatable {
    public var surveyID: String
    public var language: String?
    /// "For office use: form …, version …".
    public var officeUse: String
    public var responseNumberLabel: String
    public var introduction: [String]
    public var time: String?
    public var contact: String?
    /// The privacy notice's heading, when the survey has a notice.
    public var privacyTitle: String?
    public var privacy: [String]
    public var howTitle: String
    public var howRound: String
    public var howSquare: String
    public var howArrow: String
    public var howCodes: String
    public var sections: [PaperSectionView]
    public var end: String
}

public struct PaperSectionView: Sendable, Equatable {
    /// Nil for the questions that come before any titled section.
    public var title: String?
    public var description: [String]
    public var questions: [PaperQuestionView]
    /// For a repeated section: how many blocks there are, and the blocks.
    public var repeatNote: String?
    public var repeatItems: [PaperRepeatItemView]
}

public struct PaperRepeatItemView: Sendable, Equatable {
    public var heading: String
    public var questions: [PaperQuestionView]
}

/// One printed question, or a note for the interviewer to read out.
public struct PaperQuestionView: Sendable, Equatable {
    /// How the answer is written: boxes to tick, a rating, boxes for digits, a date, or ruled lines.
    public enum Answer: String, Sendable, Equatable {
        case none, options, rating, digits, date, lines
    }

    public var isNote: Bool
    /// A note's paragraphs.
    public var paragraphs: [String]
    /// The element id, `paper-<id>` and for a member of a repeat `_2`.
    public var elementID: String
    public var type: String
    /// "Q3".
    public var numberLabel: String
    public var label: String
    /// "Answer only if …" (or "Read out only if …" for a note).
    public var condition: String?
    public var hint: String?
    public var instruction: String?
    public var answer: Answer
    /// True when one box may be ticked (round boxes), false when several may.
    public var tickOne: Bool
    public var options: [PaperOptionView]
    public var ratingStart: String?
    public var ratingEnd: String?
    public var ratingPoints: [Int]
    /// One value per box to write a digit in.
    public var digits: [Int]
    public var dateParts: [PaperDatePartView]
    /// One value per ruled line.
    public var lines: [Int]
    /// "Don't know" and "Prefer not to say" for a number, text or date.
    public var notAnswered: [PaperOptionView]
}

public struct PaperOptionView: Sendable, Equatable {
    /// In a cascade, the earlier answer this option and the ones after it belong to.
    public var group: String?
    /// `round`, `square` or `write` (a box to write a rank in).
    public var box: String
    public var label: String
    /// "go to Q7", when this answer skips questions.
    public var route: String?
    /// The code typed in from this box.
    public var code: String
    /// For "Other": the label of the line to say what.
    public var other: String?
}

public struct PaperDatePartView: Sendable, Equatable {
    public var label: String
    public var digits: [Int]
}
