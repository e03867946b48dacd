import Diagnostics
import Foundation
import Markdown
import Survey
import Yams

/// "You said, we did": what people said (with figures taken from the results), what will change, who
/// will do it and by when, in every language of the survey.
public struct Feedback: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var said: [String: String]
        public var change: [String: String]
        public var who: [String: String]
        public var when: [String: String]
        public var location: SourceLocation?
    }

    public var title: [String: String]
    public var introduction: [String: String]?
    public var contact: [String: String]?
    public var items: [Item]
    public var languages: [String]

    static let keys = ["title", "introduction", "items", "contact"]
    static let itemKeys = ["you_said", "we_will", "who", "by_when"]

    /// The survey's languages, or English for a survey that declares none.
    static func languages(of survey: Survey) -> [String] {
        survey.languages.isEmpty ? ["en"] : survey.languages.map(\.code)
    }

    public static func decode(_ text: String, file: String, survey: Survey) -> (Feedback?, [Diagnostic]) {
        var yaml = YAMLValues(file: file)
        guard let root = yaml.root(text) else { return (nil, yaml.diagnostics) }
        let languages = languages(of: survey)
        let textLanguages = survey.languages.isEmpty ? [] : languages
        func expand(_ map: [String: String]?) -> [String: String]? {
            guard let map else { return nil }
            if textLanguages.isEmpty, let only = map[""] { return ["en": only] }
            return map
        }
        var feedback = Feedback(title: [:], introduction: nil, contact: nil, items: [], languages: languages)
        var sawItems = false
        for (key, _, value) in yaml.mapping(root, allowed: keys, what: "the feedback file") {
            switch key {
            case "title": feedback.title = expand(yaml.text(value, key: key, languages: textLanguages)) ?? [:]
            case "introduction": feedback.introduction = expand(yaml.text(value, key: key, languages: textLanguages))
            case "contact": feedback.contact = expand(yaml.text(value, key: key, languages: textLanguages))
            default:
                sawItems = true
                guard let sequence = value.sequence, !sequence.isEmpty else {
                    yaml.error("R080", "'items' must be a list of things people said and what will change", at: value)
                    continue
                }
                for node in sequence {
                    var item = Item(said: [:], change: [:], who: [:], when: [:], location: yaml.location(node))
                    let fields = yaml.mapping(node, allowed: itemKeys, what: "a feedback item")
                    for required in itemKeys where !fields.contains(where: { $0.key == required }) {
                        yaml.error("R081", "this item has no '\(required)'; each item says what people said, what will change, who will do it and by when", at: node)
                    }
                    for (field, _, fieldValue) in fields {
                        let texts = expand(yaml.text(fieldValue, key: field, languages: textLanguages)) ?? [:]
                        for (_, text) in texts {
                            for problem in FigureReference.problems(in: text, survey: survey) {
                                yaml.error("R082", problem, at: fieldValue)
                            }
                        }
                        switch field {
                        case "you_said": item.said = texts
                        case "we_will": item.change = texts
                        case "who": item.who = texts
                        default: item.when = texts
                        }
                    }
                    feedback.items.append(item)
                }
            }
        }
        if feedback.title.isEmpty {
            feedback.title = Dictionary(uniqueKeysWithValues: languages.map { ($0, FeedbackHTML.words($0).defaultTitle) })
        }
        if !sawItems { yaml.error("R080", "the feedback file needs 'items': what people said and what will change", at: root) }
        return (feedback, yaml.diagnostics)
    }
}

