/// One column of the data: what the codebook documents, the CSV export writes and XLSForm names.
public struct SurveyVariable: Sendable, Equatable {
    public enum Role: String, Sendable, Equatable {
        /// The question's own answer.
        case answer
        /// The text typed after "Other — please specify".
        case otherText = "other_text"
        /// "Don't know" or "Prefer not to say" for a question whose answer is a number, text or date.
        case notAnswered = "not_answered"
    }

    public var name: String
    public var questionID: String
    public var role: Role
    /// The question type as authors write it (`select_one`, `integer`, …), or `text`/`select_one` for added columns.
    public var type: String
    public var label: LocalizedText
    public var codes: [Choice]
    /// The ODK `relevant` expression, when the column is only sometimes asked.
    public var relevant: String?
}

extension Survey {
    /// Every data column in order: each answered question, followed by its added columns.
    public var variables: [SurveyVariable] {
        var result: [SurveyVariable] = []
        for question in questions where question.type.hasAnswer {
            let relevant = SkipLogic.relevant(for: question, in: self)
            result.append(SurveyVariable(name: question.id, questionID: question.id, role: .answer, type: question.type.rawValue,
                                         label: question.label, codes: options(for: question), relevant: relevant))
            if question.type.hasChoices, question.other != nil {
                result.append(SurveyVariable(
                    name: ExtraColumns.otherName(question), questionID: question.id, role: .otherText, type: "text",
                    label: pleaseSpecifyLabel, codes: [], relevant: "selected(${\(question.id)}, 'other')"))
            }
            let notAnswered = notAnsweredOptions(for: question)
            if !notAnswered.isEmpty {
                let empty = "${\(question.id)} = ''"
                result.append(SurveyVariable(
                    name: ExtraColumns.notAnsweredName(question), questionID: question.id, role: .notAnswered, type: "select_one",
                    label: question.label, codes: notAnswered, relevant: relevant.map { "(\($0)) and \(empty)" } ?? empty))
            }
        }
        return result
    }
}
