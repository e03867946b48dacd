import Foundation
import Testing
@testable import Survey

/// Each output of each valid fixture is compared byte for byte with a file in Fixtures/golden.
/// Run with DOORSTEP_UPDATE_GOLDENS=1 to write the goldens again, then review the diff.
@Suite("Golden outputs")
struct GoldenTests {
    static let surveys = ["neighbourhood", "bilingual", "logic"]

    static let outputs: [(suffix: String, make: @Sendable (Survey) throws -> Data)] = [
        ("xlsx", { try XLSForm.xlsx($0) }),
        ("xlsform.txt", { Data(sheetsText(XLSForm.sheets($0)).utf8) }),
        ("codebook.csv", { Data(Codebook.csv($0).utf8) }),
        ("codebook.html", { Data(Codebook.html($0).utf8) }),
        ("json", { Data(SurveyJSON.encode($0).utf8) }),
        ("form.html", { Data(WebForm.html($0).utf8) }),
        ("paper.html", { Data(PaperQuestionnaire.html($0).utf8) }),
    ]

    /// The outputs made once per language, checked again in the bilingual fixture's second language.
    static let welshOutputs: [(suffix: String, make: @Sendable (Survey) throws -> Data)] = [
        ("cy.codebook.csv", { Data(Codebook.csv($0, language: "cy").utf8) }),
        ("cy.codebook.html", { Data(Codebook.html($0, language: "cy").utf8) }),
        ("cy.form.html", { Data(WebForm.html($0, language: "cy").utf8) }),
        ("cy.paper.html", { Data(PaperQuestionnaire.html($0, language: "cy").utf8) }),
    ]

    static var cases: [String] {
        surveys.flatMap { name in outputs.map { "\(name).\($0.suffix)" } } + welshOutputs.map { "bilingual.\($0.suffix)" }
    }

    /// The source folder, so that updated goldens land in the repository rather than in the build's copy.
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["DOORSTEP_UPDATE_GOLDENS"] == "1" }

    /// Sheets as tab-separated text, so that a golden diff shows what changed in the workbook.
    static func sheetsText(_ sheets: XLSForm.Sheets) -> String {
        [("survey", sheets.survey), ("choices", sheets.choices), ("settings", sheets.settings)].map { name, rows in
            "## \(name)\n" + rows.map { $0.joined(separator: "\t") }.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    @Test("output matches its golden file", arguments: cases)
    func matchesGolden(file: String) throws {
        let name = String(file.prefix { $0 != "." })
        let suffix = String(file.dropFirst(name.count + 1))
        let output = try #require((Self.outputs + Self.welshOutputs).first { $0.suffix == suffix })
        let survey = try Fixtures.validSurvey(name)
        let actual = try output.make(survey)
        #expect(try output.make(survey) == actual, "the same survey must give the same bytes")
        let url = Self.goldenFolder.appendingPathComponent(file)
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try actual.write(to: url)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: url.path),
                                    "missing golden \(file): run the tests with DOORSTEP_UPDATE_GOLDENS=1")
        if expected != actual {
            Issue.record("\(file) differs from its golden; if the change is intended, run with DOORSTEP_UPDATE_GOLDENS=1 and review the diff")
        }
    }

    @Test func everyGoldenFileBelongsToAnOutput() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.goldenFolder.path).filter { !$0.hasPrefix(".") }
        #expect(Set(names).isSubset(of: Set(Self.cases)), "stale goldens: \(Set(names).subtracting(Self.cases).sorted())")
    }
}
