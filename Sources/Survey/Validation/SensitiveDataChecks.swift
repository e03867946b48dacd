import Diagnostics
import Foundation

/// Questions about people's characteristics: "prefer not to say", UK GDPR Article 9 data, and the ONS harmonised standards.
struct SensitiveDataChecks {
    let survey: Survey

    /// A topic found from a question's id and wording, and the Article 9 category it belongs to, if any.
    struct Topic {
        let name: String
        let category: SpecialCategory?
    }

    /// Phrases in the label, or whole words in the id, that mark a sensitive topic. First match wins.
    static let topics: [(name: String, category: SpecialCategory?, labelPhrases: [String], idWords: [String])] = [
        ("sexual orientation", .sexualOrientation, ["sexual orientation", "sexuality", "gay", "lesbian", "bisexual"], ["sexuality", "orientation"]),
        ("gender identity", nil, ["gender identity", "registered at birth", "trans"], ["gender_identity", "trans"]),
        ("ethnicity", .racialOrEthnicOrigin, ["ethnic", "ethnicity", "race"], ["ethnic", "ethnicity", "race"]),
        ("religion", .religiousOrPhilosophicalBeliefs, ["religion", "religious", "your faith", "your belief"], ["religion", "faith"]),
        ("health", .health, ["health condition", "illness", "disability", "disabled", "mental health", "your health", "pregnant", "pregnancy"],
         ["health", "disability", "disabled", "illness", "ltc"]),
        ("politics", .politicalOpinions, ["political", "vote for", "voted for"], ["politics", "political", "vote"]),
        ("trade union membership", .tradeUnionMembership, ["trade union"], ["union"]),
        ("sex", nil, ["your sex", "your gender", "what sex", "what gender"], ["sex", "gender"]),
        ("age", nil, ["how old", "your age", "age group", "date of birth", "year of birth"], ["age", "dob"]),
        ("income", nil, ["income", "earn", "salary", "wages", "claim benefits", "on benefits"], ["income", "earnings", "salary", "benefits"]),
    ]

    static func topic(of question: Question, in survey: Survey) -> Topic? {
        let label = WordingChecks.normalise(survey.englishText(question.label) ?? "")
        let idWords = Set(question.id.lowercased().split(separator: "_").map(String.init))
        for topic in topics {
            let byLabel = topic.labelPhrases.contains { WordingChecks.containsPhrase(label, $0) }
            let byID = topic.idWords.contains { idWords.contains($0) || question.id.lowercased() == $0 }
            if byLabel || byID { return Topic(name: topic.name, category: topic.category) }
        }
        if let category = question.specialCategory { return Topic(name: category.rawValue.replacingOccurrences(of: "_", with: " "), category: category) }
        return nil
    }

    func run(_ findings: inout Findings) {
        let questions = survey.questions
        let firstConsent = questions.firstIndex { $0.type == .consent }
        for (position, question) in questions.enumerated() where question.type.hasAnswer && question.type != .consent {
            guard let topic = Self.topic(of: question, in: survey) else { continue }
            let category = question.specialCategory ?? topic.category
            if question.preferNotToSay == nil {
                findings.warning("S205", "question '\(question.id)' asks about \(topic.name) but has no 'prefer_not_to_say'",
                                 at: question.idLocation, question: question, length: question.id.count)
            }
            if let category {
                if question.specialCategory == nil {
                    findings.warning("S215", "question '\(question.id)' looks like special-category data (\(topic.name)); add 'special_category: \(category.rawValue)'",
                                     at: question.idLocation, question: question, length: question.id.count)
                }
                let location = question.specialCategoryLocation ?? question.idLocation
                if firstConsent.map({ $0 > position }) ?? true {
                    findings.warning("S206", "question '\(question.id)' collects special-category data without a consent question before it",
                                     at: location, question: question)
                }
                if survey.privacyNotice == nil {
                    findings.warning("S206", "question '\(question.id)' collects special-category data but the survey has no 'privacy_notice'",
                                     at: location, question: question)
                }
                if question.required {
                    findings.warning("S207", "question '\(question.id)' collects special-category data, so it must not be required",
                                     at: question.requiredLocation, question: question, length: 8)
                }
            } else if question.required {
                findings.warning("S216", "question '\(question.id)' asks about \(topic.name), so it should not be required",
                                 at: question.requiredLocation, question: question, length: 8)
            }
        }
        EqualityStandards(survey: survey).run(&findings)
    }
}

