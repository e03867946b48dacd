/// One column of the data: what the codebook documents, the CSV export writes and XLSForm names.
public struct SurveyVariable: Sendable, Equatable {
    public enum Role: String, Sendable, Equatable {
        /// The question's own answer.
        case answer
        /// The text typed after "Other — please specify".
        case otherText = "other_text"
        /// "Don't know" or "Prefer not to say" for a question whose answer is a number, text or date.
        case notAnswered = "not_answered"
        /// Recorded by the phone or the browser, not asked: `today`, `deviceid`, `username`.
        case metadata
        /// How many members a repeated section was asked about, when the form adds them one by one.
        case repeatCount = "repeat_count"
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
    /// The field's name in the XLSForm when it differs: `age` inside the repeat for the column `age_2`.
    public var xlsFormName: String? = nil
    /// The member number of a repeated section's column.
    public var instance: Int? = nil
}

extension Survey {
    /// Every data column in order: each answered question, followed by its added columns.
    public var variables: [SurveyVariable] {
        var result = metadataVariables
        var countsWritten: Set<String> = []
        for asked in askedQuestions where asked.question.type.hasAnswer {
            let question = asked.question
            let source = asked.source
            if let instance = asked.instance, instance == 1, let section = section(asked.sectionID), repeatAddsOneByOne(section),
               let name = repeatCountName(section), countsWritten.insert(name).inserted {
                result.append(SurveyVariable(name: name, questionID: name, role: .repeatCount, type: QuestionType.integer.rawValue,
                                             label: section.title ?? LocalizedText(section.id), codes: [], relevant: nil))
            }
            // XLSForm keeps one field per repeated question, with the condition as written.
            let relevant = SkipLogic.relevant(for: source, in: self)
            let xlsName: (String) -> String? = { asked.instance == nil ? nil : $0 }
            var label = question.label
            if let instance = asked.instance, let section = section(asked.sectionID) {
                label = Self.joined(question.label, memberHeading(section, instance))
            }
            result.append(SurveyVariable(name: question.id, questionID: question.id, role: .answer, type: question.type.rawValue,
                                         label: label, codes: options(for: question), relevant: relevant,
                                         xlsFormName: xlsName(source.id), instance: asked.instance))
            if question.type.hasChoices, question.other != nil {
                result.append(SurveyVariable(
                    name: ExtraColumns.otherName(question), questionID: question.id, role: .otherText, type: "text",
                    label: pleaseSpecifyLabel, codes: [], relevant: "selected(${\(source.id)}, 'other')",
                    xlsFormName: xlsName(ExtraColumns.otherName(source)), instance: asked.instance))
            }
            let notAnswered = notAnsweredOptions(for: question)
            if !notAnswered.isEmpty {
                // Asked beside the answer, on the same screen; it is not a second required question.
                result.append(SurveyVariable(
                    name: ExtraColumns.notAnsweredName(question), questionID: question.id, role: .notAnswered, type: "select_one",
                    label: label, codes: notAnswered, relevant: relevant,
                    xlsFormName: xlsName(ExtraColumns.notAnsweredName(source)), instance: asked.instance))
            }
        }
        return result
    }

    /// "Age (Person 2)", language by language.
    static func joined(_ text: LocalizedText, _ suffix: LocalizedText) -> LocalizedText {
        LocalizedText(entries: text.entries.map { entry in
            LocalizedText.Entry(language: entry.language, text: "\(entry.text) (\(suffix.text(in: entry.language)))")
        })
    }

    /// The phone's own records the survey asks for; `start` and `end` are kept with every response already.
    public var metadataVariables: [SurveyVariable] {
        logic.metadata.filter { !MetadataField.responseFields.contains($0) }.map { field in
            SurveyVariable(name: field.rawValue, questionID: field.rawValue, role: .metadata, type: field.dataType,
                           label: LocalizedText(field.meaning), codes: [], relevant: nil)
        }
    }
}
