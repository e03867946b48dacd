import Diagnostics
import Survey
import Yams

/// `results:` in site.yml: where response files live and the smallest count a page may show.
public struct ResultsSettings: Sendable, Equatable {
    public var folder: String = "results"
    public var threshold: Int = 5
    /// Set when site.yml has a `results:` key; a build then makes reports even before any file arrives.
    public var configured = false

    public static let lowestThreshold = 3

    public init() {}

    /// Reads the `results` key of site.yml (its other keys are read elsewhere).
    public static func decode(siteYAML text: String, file: String) -> (ResultsSettings, [Diagnostic]) {
        var yaml = YAMLValues(file: file)
        var settings = ResultsSettings()
        guard let root = try? Yams.compose(yaml: text, .basic, .default, .utf8), let mapping = root.mapping,
              let (_, node) = mapping.first(where: { $0.key.scalar?.string == "results" }) else { return (settings, []) }
        settings.configured = true
        if let folder = node.scalar?.string {
            settings.folder = folder
        } else {
            for (key, _, value) in yaml.mapping(node, allowed: ["folder", "threshold"], what: "'results' in site.yml") {
                switch key {
                case "folder": settings.folder = yaml.string(value, key: key) ?? settings.folder
                default: settings.threshold = yaml.threshold(value) ?? settings.threshold
                }
            }
        }
        return (settings, yaml.diagnostics)
    }
}

extension YAMLValues {
    mutating func threshold(_ node: Node) -> Int? {
        guard let value = number(node, key: "threshold") else { return nil }
        guard value.rounded() == value, value >= Double(ResultsSettings.lowestThreshold), value <= 100 else {
            error("R064", "'threshold' must be a whole number from \(ResultsSettings.lowestThreshold) to 100: counts below 3 can point to one person", at: node)
            return nil
        }
        return Int(value)
    }
}

/// `results/<survey-id>/results.yml`: the author's choices for one survey's report.
public struct SurveyResultsConfig: Sendable, Equatable {
    public struct CrossTab: Sendable, Equatable {
        public var question: String
        public var by: String
    }

    public var threshold: Int?
    public var crossTab: CrossTab?
    /// Modes of files without a `mode` column, by file name.
    public var modes: [String: String] = [:]
    /// People asked to take part (doors knocked, forms handed out), for a response rate.
    public var approached: Int?
    /// People who said no before any form was started (not written on a form).
    public var refusedAtDoor: Int?
    /// Open answers the author has chosen, read and made safe to publish, by variable.
    public var openAnswers: [(variable: String, answers: [String])] = []
    public var populationFile: String?
    public var weightBy: String?
    public var feedbackFile: String?
    var locations: [String: SourceLocation] = [:]

    public init() {}

    public static func == (a: SurveyResultsConfig, b: SurveyResultsConfig) -> Bool {
        a.threshold == b.threshold && a.crossTab == b.crossTab && a.modes == b.modes && a.approached == b.approached
            && a.refusedAtDoor == b.refusedAtDoor && a.populationFile == b.populationFile && a.weightBy == b.weightBy
            && a.feedbackFile == b.feedbackFile && a.openAnswers.map(\.variable) == b.openAnswers.map(\.variable)
            && a.openAnswers.map(\.answers) == b.openAnswers.map(\.answers)
    }

    public func location(_ key: String) -> SourceLocation? { locations[key] }

    static let keys = ["threshold", "cross_tab", "modes", "approached", "refused_at_door", "open_answers", "population",
                       "weight_by", "feedback"]

    public static func decode(_ text: String, file: String, survey: Survey) -> (SurveyResultsConfig, [Diagnostic]) {
        var yaml = YAMLValues(file: file)
        var config = SurveyResultsConfig()
        guard let root = yaml.root(text) else { return (config, yaml.diagnostics) }
        let index = VariableIndex(survey)
        func checkQuestion(_ id: String, node: Node, key: String) -> Bool {
            guard survey.question(id)?.type.hasAnswer == true else {
                yaml.error("R065", "'\(key)' names '\(id)', which is not a question of survey '\(survey.id)'", at: node,
                           notes: Suggestion.note(for: id, in: survey.questions.map(\.id)))
                return false
            }
            return true
        }
        for (key, keyNode, value) in yaml.mapping(root, allowed: keys, what: "results.yml") {
            config.locations[key] = yaml.location(keyNode)
            switch key {
            case "threshold":
                config.threshold = yaml.threshold(value)
            case "cross_tab":
                var question: String?, by: String?
                for (part, _, partValue) in yaml.mapping(value, allowed: ["question", "by"], what: "'cross_tab'") {
                    guard let id = yaml.string(partValue, key: part), checkQuestion(id, node: partValue, key: "cross_tab") else { continue }
                    let type = survey.question(id)?.type
                    if type?.hasChoices != true || type == .ranking {
                        yaml.error("R065", "'\(id)' cannot be cross-tabulated: only questions with a list of answers can", at: partValue)
                        continue
                    }
                    if part == "question" { question = id } else { by = id }
                }
                if let question, let by {
                    config.crossTab = CrossTab(question: question, by: by)
                } else if value.mapping != nil {
                    yaml.error("R065", "'cross_tab' needs both 'question' and 'by', such as '{question: belong, by: age_band}'", at: value)
                }
            case "modes":
                for (name, _, mode) in yaml.mapping(value, allowed: nil, what: "'modes'") {
                    if let mode = yaml.string(mode, key: name) { config.modes[name] = mode.lowercased() }
                }
            case "approached", "refused_at_door":
                if let number = yaml.number(value, key: key) {
                    guard number >= 0, number.rounded() == number, number <= 10_000_000 else {
                        yaml.error("R061", "'\(key)' must be a whole number of people", at: value)
                        continue
                    }
                    if key == "approached" { config.approached = Int(number) } else { config.refusedAtDoor = Int(number) }
                }
            case "open_answers":
                for (name, nameNode, answers) in yaml.mapping(value, allowed: nil, what: "'open_answers'") {
                    guard let variable = index.index(of: name) else {
                        yaml.error("R065", "'open_answers' names '\(name)', which is not a variable of survey '\(survey.id)'", at: nameNode,
                                   notes: Suggestion.note(for: name, in: index.variables.map(\.name)))
                        continue
                    }
                    let info = index.variables[variable]
                    let type = index.questions[variable]?.type
                    guard info.role == .otherText || type == .text || type == .textLong else {
                        yaml.error("R065", "'\(name)' is not an open answer; only written answers are listed in 'open_answers'", at: nameNode)
                        continue
                    }
                    config.openAnswers.append((name, yaml.strings(answers, key: name)))
                }
            case "population":
                config.populationFile = yaml.string(value, key: key)
            case "weight_by":
                if let id = yaml.string(value, key: key), checkQuestion(id, node: value, key: key) {
                    if survey.question(id)?.type.isSingleChoice == true {
                        config.weightBy = id
                    } else {
                        yaml.error("R065", "'weight_by' must name a question with one answer from a list, such as an age band", at: value)
                    }
                }
            default:
                config.feedbackFile = yaml.string(value, key: key)
            }
        }
        return (config, yaml.diagnostics)
    }
}
