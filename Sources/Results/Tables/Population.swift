import Diagnostics
import Survey
import Yams

/// Who lives in the area, from a census or other count, set beside who answered.
public struct PopulationProfile: Sendable, Equatable {
    public struct Variable: Sendable, Equatable {
        public var question: String
        /// Percentages by survey code, after any `map` has been applied; they add up to 100.
        public var shares: [(code: String, percent: Double)]
        public var location: SourceLocation?

        public static func == (a: Variable, b: Variable) -> Bool {
            a.question == b.question && a.shares.map(\.code) == b.shares.map(\.code) && a.shares.map(\.percent) == b.shares.map(\.percent)
        }
    }

    public var source: String
    /// Percentage points of difference beyond which a group is flagged.
    public var margin: Double
    public var variables: [Variable]

    public func variable(_ question: String) -> Variable? { variables.first { $0.question == question } }

    static let keys = ["source", "margin", "variables"]

    /// ```yaml
    /// source: Census 2021, table TS007A (Nomis)
    /// margin: 5
    /// variables:
    ///   age_band:
    ///     counts: {"Aged 16 to 24": 1320, …}      # or percent:
    ///     map: {"Aged 16 to 24": age_16_24, …}     # needed when the names are not survey codes
    /// ```
    public static func decode(_ text: String, file: String, survey: Survey) -> (PopulationProfile?, [Diagnostic]) {
        var yaml = YAMLValues(file: file)
        guard let root = yaml.root(text) else { return (nil, yaml.diagnostics) }
        var profile = PopulationProfile(source: "", margin: 5, variables: [])
        var sawSource = false
        for (key, keyNode, value) in yaml.mapping(root, allowed: keys, what: "the population profile") {
            switch key {
            case "source":
                profile.source = yaml.string(value, key: key) ?? ""
                sawSource = !profile.source.isEmpty
            case "margin":
                if let margin = yaml.number(value, key: key) {
                    if margin > 0 && margin <= 50 { profile.margin = margin } else {
                        yaml.error("R071", "'margin' must be a number of percentage points from above 0 to 50", at: value)
                    }
                }
            default:
                _ = keyNode
                for (question, questionNode, body) in yaml.mapping(value, allowed: nil, what: "'variables'") {
                    if let variable = decodeVariable(question, node: questionNode, body: body, survey: survey, yaml: &yaml) {
                        profile.variables.append(variable)
                    }
                }
            }
        }
        if !sawSource {
            yaml.error("R070", "the population profile needs a 'source': where the figures come from, such as 'Census 2021, table TS021, from Nomis'",
                       at: root)
        }
        return (profile, yaml.diagnostics)
    }

    static func decodeVariable(_ id: String, node: Node, body: Node, survey: Survey, yaml: inout YAMLValues) -> Variable? {
        guard let question = survey.question(id), question.type.isSingleChoice else {
            yaml.error("R072", "'\(id)' is not a question of survey '\(survey.id)' with one answer from a list", at: node,
                       notes: Suggestion.note(for: id, in: survey.questions.map(\.id)))
            return nil
        }
        let codes = survey.options(for: question).filter { $0.special == nil }.map(\.code)
        var figures: [(String, Node, Double)] = []
        var isPercent = true
        var map: [String: String] = [:]
        for (key, _, value) in yaml.mapping(body, allowed: ["percent", "counts", "map"], what: "'\(id)'") {
            if key == "map" {
                for (name, nameNode, target) in yaml.mapping(value, allowed: nil, what: "'map'") {
                    guard let code = yaml.string(target, key: name) else { continue }
                    if !codes.contains(code) {
                        yaml.error("R073", "'map' sends '\(name)' to '\(code)', which is not a code of '\(id)'", at: target,
                                   notes: Suggestion.note(for: code, in: codes))
                    }
                    _ = nameNode
                    map[name] = code
                }
                continue
            }
            isPercent = key == "percent"
            for (name, nameNode, figure) in yaml.mapping(value, allowed: nil, what: "'\(key)'") {
                guard let number = yaml.number(figure, key: name) else { continue }
                guard number >= 0 else {
                    yaml.error("R071", "'\(name)' must not be negative", at: figure)
                    continue
                }
                figures.append((name, nameNode, number))
            }
        }
        var totals: [String: Double] = [:]
        for (name, nameNode, number) in figures {
            guard let code = map[name] ?? (codes.contains(name) ? name : nil) else {
                yaml.error("R073", "'\(name)' is not a code of '\(id)'; use the survey's codes or add it to 'map'", at: nameNode,
                           notes: Suggestion.note(for: name, in: codes) + ["the codes are \(codes.joined(separator: ", "))"])
                continue
            }
            totals[code, default: 0] += number
        }
        let sum = totals.values.reduce(0, +)
        guard sum > 0 else {
            yaml.error("R071", "'\(id)' has no figures; give 'percent' or 'counts' for its codes", at: node)
            return nil
        }
        if isPercent, abs(sum - 100) > 1.5 {
            yaml.warning("R074", "the percentages of '\(id)' add up to \(Int(sum.rounded())), not 100; they are scaled to 100", at: node)
        }
        for code in codes where totals[code] == nil {
            yaml.warning("R075", "the profile of '\(id)' has no figure for '\(code)'; that group is not compared", at: node)
        }
        let shares = codes.compactMap { code in totals[code].map { (code, $0 * 100 / sum) } }
        return Variable(question: id, shares: shares, location: yaml.location(node))
    }
}

/// Sample beside population for each profiled question.
public struct PopulationComparison: Sendable {
    public enum Flag: String, Sendable { case under = "under-represented", over = "over-represented", inLine = "in line" }

    public struct Row: Sendable {
        public var code: String
        public var label: LocalizedText
        public var populationPercent: Double
        public var cell: Int
        /// The sample's share, from the true count (used for the flag even when the count is hidden).
        public var samplePercent: Double
        public var flag: Flag
    }

    public struct Group: Sendable {
        public var question: String
        public var label: LocalizedText
        /// Respondents with one of the profiled codes.
        public var base: Int
        public var baseCell: Int
        public var rows: [Row]
    }

    public var source: String
    public var margin: Double
    public var groups: [Group]
}

/// Weights by one question, so that the sample's mix on it matches the population's.
public struct Weighting: Sendable {
    public var question: String
    /// Weight by code; a person with no answer, or a code the profile lacks, keeps weight 1.
    public var weights: [(code: String, weight: Double)]
    public var unweighted: Int
}
