import Diagnostics
import Testing
@testable import Results

@Suite("Checking answers against the survey")
struct ValidationTests {
    static let header = "response_id,consent,used_park,visits,feel_safe,liked,liked_other,age,comments"

    @Test func everyProblemIsFoundAtItsRowAndColumn() {
        let csv = [
            Self.header + ",notes",
            "r1,yes,yes,3,agree,trees cafe,,young,,x",          // clean apart from the unknown column
            "r2,yes,maybe,,,,,,,",                               // unknown code (row 3, column 3)
            "r3,yes,yes,400,,,,,,",                              // out of range (row 4, column 4)
            "r4,yes,no,2,,,,,,",                                 // skip logic hid 'visits' (row 5, column 4)
            "r5,,yes,,,,,,,",                                    // required consent missing (row 6, column 2)
            "r1,yes,yes,3,agree,trees cafe,,young,,x",          // same id as row 2, same answers
            "r7,yes,yes,1,,trees,Benches,,,",                    // 'other' text without 'other' ticked (row 8, column 7)
            "r8,no,yes,,,,,,,",                                  // answers kept after consent no (row 9, column 3)
            "r9,yes,yes,1",                                      // too few cells (row 10)
        ].joined(separator: "\n")
        let (responses, found) = read(csv)
        let (_, merged) = ResponseSet.merge([responses])
        #expect(places(found + merged) == [
            "1:10 R011", "3:3 R022", "3:3 R040", "4:4 R023", "5:4 R030", "6:2 R040", "7:1 R050", "8:7 R030", "9:3 R031", "10:5 R020",
        ])
    }

    @Test func paperEntryNumbersAndKoboGroupsAreRead() {
        let csv = "taking_part/consent,park/used_park,park-liked,park/liked/play,park/age\nyes,1,trees,1,2\n"
        let (responses, found) = read(csv)
        #expect(found.isEmpty, "\(found)")
        let index = VariableIndex(Fixtures.park)
        let values = responses.first?.values ?? []
        #expect(values[index.index(of: "used_park") ?? 0] == "yes")
        #expect(values[index.index(of: "liked") ?? 0] == "trees play")
        #expect(values[index.index(of: "age") ?? 0] == "middle")
    }

    @Test func aFileForAnotherSurveyIsRefused() {
        let other = Fixtures.park
        var renamed = other
        renamed.id = "other-survey"
        let (table, _) = CSVReader.read(Array("consent,used_park\nyes,no\n".utf8), path: "results/x/a.csv")
        let empty = VariableIndex(Survey(id: "empty", title: .init("e"), file: ""))
        #expect(ResultsStage.betterMatch(table.header, own: empty, others: [VariableIndex(renamed)]) == "other-survey")
        let (_, found) = read("_xform_id_string,consent,used_park\nsomething-else,yes,no\n")
        #expect(places(found) == ["2:1 R013"])
    }
}

import Survey
