import Foundation
import Testing
@testable import Survey

/// The web form, the XLSForm, the codebook and the JSON agree on the columns of a response.
@Suite struct DataShapeTests {
    @Test func everyOutputListsTheSameColumns() throws {
        let survey = try Fixtures.validSurvey("bilingual")
        let names = DataShape.names(survey)
        #expect(Array(names.prefix(7)) == ["response_id", "mode", "outcome", "start", "end", "volunteer_id", "form_number"])
        #expect(Codebook.rows(survey).map { $0[0] } == names)
        #expect(Codebook.rows(survey, language: "cy").map { $0[0] } == names)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(SurveyJSON.encode(survey).utf8)) as? [String: Any])
        let columns = try #require(json["columns"] as? [[String: Any]])
        #expect(columns.compactMap { $0["name"] as? String } == names)

        let form = WebForm.html(survey)
        let attribute = try #require(form.range(of: #"data-columns="([^"]*)""#, options: .regularExpression))
        let encoded = String(form[attribute]).dropFirst("data-columns=\"".count).dropLast()
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        let formColumns = try #require(try JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? [[String]])
        #expect(formColumns.map { $0[0] } == names)

        // The XLSForm has a field for every response column and for every variable that is not one option.
        let fields = Set(XLSForm.sheets(survey).survey.dropFirst().map { $0[1] })
        for column in DataShape.columns(survey) {
            switch column.kind {
            case .response, .variable: #expect(fields.contains(column.name), "no XLSForm field '\(column.name)'")
            case .option(let variable, _): #expect(fields.contains(variable.name))
            }
        }
    }

    @Test func aTickAllQuestionIsOneZeroOrOneColumnPerOption() throws {
        let survey = try Fixtures.validSurvey("bilingual")
        let question = try #require(survey.question("visit_with"))
        let expected = survey.options(for: question).map { "visit_with/\($0.code)" }
        let rows = Codebook.rows(survey).filter { $0[0].hasPrefix("visit_with/") }
        #expect(rows.map { $0[0] } == expected)
        #expect(rows.allSatisfy { $0[3] == "1 = Ticked; 0 = Not ticked" })
        #expect(!Codebook.rows(survey).contains { $0[0] == "visit_with" })
    }

    @Test func theCodebookGivesTheCodesOfModeAndOutcome() throws {
        let survey = try Fixtures.validSurvey("bilingual")
        let rows = Dictionary(Codebook.rows(survey, language: "cy").map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
        #expect(rows["mode"]?[3] == "web = Ffurflen we [1]; paper = Ffurflen bapur, wedi’i theipio [2]; phone = Galwad ffôn [3]; odk = KoboToolbox neu ODK Collect [4]")
        #expect(rows["outcome"]?[3] == "completed = Wedi’i gwblhau [1]; refused = Wedi gwrthod [2]; not_at_home = Neb gartref [3]")
    }

    @Test func inTheXLSFormANoToConsentOrAnEmptyHouseEndsTheForm() throws {
        let survey = try Fixtures.validSurvey("bilingual")
        let sheets = XLSForm.sheets(survey)
        let header = sheets.survey[0]
        let relevant = try #require(header.firstIndex(of: "relevant"))
        let constraint = try #require(header.firstIndex(of: "constraint"))
        let rows = Array(sheets.survey.dropFirst())
        let consent = try #require(rows.firstIndex { $0[1] == "consent" })
        #expect(rows[consent][constraint] == "", "consent 'no' must be allowed")
        #expect(rows[consent][relevant] == "${outcome} = 'completed'")
        let outcome = try #require(rows.first { $0[1] == "outcome" })
        #expect(outcome[0].hasPrefix("select_one "))
        // Rows at the top level carry both conditions; rows inside a group have them from the group.
        var depth = 0
        var checked = 0
        for row in rows[(consent + 1)...] {
            if row[0].hasPrefix("end_") { depth -= 1; continue }
            if depth == 0 {
                checked += 1
                #expect(row[relevant].hasPrefix("${outcome} = 'completed' and ${consent} = 'yes'"), "\(row[1]) is asked after a refusal")
            }
            if row[0].hasPrefix("begin_") { depth += 1 }
        }
        #expect(checked > 5)
    }

    @Test func aQuestionCannotTakeTheNameOfAResponseColumn() {
        let diagnostics = check(yaml: """
            id: clash
            title: Clash
            questions:
              - id: outcome
                type: text
                label: What happened?
            """)
        #expect(diagnostics.contains { $0.code == "S006" && $0.message.contains("'outcome' is a column every response has") })
    }
}

/// A question is found by its id however the survey's sections were made or changed since.
@Suite struct QuestionLookupTests {
    static func question(_ id: String) -> Question { Question(id: id, type: .text, label: LocalizedText(id)) }

    @Test func aQuestionIsFoundByItsIdAfterTheSectionsChange() {
        var survey = Survey(id: "s", title: LocalizedText("S"), file: "s.survey.yml")
        #expect(survey.question("name") == nil)
        survey.sections = [Section(id: "about", questions: [Self.question("name"), Self.question("street")])]
        #expect(survey.question("street")?.id == "street")

        survey.sections[0].questions[1].id = "road"
        #expect(survey.question("street") == nil, "a renamed question is no longer found by its old id")
        #expect(survey.question("road")?.id == "road")

        survey.sections.append(Section(id: "people", questions: [Self.question("age")]))
        survey.sections[1].repeatRule = RepeatRule(max: 4)
        #expect(survey.question("age")?.id == "age")
        #expect(survey.repeatSection(of: "age")?.id == "people")
        #expect(survey.repeatSection(of: "name") == nil, "a question outside a repeat has no repeated section")
        #expect(survey.conditionTarget("age_3")?.id == "age_3", "one member's copy is found by the repeat's question")
    }

    @Test func theFirstOfTwoQuestionsWithOneIdIsFound() {
        var survey = Survey(id: "s", title: LocalizedText("S"), file: "s.survey.yml")
        var second = Self.question("name")
        second.label = LocalizedText("Second")
        survey.sections = [Section(id: "a", questions: [Self.question("name")]), Section(id: "b", questions: [second])]
        #expect(survey.question("name")?.label == LocalizedText("name"))
    }
}

extension QuestionLookupTests {
    @Test func aListOfChoicesIsFoundByItsNameAfterTheListsChange() {
        var survey = Survey(id: "s", title: LocalizedText("S"), file: "s.survey.yml")
        #expect(survey.choiceList("yes-no") == nil)
        survey.choiceLists = [ChoiceList(name: "yes-no", choices: []), ChoiceList(name: "tenure", choices: [])]
        #expect(survey.choiceList("tenure")?.name == "tenure")
        survey.choiceLists[1].name = "housing"
        #expect(survey.choiceList("tenure") == nil)
        #expect(survey.choiceList("housing")?.name == "housing")
    }
}
