import Diagnostics
import Foundation
import Testing
@testable import Results
@testable import Survey

/// KoboToolbox and ODK Central exports (CSV and .xlsx), as their documented layouts give them: see
/// Fixtures/exports/README.md.
@Suite("KoboToolbox and ODK Central exports")
struct ExportTests {
    static func export(_ name: String) -> (table: CSVTable, responses: [Response], findings: [Diagnostic]) {
        let path = "results/park-survey/\(name)"
        let data = Fixtures.url("exports/\(name)").flatMap { try? Data(contentsOf: $0) } ?? Data()
        let (table, problems) = ResponseFile.read(data, path: path)
        let (responses, found) = ResponseReader.read(table, index: VariableIndex(Fixtures.park))
        return (table, responses, problems + found)
    }

    static let index = VariableIndex(Fixtures.park)

    static func value(_ response: Response?, _ name: String) -> String? {
        response.map { $0.values[index.index(of: name) ?? 0] }
    }

    @Test func aKoboCSVExportWithGroupsAndBothTickFormsIsRead() {
        let (table, responses, findings) = Self.export("kobo-export.csv")
        #expect(findings.isEmpty, "\(findings)")
        #expect(table.header.count == 25)
        #expect(responses.count == 12)
        #expect(responses.allSatisfy { $0.mode == "kobo" && $0.hasOwnID })
        let first = responses.first
        #expect(first?.id == "b0caae1c-dd45-499f-a3a4-006d8ee58b06")
        #expect(Self.value(first, "used_park") == "yes")
        #expect(Self.value(first, "visits") == "24")
        #expect(Self.value(first, "feel_safe") == "disagree")
        #expect(Self.value(first, "liked") == "cafe other")
        #expect(Self.value(first, "age") == "older")
    }

    @Test func anODKCentralExportWithSplitTicksIsRead() {
        let (_, responses, findings) = Self.export("odk-central-export.csv")
        #expect(findings.isEmpty, "\(findings)")
        #expect(responses.count == 10)
        #expect(responses.allSatisfy { $0.mode == "odk" })
        let first = responses.first
        #expect(first?.id == "6aeb7dbd-6e61-496a-a17c-679ce6a56ae6", "ODK's 'uuid:' is dropped")
        #expect(Self.value(first, "liked") == "trees play cafe")
        #expect(Self.value(first, "comments") == "More bins, please.")
        #expect(Self.value(responses.dropFirst().first, "liked") == "play cafe")
    }

    @Test func aKoboWorkbookReadsLikeItsCSV() {
        let (table, responses, findings) = Self.export("kobo-export.xlsx")
        #expect(findings.isEmpty, "\(findings)")
        #expect(table.header == Self.export("kobo-export.csv").table.header)
        #expect(table.lines == Array(2...13), "records keep their row numbers in the sheet")
        #expect(responses.count == 12)
        let today = table.header.firstIndex(of: "today") ?? 0
        #expect(table.records.first?[today] == "2026-05-08", "a day number in a date style is a date")
        #expect(Self.value(responses.first, "visits") == "27", "whole numbers lose their '.0'")
        #expect(Self.value(responses.dropFirst().first, "comments") == "The gate sticks; it needs oiling", "inline strings")
        #expect(responses.allSatisfy { $0.mode == "kobo" })
    }

    @Test func findingsInAWorkbookNameTheSheetRowAndColumn() throws {
        let book = try XLSXWriter.workbook([(name: "Answers", rows: [
            ["_uuid", "consent", "used_park", "age"],
            ["a1", "yes", "yes", "young"],
            ["a2", "yes", "maybe", "old"],
        ])])
        let (table, problems) = ResponseFile.read(book, path: "results/park-survey/answers.xlsx")
        let (_, found) = ResponseReader.read(table, index: Self.index)
        #expect(problems.isEmpty)
        #expect(places(found) == ["3:3 R022", "3:3 R040", "3:4 R022"])
        #expect(found.first?.location?.file == "results/park-survey/answers.xlsx")
    }

    @Test func somethingElseNamedXLSXIsALocatedError() {
        let (table, problems) = ResponseFile.read(Data("consent,used_park\nyes,no\n".utf8), path: "results/park-survey/a.xlsx")
        #expect(table.header.isEmpty)
        #expect(problems.map(\.code) == ["R004"])
        #expect(problems.first?.location?.description == "results/park-survey/a.xlsx:1:1")
    }

    @Test func dayNumbersColumnsAndFormatsAreReadAsSpreadsheetsMeanThem() {
        #expect(SheetRows.date(fromSerial: 46150, uses1904: false) == "2026-05-08")
        #expect(SheetRows.date(fromSerial: 44688, uses1904: true) == "2026-05-08")
        #expect(SheetRows.date(fromSerial: 46150.75, uses1904: false) == "2026-05-08T18:00:00")
        #expect(SheetRows.date(fromSerial: 61, uses1904: false) == "1900-03-01")
        #expect(SheetRows.columnIndex("A1") == 0)
        #expect(SheetRows.columnIndex("AB12") == 27)
        #expect(SheetRows.columnIndex("12") == nil)
        #expect(DateStyles.looksLikeDate("yyyy\\-mm\\-dd"))
        #expect(DateStyles.looksLikeDate("[$-809]dd/mm/yyyy"))
        #expect(!DateStyles.looksLikeDate("0.00"))
        #expect(!DateStyles.looksLikeDate("\"days\" 0"))
        #expect(!DateStyles.looksLikeDate("[Red]0"))
    }
}
