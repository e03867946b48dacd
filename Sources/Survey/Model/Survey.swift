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
    public var choiceLists: [ChoiceList]
    public var sections: [Section]
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

    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }

    /// The first declared language; nil for a survey that declares none.
    public var defaultLanguage: String? { languages.first?.code }

    public func choiceList(_ name: String) -> ChoiceList? { choiceLists.first { $0.name == name } }

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
