import Survey
import Testing
@testable import Results

/// The response columns every mode shares: outcome, mode and the 0/1 option columns of the web form's CSV.
@Suite("Outcomes and the data shape")
struct OutcomeTests {
    /// A web response, a typed paper return, a refusal and an empty house, as the web form downloads them.
    static let downloaded = """
        response_id,mode,outcome,start,end,volunteer_id,form_number,consent,used_park,visits,feel_safe,liked/trees,liked/play,liked/cafe,liked/other,liked_other,age,comments
        a1,web,completed,2026-12-01T10:00:00Z,2026-12-01T10:05:00Z,,,yes,yes,3,agree,1,0,1,0,,young,
        a2,paper,completed,,,V1,P001,1,yes,2,agree,0,1,0,0,,older,
        a3,paper,refused,,,V1,P002,no,,,,,,,,,,
        a4,paper,not_at_home,,,V1,P003,,,,,,,,,,,
        """

    @Test func refusalsAndEmptyHousesAreNotMissingAnswers() {
        let (responses, diagnostics) = read(Self.downloaded)
        #expect(places(diagnostics) == [], "\(diagnostics)")
        #expect(responses.map(\.outcome) == ["completed", "completed", "refused", "not_at_home"])
        #expect(responses.map(\.refused) == [false, false, true, false])
        #expect(responses.map(\.mode) == ["web", "paper", "paper", "paper"])
        #expect(responses[0].values[VariableIndex(Fixtures.park).index(of: "liked") ?? 0] == "trees cafe")
    }

    @Test func ratesComeFromTheRecordedOutcomes() {
        let (responses, _) = read(Self.downloaded)
        let (set, _) = ResponseSet.merge([responses])
        #expect(set.responses.count == 3)
        #expect(set.notAtHome == 1)
        #expect(set.visits == 4)
        let result = Tabulate.findings(set, index: VariableIndex(Fixtures.park), options: Tabulate.Options()).0
        #expect(result.responses == 2)
        #expect(result.approached == 4)
        #expect(result.refusedCell.map { result.cells.count($0) } == 1)
        #expect(Set(result.modes.map(\.mode)) == ["web", "paper"])
    }

    @Test func answersAtAnEmptyHouseOrAnUnknownOutcomeAreFound() {
        let csv = """
            response_id,outcome,consent,used_park
            b1,not_at_home,,yes
            b2,gone_fishing,yes,yes
            """
        let (responses, diagnostics) = read(csv)
        #expect(places(diagnostics) == ["2:4 R031", "3:2 R026"])
        #expect(responses.count == 1)
    }

    @Test func withoutOutcomesThereAreNoRates() {
        let (responses, _) = read("response_id,consent,used_park\nc1,yes,no\nc2,no,\n")
        let (set, _) = ResponseSet.merge([responses])
        #expect(set.visits == nil)
    }
}
