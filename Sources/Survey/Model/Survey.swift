import Diagnostics

/// A whole survey as the author wrote it, with the source location of every node that a finding can point at.
public struct Survey: Sendable, Equatable {
    public var id: String
    public var title: LocalizedText
    public var version: String?
    public var languages: [Language]
    public var introduction: LocalizedText?
    public var privacyNotice: LocalizedText?
    public var contact: LocalizedText?
    public var estimatedMinutes: Int?
    /// The survey's named lists of choices; as with `sections`, every change rebuilds the index by name.
    public var choiceLists: [ChoiceList] { didSet { listPlaces = Self.firstPlaces(of: choiceLists.map(\.name)) } }
    private var listPlaces: [String: Int] = [:]
    /// The survey's sections and, in them, its questions. Every change rebuilds `places`, so build the sections
    /// first and assign them whole rather than changing them question by question.
    public var sections: [Section] { didSet { places = Places(sections) } }
    /// Where each question id is, so a question is found by its id at once, not by a search through the survey:
    /// outputs look up the question of every condition and every variable, and a search each time made a
    /// survey of 4,000 questions take 13 s to build.
    private var places = Places([])
    public var allow: [Allowance]
    /// Metadata, encryption and where forms are sent.
    public var logic = SurveyLogicSettings()
    /// The text the outputs add, in every language: Doorstep's tables with the project's own on top.
    public var wording: Wording = .builtIn

    /// The file the survey came from (the Markdown file for an embedded block).
    public var file: String
    public var location: SourceLocation?
    public var idLocation: SourceLocation?
    public var estimatedMinutesLocation: SourceLocation?
    public var languagesLocation: SourceLocation?

    public init(id: String, title: LocalizedText, file: String) {
        self.id = id
        self.title = title
        self.file = file
        self.languages = []
        self.choiceLists = []
        self.sections = []
        self.allow = []
    }

    public var questions: [Question] { sections.flatMap(\.questions) }

    /// The first question with this id.
    public func question(_ id: String) -> Question? {
        places.first[id].map { sections[$0.section].questions[$0.question] }
    }

    /// The repeated section a question belongs to: the first that holds a question with this id.
    public func repeatSection(of questionID: String) -> Section? {
        places.firstInRepeat[questionID].map { sections[$0] }
    }

    /// Each question id's first place (a section's index and the question's index in it), and the first
    /// repeated section holding it. An id given twice is an error the validator reports; the first is used.
    struct Places: Sendable, Equatable {
        struct Place: Sendable, Equatable {
            let section: Int
            let question: Int
        }
        var first: [String: Place] = [:]
        var firstInRepeat: [String: Int] = [:]

        init(_ sections: [Section]) {
            for (sectionIndex, section) in sections.enumerated() {
                for (questionIndex, question) in section.questions.enumerated() {
                    if first[question.id] == nil { first[question.id] = Place(section: sectionIndex, question: questionIndex) }
                    if section.repeatRule != nil && firstInRepeat[question.id] == nil { firstInRepeat[question.id] = sectionIndex }
                }
            }
        }
    }

    /// The first declared language; nil for a survey that declares none.
    public var defaultLanguage: String? { languages.first?.code }

    /// The first list of choices with this name.
    public func choiceList(_ name: String) -> ChoiceList? { listPlaces[name].map { choiceLists[$0] } }

    /// Each name's first position.
    static func firstPlaces(of names: [String]) -> [String: Int] {
        var places: [String: Int] = [:]
        for (index, name) in names.enumerated() where places[name] == nil { places[name] = index }
        return places
    }

    /// 1-based numbers of the questions people answer or read, as printed on paper.
    public var questionNumbers: [String: Int] {
        var numbers: [String: Int] = [:]
        var next = 1
        for question in questions where question.type.isAsked {
            numbers[question.id] = next
            next += 1
        }
        return numbers
    }
}
