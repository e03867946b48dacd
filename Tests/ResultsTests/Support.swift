import Diagnostics
import Foundation
@testable import Results
import Survey

enum Fixtures {
    static func url(_ name: String) -> URL? {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent(name)
    }

    static func text(_ name: String) -> String {
        url(name).flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
    }

    static let park: Survey = {
        SurveyDecoder.decode(yaml: text("park.survey.yml"), file: "park.survey.yml").survey ?? Survey(id: "missing", title: LocalizedText("missing"), file: "")
    }()
}

/// Reads CSV text as one results file of `survey`.
func read(_ csv: String, path: String = "results/park-survey/answers.csv", survey: Survey = Fixtures.park,
          mode: String? = nil) -> ([Response], [Diagnostic]) {
    let (table, problems) = CSVReader.read(Array(csv.utf8), path: path)
    let (responses, found) = ResponseReader.read(table, index: VariableIndex(survey), mode: mode)
    return (responses, problems + found)
}

/// `line:column code` of each finding, to compare in one line.
func places(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.sortedForDisplay().map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.code)" }
}

/// A small, fixed pseudo-random sequence, so generated answers are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
}

func findings(_ csv: String, options: Tabulate.Options = Tabulate.Options(), survey: Survey = Fixtures.park) -> Findings {
    let (responses, _) = read(csv, survey: survey)
    let (set, _) = ResponseSet.merge([responses])
    return Tabulate.findings(set, index: VariableIndex(survey), options: options).0
}
