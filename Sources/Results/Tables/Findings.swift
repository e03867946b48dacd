import Survey

/// What a report may publish about one survey: counts (as cells of a `CellStore`, so that small ones are
/// hidden), percentages worked out from them, and no one's answers unless the author listed them.
public struct Findings: Sendable {
    public struct Row: Sendable {
        public var code: String
        public var label: LocalizedText
        public var cell: Int
        /// The share after weighting, when the report is weighted.
        public var weightedPercent: Double?
    }

    public enum Kind: String, Sendable {
        case single, multiple, scale, rating, ranking, numeric, open, date
    }

    public struct ScaleSummary: Sendable {
        /// "agree or strongly agree"
        public var label: String
        public var cell: Int
        public var members: [Int]
    }

    public struct NumberSummary: Sendable {
        public var count: Int
        public var median: Double
        public var lowerQuartile: Double
        public var upperQuartile: Double
        public var mean: Double
    }

    public struct QuestionTable: Sendable {
        public var id: String
        public var number: Int
        public var label: LocalizedText
        public var kind: Kind
        public var rows: [Row]
        /// Asked but left empty.
        public var noAnswer: Int
        /// Hidden by skip logic.
        public var notAsked: Int
        /// Those who gave an answer: the base of the percentages.
        public var answered: Int
        public var answeredCell: Int
        public var summary: ScaleSummary?
        public var numbers: NumberSummary?
        /// Open answers the author chose to publish; empty means none are published.
        public var publishedAnswers: [String]
    }

    public struct CrossTab: Sendable {
        public var question: String
        public var by: String
        public var columns: [(code: String, label: LocalizedText)]
        public var rows: [(code: String, label: LocalizedText, cells: [Int], total: Int?)]
        public var columnTotals: [Int]
    }

    public struct Mode: Sendable {
        public var mode: String
        public var cell: Int
    }

    public var survey: Survey
    public var threshold: Int
    public var cells: CellStore
    /// People whose answers are counted (consent not refused).
    public var responses: Int
    public var responsesCell: Int
    /// Consent recorded as "no" on a form.
    public var refusedCell: Int?
    public var approached: Int?
    public var refusedAtDoor: Int?
    public var modes: [Mode]
    public var questions: [QuestionTable]
    public var crossTab: CrossTab?
    public var population: PopulationComparison?
    public var weighting: Weighting?
    public var files: Int
    public var duplicates: Int

    /// Too few responses to publish anything but their number.
    public var tooFew: Bool { responses < threshold }

    /// "12", "fewer than 5" or "hidden".
    public func display(_ cell: Int) -> String {
        switch cells.visibility[cell] {
        case .shown: String(cells.count(cell))
        case .small: "fewer than \(threshold)"
        case .hidden: "hidden"
        }
    }

    /// The share of `base`, or nil when the count is not published or the base is empty.
    public func percent(_ cell: Int, of base: Int) -> Double? {
        guard cells.isShown(cell), base > 0 else { return nil }
        return Double(cells.count(cell)) * 100 / Double(base)
    }

    public func question(_ id: String) -> QuestionTable? { questions.first { $0.id == id } }
}

/// Whole-number percentages, as people read them; "less than 1%" rather than a misleading 0.
public func percentText(_ value: Double) -> String {
    if value > 0 && value < 0.5 { return "less than 1%" }
    return "\(Int(value.rounded()))%"
}