/// `{responses}`, `{question.code}` (a count), `{question.code%}` (a share of those who answered),
/// `{question.top}` and `{question.top%}` (the "agree or strongly agree" summary of a scale).
public enum FigureReference {
    static let pattern = try? NSRegularExpression(pattern: #"\{([a-z0-9_]+)(?:\.([a-z0-9_]+))?(%?)\}"#)

    static func matches(_ text: String) -> [(range: Range<String.Index>, question: String, code: String?, percent: Bool)] {
        guard let pattern else { return [] }
        let ns = text as NSString
        return pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { match in
            guard let range = Range(match.range, in: text), let q = Range(match.range(at: 1), in: text) else { return nil }
            let code = Range(match.range(at: 2), in: text).map { String(text[$0]) }
            let percent = Range(match.range(at: 3), in: text).map { !text[$0].isEmpty } ?? false
            return (range, String(text[q]), code, percent)
        }
    }

    static func problems(in text: String, survey: Survey) -> [String] {
        matches(text).compactMap { match in
            if match.question == "responses" && match.code == nil { return nil }
            guard let question = survey.question(match.question), question.type.hasChoices || question.type == .rating else {
                return "'{\(match.question)…}' does not name a question with a list of answers in survey '\(survey.id)'"
            }
            guard let code = match.code else { return "'{\(match.question)}' needs a code, such as '{\(match.question).\(survey.options(for: question).first?.code ?? "code")%}'" }
            if code == "top" {
                return question.type == .scale ? nil : "'{\(match.question).top}' only works for a scale question"
            }
            let codes = survey.options(for: question).map(\.code)
            return codes.contains(code) ? nil : "'\(code)' is not a code of '\(match.question)'; its codes are \(codes.joined(separator: ", "))"
        }
    }

    /// The text with each reference replaced by its published figure.
    public static func resolve(_ text: String, findings: Findings, language: String) -> String {
        var result = text
        for match in matches(text).reversed() {
            result.replaceSubrange(match.range, with: figure(match.question, match.code, match.percent, findings: findings, language: language))
        }
        return result
    }

    static func figure(_ question: String, _ code: String?, _ percent: Bool, findings: Findings, language: String) -> String {
        let words = FeedbackHTML.words(language)
        if question == "responses" && code == nil { return String(findings.responses) }
        guard let table = findings.question(question), let code else { return words.few }
        let cell: Int?
        if code == "top" { cell = table.summary?.cell } else { cell = table.rows.first { $0.code == code }?.cell }
        guard let cell, findings.cells.isShown(cell), !findings.tooFew else { return words.few }
        if percent {
            guard findings.cells.isShown(table.answeredCell), let share = findings.percent(cell, of: table.answered) else { return words.few }
            return percentText(share)
        }
        return String(findings.cells.count(cell))
    }
}

/// The feedback page and the poster, as HTML fragments for the site layout and the print documents.
public enum FeedbackHTML {
    public struct Words: Sendable {
        public var defaultTitle, youSaid, weWill, who, when, few, contact, poster, page, basedOn: String
        public var posterA4, posterA3, leaflet: String
    }

    public static func words(_ language: String) -> Words {
        if language.lowercased().hasPrefix("cy") {
            return Words(defaultTitle: "Dywedoch chi, gwnaethom ni", youSaid: "Dywedoch chi", weWill: "Byddwn ni’n", who: "Pwy",
                         when: "Erbyn pryd", few: "llai na 5", contact: "Cysylltwch â ni", poster: "Gweld y poster",
                         page: "Tudalen we", basedOn: "Yn seiliedig ar atebion %d o bobl.",
                         posterA4: "Poster A4", posterA3: "Poster A3", leaflet: "Taflen A5")
        }
        return Words(defaultTitle: "You said, we did", youSaid: "You said", weWill: "We will", who: "Who", when: "By when",
                     few: "fewer than 5", contact: "Get in touch", poster: "See the poster", page: "Web page",
                     basedOn: "Based on the answers of %d people.",
                     posterA4: "Poster on A4", posterA3: "Poster on A3", leaflet: "Leaflet on A5")
    }

    public static func body(_ feedback: Feedback, findings: Findings, language: String, poster: Bool) -> String {
        let words = words(language)
        var out = poster ? "<div class=\"results-poster-sheet\">\n<h1 class=\"results-poster-title\">\(HTML.escape(feedback.title[language] ?? words.defaultTitle))</h1>\n" : ""
        if let intro = feedback.introduction?[language] {
            out += "<p class=\"results-feedback-intro\">\(HTML.escape(FigureReference.resolve(intro, findings: findings, language: language)))</p>\n"
        }
        out += "<ol class=\"results-feedback-items\">\n"
        for item in feedback.items {
            func text(_ map: [String: String]) -> String { HTML.escape(FigureReference.resolve(map[language] ?? "", findings: findings, language: language)) }
            out += "<li class=\"results-feedback-item\">\n<div class=\"results-said\"><h2>\(HTML.escape(words.youSaid))</h2><p>\(text(item.said))</p></div>\n"
            out += "<div class=\"results-did\"><h2>\(HTML.escape(words.weWill))</h2><p>\(text(item.change))</p>\n"
            out += "<dl><dt>\(HTML.escape(words.who))</dt><dd>\(text(item.who))</dd><dt>\(HTML.escape(words.when))</dt><dd>\(text(item.when))</dd></dl></div>\n</li>\n"
        }
        out += "</ol>\n"
        out += "<p class=\"results-based-on\">\(HTML.escape(String(format: words.basedOn, findings.responses)))</p>\n"
        if let contact = feedback.contact?[language] {
            out += "<p class=\"results-contact\"><strong>\(HTML.escape(words.contact)):</strong> \(HTML.escape(contact))</p>\n"
        }
        return out + (poster ? "</div>\n" : "")
    }
}
