import Diagnostics

/// A section asked once for each member of a group, such as each person in the household.
public struct RepeatRule: Sendable, Equatable {
    /// An earlier whole-number question that says how many times ("How many people live here?").
    public var countQuestion: String?
    public var countLocation: SourceLocation?
    /// The most times it can be asked; paper prints this many blocks.
    public var max: Int?
    public var maxLocation: SourceLocation?
    public var location: SourceLocation?

    public init(countQuestion: String? = nil, countLocation: SourceLocation? = nil, max: Int? = nil,
                maxLocation: SourceLocation? = nil, location: SourceLocation? = nil) {
        self.countQuestion = countQuestion
        self.countLocation = countLocation
        self.max = max
        self.maxLocation = maxLocation
        self.location = location
    }
}

/// What a question holds before anyone answers it.
public struct DefaultAnswer: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Today's date, for a date question.
        case today
        /// The answer given in the last response saved on this device: the area, the volunteer.
        case lastAnswer
        /// A fixed value, such as a code or a number.
        case fixed(String)
    }

    public var kind: Kind
    public var location: SourceLocation?

    public init(_ kind: Kind, location: SourceLocation? = nil) {
        self.kind = kind
        self.location = location
    }

    /// The words authors write for the two computed defaults.
    public static let todayWord = "today"
    public static let lastAnswerWord = "last_answer"
}

/// A pattern an answer must match, written as a named preset or a regular expression.
public struct AnswerPattern: Sendable, Equatable {
    public var preset: PatternPreset?
    public var regex: String
    public var location: SourceLocation?

    public init(preset: PatternPreset? = nil, regex: String, location: SourceLocation? = nil) {
        self.preset = preset
        self.regex = regex
        self.location = location
    }
}

/// Patterns for answers groups often collect, written so that ODK (Java) and browsers (JavaScript) read them alike.
public enum PatternPreset: String, Sendable, Equatable, CaseIterable {
    case ukPostcode = "uk_postcode"
    case ukPhone = "uk_phone"
    case email

    public var regex: String {
        switch self {
        // Outward code (A9, A99, AA9, AA99, A9A, AA9A), an optional space, inward code (9AA).
        case .ukPostcode: "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"
        // 0 or +44, then 9 or 10 more digits, spaces allowed between them.
        case .ukPhone: "^(\\+44 ?|0)([0-9] ?){8,9}[0-9]$"
        // Something, @, something with a dot in it; no spaces.
        case .email: "^[^@ ]+@[^@ ]+\\.[^@ ]+$"
        }
    }

    /// The wording of the message shown when an answer does not match, unless the author gives a
    /// `constraint_message`.
    public var messageKey: WordingKey {
        switch self {
        case .ukPostcode: .logicPatternUKPostcode
        case .ukPhone: .logicPatternUKPhone
        case .email: .logicPatternEmail
        }
    }
}

/// A value worked out from earlier answers (`calculate: adults + children`).
public struct Calculation: Sendable, Equatable {
    public var text: String
    public var expression: CalcExpression?
    public var location: SourceLocation?

    public init(text: String, expression: CalcExpression?, location: SourceLocation? = nil) {
        self.text = text
        self.expression = expression
        self.location = location
    }
}

/// The small arithmetic that `calculate:` allows: numbers, earlier answers, + - * /, brackets,
/// `count(section)` for the times a repeated section was asked and `sum(question)` over a repeat.
public indirect enum CalcExpression: Sendable, Equatable {
    case number(String)
    case reference(String, column: Int)
    case negate(CalcExpression)
    case binary(Character, CalcExpression, CalcExpression)
    case count(String, column: Int)
    case sum(String, column: Int)

    /// Every question or section id the expression names, with the column (1-based, in the text) where it is.
    public var references: [(name: String, column: Int, function: String?)] {
        switch self {
        case .number: []
        case .reference(let name, let column): [(name, column, nil)]
        case .negate(let inner): inner.references
        case .binary(_, let left, let right): left.references + right.references
        case .count(let name, let column): [(name, column, "count")]
        case .sum(let name, let column): [(name, column, "sum")]
        }
    }
}

/// Facts about the interview that ODK Collect and KoboToolbox record by themselves.
public enum MetadataField: String, Sendable, Equatable, CaseIterable {
    case start
    case end
    case today
    case deviceid
    case username

    /// What the codebook says the column holds.
    public var meaning: String {
        switch self {
        case .start: "when the form was opened (date and time)"
        case .end: "when the form was finished (date and time)"
        case .today: "the day of the interview"
        case .deviceid: "the phone or tablet that collected the form"
        case .username: "the volunteer's user name, as set on the phone"
        }
    }

    /// Fields every response carries whatever the survey asks (the web form records them too).
    public static let responseFields: Set<MetadataField> = [.start, .end]

    public var dataType: String {
        switch self {
        case .start, .end: "datetime"
        case .today: "date"
        case .deviceid, .username: "text"
        }
    }
}

/// The logic keys a survey may have at the top level.
public enum PhoneForm: String, Sendable, Equatable, CaseIterable {
    case doorToDoor = "door-to-door"
    case selfCompletion = "self-completion"
}

public struct SurveyLogicSettings: Sendable, Equatable {
    public var metadata: [MetadataField] = []
    public var metadataLocation: SourceLocation?
    /// An RSA public key (base64) that ODK Collect and KoboToolbox encrypt each submission with.
    public var publicKey: String?
    public var publicKeyLocation: SourceLocation?
    public var submissionURL: String?
    public var submissionURLLocation: SourceLocation?
    /// Who fills in the phone form: a volunteer at the door (who records how the visit went) or people
    /// answering for themselves, from a KoboToolbox or ODK web link (who are never asked about a visit).
    public var phoneForm: PhoneForm = .doorToDoor

    public init() {}
}
