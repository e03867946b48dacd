import Prose

/// How long a survey takes to complete, read aloud on a door-step: the sum of reading and answering time.
public enum TimeEstimate {
    /// Reading aloud at about 150 words a minute.
    public static let secondsPerWord = 0.4

    /// Seconds to think and answer once a question has been read, by type.
    public static func answerSeconds(_ type: QuestionType) -> Double {
        switch type {
        case .note, .calculate: 0
        case .consent, .yesNo, .selectOne, .scale, .rating: 5
        case .integer, .decimal: 8
        case .date, .selectMultiple: 10
        case .text: 20
        case .textLong: 60
        case .ranking: 20
        }
    }

    /// Every question is counted, as if the skip logic asked them all (the longest route).
    public static func seconds(for survey: Survey) -> Double {
        let language = survey.defaultLanguage
        func words(_ text: LocalizedText?) -> Int { text.map { Readability.words($0.text(in: language)).count } ?? 0 }
        var total = Double(words(survey.introduction) + words(survey.privacyNotice)) * secondsPerWord
        for question in survey.questions where question.type != .calculate {
            var wordCount = words(question.label) + words(question.hint)
            wordCount += survey.options(for: question).reduce(0) { $0 + words($1.label) }
            total += Double(wordCount) * secondsPerWord + answerSeconds(question.type)
            if question.type == .ranking { total += 5 * Double(survey.options(for: question).count) }
        }
        return total
    }

    /// Whole minutes, rounded up.
    public static func minutes(for survey: Survey) -> Int {
        SurveyLimits.whole((seconds(for: survey) / 60).rounded(.up))
    }
}
