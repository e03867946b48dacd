import Diagnostics
import Foundation

/// Checks on the shape of questions: numeric bands, balanced scales, paper length and completion time.
struct DesignChecks {
    let survey: Survey

    static let maxPaperOptions = 10
    static let maxMinutes = 10

    func run(_ findings: inout Findings) {
        for question in survey.questions {
            let options = survey.options(for: question)
            if options.count > Self.maxPaperOptions {
                findings.warning("S213", "question '\(question.id)' has \(options.count) options; on paper keep to \(Self.maxPaperOptions) or fewer",
                                 at: choicesLocation(question), question: question)
            }
            if question.type.hasChoices { checkBands(question, options: options.filter { $0.special == nil }, &findings) }
            if question.type == .scale, case .some = question.choices { checkBalance(question, options: options, &findings) }
        }
        checkTime(&findings)
    }

    func choicesLocation(_ question: Question) -> SourceLocation? {
        switch question.choices {
        case .list(_, let location)?, .inline(_, let location)?: location ?? question.typeLocation
        case nil: question.typeLocation
        }
    }

    func checkTime(_ findings: inout Findings) {
        let minutes = TimeEstimate.minutes(for: survey)
        if let stated = survey.estimatedMinutes, minutes > stated {
            findings.warning("S211", "the questions take about \(minutes) minutes, more than the \(stated) in 'estimated_minutes'",
                             at: survey.estimatedMinutesLocation, question: nil)
        }
        if minutes > Self.maxMinutes {
            findings.warning("S212", "the questions take about \(minutes) minutes; keep a survey to \(Self.maxMinutes) minutes or less",
                             at: survey.location, question: nil)
        } else if let stated = survey.estimatedMinutes, stated > Self.maxMinutes {
            findings.warning("S212", "'estimated_minutes' is \(stated); keep a survey to \(Self.maxMinutes) minutes or less",
                             at: survey.estimatedMinutesLocation, question: nil)
        }
    }

    func checkBands(_ question: Question, options: [Choice], _ findings: inout Findings) {
        let bands = options.compactMap { choice -> (Choice, Band)? in
            guard let text = survey.englishText(choice.label) ?? Optional(choice.label.text(in: survey.defaultLanguage)),
                  let band = Band(text) else { return nil }
            return (choice, band)
        }
        // Only lists that are mostly bands are banded answers.
        guard bands.count >= 2, bands.count * 2 > options.count else { return }
        let sorted = bands.sorted { ($0.1.low, $0.1.high) < ($1.1.low, $1.1.high) }
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            let a = previous.0.label.text(in: survey.defaultLanguage), b = next.0.label.text(in: survey.defaultLanguage)
            if next.1.low <= previous.1.high {
                findings.warning("S208", "the bands '\(a)' and '\(b)' overlap", at: next.0.location ?? choicesLocation(question),
                                 question: question)
            } else if next.1.low > previous.1.high + 1 {
                findings.warning("S209", "there is a gap between the bands '\(a)' and '\(b)'",
                                 at: next.0.location ?? choicesLocation(question), question: question)
            }
        }
    }

    func checkBalance(_ question: Question, options: [Choice], _ findings: inout Findings) {
        var positive = 0, negative = 0
        for choice in options where choice.special == nil {
            switch Polarity(survey.englishText(choice.label) ?? "") {
            case .positive: positive += 1
            case .negative: negative += 1
            case .neutral, .unknown: break
            }
        }
        if positive != negative, positive + negative > 0 {
            findings.warning("S210", "the scale has \(positive) positive and \(negative) negative options; balance them around the middle",
                             at: choicesLocation(question), question: question)
        }
    }
}

/// A numeric band read from an option label: "16 to 24", "25-34", "Under 16", "65 or over", "£10,000 to £19,999".
/// A label with a number above `SurveyLimits.largestNumber` is not a band, so the arithmetic on bands cannot overflow.
struct Band {
    let low: Int
    let high: Int

    enum Shape: CaseIterable {
        case between, under, upTo, orUnder, orOver, over

        var pattern: String {
            switch self {
            case .between: #"^\s*(?:between\s+)?(\d+)\s*(?:-|to|and)\s*(\d+)\b"#
            case .under: #"^\s*(?:under|less than|below|fewer than)\s+(\d+)\b"#
            case .upTo: #"^\s*(?:up to)\s+(\d+)\b"#
            case .orUnder: #"^\s*(\d+)\s*(?:or|and)\s+(?:under|less|fewer|younger|below)\b"#
            case .orOver: #"^\s*(\d+)\s*(?:\+|(?:or|and)\s+(?:over|more|older|above))"#
            case .over: #"^\s*(?:over|more than|above)\s+(\d+)\b"#
            }
        }
    }

    /// Compiled once: checking a survey reads every option label.
    static let patterns: [(Shape, NSRegularExpression)] = Shape.allCases.compactMap { shape in
        (try? NSRegularExpression(pattern: shape.pattern)).map { (shape, $0) }
    }

    init?(_ label: String) {
        let text = label.lowercased().replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "£", with: "")
            .replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
        let range = NSRange(text.startIndex..., in: text)
        guard let (shape, match) = Self.patterns.lazy.compactMap({ shape, regex in
            regex.firstMatch(in: text, range: range).map { (shape, $0) }
        }).first else { return nil }
        let numbers = (1..<match.numberOfRanges).compactMap { index in
            Range(match.range(at: index), in: text).flatMap { Int(text[$0]) }
        }
        guard numbers.count == match.numberOfRanges - 1, numbers.allSatisfy({ $0 <= SurveyLimits.largestNumber }) else {
            return nil
        }
        switch shape {
        case .between: (low, high) = (numbers[0], numbers[1])
        case .under: (low, high) = (Int.min / 2, numbers[0] - 1)
        case .upTo, .orUnder: (low, high) = (Int.min / 2, numbers[0])
        case .orOver: (low, high) = (numbers[0], Int.max / 2)
        case .over: (low, high) = (numbers[0] + 1, Int.max / 2)
        }
    }
}

/// Whether a scale option leans positive or negative, from the words it uses.
enum Polarity {
    case positive, negative, neutral, unknown

    static let negativeWords: Set<String> = [
        "disagree", "dissatisfied", "unsatisfied", "unlikely", "poor", "bad", "worse", "worst", "never", "rarely",
        "unhappy", "unsafe", "difficult", "hard", "unimportant", "terrible", "awful", "no", "not", "seldom", "less",
    ]
    static let neutralWords: Set<String> = ["neither", "neutral", "same", "sometimes", "mixed", "unsure", "undecided", "nor"]

    init(_ label: String) {
        let words = Set(label.lowercased().split { !$0.isLetter }.map(String.init))
        if words.isEmpty { self = .unknown }
        else if !words.isDisjoint(with: Self.neutralWords) { self = .neutral }
        else if !words.isDisjoint(with: Self.negativeWords) { self = .negative }
        else { self = .positive }
    }
}
