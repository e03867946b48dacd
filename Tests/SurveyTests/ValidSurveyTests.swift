import Diagnostics
import Testing
@testable import Survey

@Suite("Clean surveys")
struct ValidSurveyTests {
    @Test("every valid fixture decodes and validates without findings", arguments: ["neighbourhood", "bilingual"])
    func noDiagnostics(name: String) throws {
        let survey = try Fixtures.validSurvey(name)
        let findings = SurveyValidator.validate(survey)
        #expect(describe(findings) == [])
    }
}