/// The UK government's harmonised standards for sex, ethnic group and long-term health conditions.
struct EqualityStandards {
    let survey: Survey

    static let sexQuestion = "What is your sex?"
    static let sexOptions = ["Female", "Male"]
    static let ethnicQuestion = "What is your ethnic group?"
    static let ethnicOptions = [
        "Asian, Asian British or Asian Welsh", "Black, Black British, Black Welsh, Caribbean or African",
        "Mixed or Multiple ethnic groups", "White", "Other ethnic group",
    ]
    static let healthQuestion = "Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?"

    func run(_ findings: inout Findings) {
        for question in survey.questions where question.type.hasAnswer {
            guard let label = survey.englishText(question.label),
                  let topic = SensitiveDataChecks.topic(of: question, in: survey) else { continue }
            let options = survey.options(for: question).filter { $0.special == nil }.compactMap { survey.englishText($0.label) }
            let choicesLocation = choicesLocation(question)
            switch topic.name {
            case "sex":
                if !same(label, Self.sexQuestion) {
                    findings.warning("S214", "the sex question should read '\(Self.sexQuestion)' (ONS harmonised standard)",
                                     at: question.label.location, question: question)
                }
                if question.type != .selectOne || !sameSet(options, Self.sexOptions) {
                    findings.warning("S214", "the sex question should offer 'Female' and 'Male' (ONS harmonised standard)",
                                     at: choicesLocation, question: question)
                }
            case "ethnicity":
                if !same(label, Self.ethnicQuestion) {
                    findings.warning("S214", "the ethnic group question should read '\(Self.ethnicQuestion)' (ONS harmonised standard)",
                                     at: question.label.location, question: question)
                }
                if question.type != .selectOne || !sameSet(options, Self.ethnicOptions) {
                    findings.warning("S214", "the ethnic group question should offer the five high-level 2021 Census groups (ONS harmonised standard)",
                                     at: choicesLocation, question: question, notes: Self.ethnicOptions)
                }
            case "health" where isLongTermHealth(label, question):
                if !same(label, Self.healthQuestion) {
                    findings.warning("S214", "the long-term health question should use the ONS harmonised wording",
                                     at: question.label.location, question: question, notes: [Self.healthQuestion])
                }
                let yesNo = question.type == .yesNo || (question.type == .selectOne && sameSet(options, ["Yes", "No"]))
                if !yesNo {
                    findings.warning("S214", "the long-term health question should be answered Yes or No (ONS harmonised standard)",
                                     at: choicesLocation, question: question)
                }
            default:
                break
            }
        }
    }

    func choicesLocation(_ question: Question) -> SourceLocation? {
        switch question.choices {
        case .list(_, let location)?, .inline(_, let location)?: location ?? question.typeLocation
        case nil: question.typeLocation
        }
    }

    func isLongTermHealth(_ label: String, _ question: Question) -> Bool {
        let text = WordingChecks.normalise(label)
        return text.contains("health condition") || text.contains("illness") || text.contains("12 months")
            || question.id.lowercased().contains("long_term")
    }

    static func canonical(_ text: String) -> String {
        WordingChecks.normalise(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: " .?"))
    }

    func same(_ a: String, _ b: String) -> Bool { Self.canonical(a) == Self.canonical(b) }

    func sameSet(_ a: [String], _ b: [String]) -> Bool {
        Set(a.map(Self.canonical)) == Set(b.map(Self.canonical)) && a.count == b.count
    }
}
