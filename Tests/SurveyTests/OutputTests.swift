import Foundation
import Testing
import ZIPFoundation
@testable import Survey

@Suite("Outputs")
struct OutputTests {
    func survey(_ yaml: String) throws -> Survey {
        let decoded = SurveyDecoder.decode(yaml: yaml, file: "t.yml")
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        return try #require(decoded.survey)
    }

    static let logicYAML = """
    id: logic
    title: Logic
    questions:
      - {id: used_park, type: yes_no, label: Used?}
      - {id: visits, type: integer, label: Visits?}
      - id: transport
        type: select_multiple
        label: How?
        choices: [{code: bus, label: Bus}, {code: train, label: Train}, {code: walk, label: Walk}]
      - {id: nickname, type: text, label: Name?}
      - {id: q1, type: text, label: A, show_if: {used_park: "yes"}}
      - {id: q2, type: text, label: B, show_if: {visits: {at_least: 2}}}
      - {id: q3, type: text, label: C, show_if: {transport: {one_of: [bus, train]}}}
      - {id: q4, type: text, label: D, show_if: {used_park: {not_equals: "no"}}}
      - {id: q5, type: text, label: E, show_if: {nickname: {answered: true}}}
      - {id: q6, type: text, label: F, show_if: {used_park: "yes", visits: {at_least: 2}}}
      - {id: q7, type: text, label: G, show_if: {any: [{used_park: "yes"}, {visits: {at_least: 2}}]}}
      - {id: q8, type: text, label: H, show_if: {not: {used_park: "no"}}}
      - {id: q9, type: text, label: I, show_if: {visits: {more_than: 1, less_than: 9}}}
      - {id: q10, type: text, label: J, show_if: {transport: walk, any: [{visits: {at_most: 3}}, {nickname: {answered: false}}]}}
      - {id: q11, type: text, label: K, show_if: {transport: {not_equals: bus}}}
    """

    @Test func relevantExpressionsUseODKSyntax() throws {
        let survey = try survey(Self.logicYAML)
        let relevant = Dictionary(uniqueKeysWithValues: survey.questions.map { ($0.id, SkipLogic.relevant(for: $0, in: survey) ?? "") })
        #expect(relevant["q1"] == "${used_park} = 'yes'")
        #expect(relevant["q2"] == "${visits} >= 2")
        #expect(relevant["q3"] == "selected(${transport}, 'bus') or selected(${transport}, 'train')")
        #expect(relevant["q4"] == "${used_park} != 'no'")
        #expect(relevant["q5"] == "${nickname} != ''")
        #expect(relevant["q6"] == "${used_park} = 'yes' and ${visits} >= 2")
        #expect(relevant["q7"] == "${used_park} = 'yes' or ${visits} >= 2")
        #expect(relevant["q8"] == "not(${used_park} = 'no')")
        #expect(relevant["q9"] == "${visits} > 1 and ${visits} < 9")
        #expect(relevant["q10"] == "selected(${transport}, 'walk') and (${visits} <= 3 or ${nickname} = '')")
        #expect(relevant["q11"] == "not(selected(${transport}, 'bus'))")
        #expect(relevant["used_park"] == "")
    }

    @Test func xlsFormSheetsHoldTypesListsAndSettings() throws {
        let survey = try Fixtures.validSurvey("bilingual")
        let sheets = XLSForm.sheets(survey)
        #expect(sheets.survey[0] == ["type", "name", "label::English (en)", "label::Cymraeg (cy)", "hint::English (en)", "hint::Cymraeg (cy)",
                                     "required", "relevant", "constraint", "constraint_message::English (en)",
                                     "constraint_message::Cymraeg (cy)", "appearance", "parameters", "calculation", "default", "choice_filter"])
        let byName = Dictionary(sheets.survey.dropFirst().map { ($0[1], $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byName["consent"]?[0] == "select_one consent")
        #expect(byName["consent"]?[8] == "")
        #expect(byName["how_often"]?[0] == "select_one frequency5")
        #expect(byName["how_often"]?[7] == "${outcome} = 'completed' and ${consent} = 'yes' and (${used_park} = 'yes')")
        #expect(byName["children"]?[0] == "integer")
        #expect(byName["children"]?[8] == ". >= 0 and . <= 20")
        #expect(byName["children"]?[9] == "Enter a number from 0 to 20.")
        #expect(byName["children"]?[10] == "Rhowch rif o 0 i 20.")
        #expect(byName["children_na"]?[0] == "select_one not_answered_dk")
        // "Don't know" sits beside the answer on one screen: not a second required question.
        #expect(byName["children_na"]?[6] == "")
        #expect(byName["children_na"]?[8] == "${children} = ''")
        #expect(byName["improve"]?[0] == "select_one improve_oth")
        #expect(byName["improve_other"]?[7] == "${outcome} = 'completed' and ${consent} = 'yes' and (selected(${improve}, 'other'))")
        #expect(sheets.choices.contains(["yes_no", "yes", "Yes", "Ie"]))
        #expect(sheets.choices.contains(["improve_oth", "other", "Other (please specify)", "Arall (nodwch)"]))
        #expect(sheets.choices.contains(["not_answered_dk", "dont_know", "Don't know", "Ddim yn gwybod"]))
        #expect(sheets.settings == [["form_title", "form_id", "version", "default_language"],
                                    ["The park", "park-bilingual", "2", "English (en)"]])
    }

    @Test func xlsFormTypesCoverEveryQuestionType() throws {
        let survey = try Fixtures.validSurvey("neighbourhood")
        let types = Dictionary(XLSForm.sheets(survey).survey.dropFirst().map { ($0[1], $0[0]) }, uniquingKeysWith: { first, _ in first })
        #expect(types["best_thing"] == "text")
        #expect(types["rate_area"] == "range")
        // Ranking the top few: one choose-one question for each place, then the codes in order.
        #expect(types["priorities"] == "calculate")
        #expect(types["priorities_rank1"] == "select_one priorities")
        #expect(types["last_event"] == "date")
        #expect(types["get_there"] == "select_multiple transport_oth")
        #expect(types["about_note"] == "note")
        #expect(types["your_area"] == "begin_group")
        let rows = XLSForm.sheets(survey).survey
        let parameters = try #require(rows[0].firstIndex(of: "parameters"))
        #expect(rows.first { $0[1] == "rate_area" }?[parameters] == "start=0 end=10 step=1")
    }

    @Test func xlsxIsAZipWorkbookAndIsByteIdentical() throws {
        let survey = try Fixtures.validSurvey("neighbourhood")
        let data = try XLSForm.xlsx(survey)
        #expect(data == (try XLSForm.xlsx(survey)))
        let archive = try Archive(data: data, accessMode: .read)
        let paths = Set(archive.map(\.path))
        #expect(paths == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                          "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"])
        let entry = try #require(archive["xl/workbook.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("<sheet name=\"survey\" sheetId=\"1\""))
        #expect(text.contains("<sheet name=\"choices\" sheetId=\"2\""))
        #expect(text.contains("<sheet name=\"settings\" sheetId=\"3\""))
    }

    @Test func codebookColumnsAreTheDataColumns() throws {
        let survey = try Fixtures.validSurvey("neighbourhood")
        let csv = Codebook.csv(survey)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "variable,label,type,codes,asked_if")
        let names = Codebook.rows(survey).map { $0[0] }
        #expect(names == DataShape.names(survey))
        #expect(names.contains("get_there_other"))
        #expect(!names.contains("about_note"))
        #expect(lines.contains("change_5yrs,\"Over the last five years, has the area got better or worse?\",select_one,better = Better [1]; same = About the same [2]; worse = Worse [3]; dont_know = Don't know [98],"))
    }

    @Test func webFormIsAccessibleAndCarriesTheLogic() throws {
        let survey = try Fixtures.validSurvey("neighbourhood")
        let html = WebForm.html(survey)
        #expect(html.hasPrefix("<form class=\"survey-form\""))
        let variables = survey.variables.map { "&quot;\($0.name)&quot;" }.joined(separator: ",")
        #expect(html.contains("data-variables=\"[\(variables)]\""))
        #expect(html.contains("<fieldset class=\"survey-fieldset\" aria-describedby=\"q-change_5yrs-error\">"))
        #expect(html.contains("<legend class=\"survey-label\"><span class=\"survey-number\">4.</span> Over the last five years"))
        #expect(html.contains("<label class=\"survey-label\" for=\"q-years_here-input\">"))
        #expect(html.contains("aria-describedby=\"q-years_here-hint q-years_here-error\""))
        #expect(html.contains("data-show-if=\"{&quot;multiple&quot;:false,&quot;number&quot;:false,&quot;op&quot;:&quot;one_of&quot;,&quot;q&quot;:&quot;change_5yrs&quot;,&quot;values&quot;:[&quot;better&quot;,&quot;worse&quot;]}\""))
        #expect(html.contains("class=\"survey-error-summary\" role=\"alert\""))
        #expect(html.contains("Answer this if Q4 is ‘Better’ or ‘Worse’."))
        #expect(html.contains("type=\"checkbox\" id=\"q-get_there-bus\" name=\"get_there\" value=\"bus\""))
        #expect(html.contains("Download answers as CSV"))
        #expect(html.contains("Save and start a new response"))
        #expect(!html.contains("<script"))
    }

    @Test func paperRoutesFromTheSkipLogic() throws {
        let survey = try Fixtures.validSurvey("neighbourhood")
        let routes = PaperQuestionnaire.routing(survey)
        #expect(routes["used_park"] == ["no": "Q9"])
        #expect(routes["change_5yrs"] == ["same": "Q6", "dont_know": "Q6"])
        #expect(routes["consent"] == ["no": "the end"])
        let html = PaperQuestionnaire.html(survey)
        #expect(html.contains("<span class=\"survey-paper-route\">→ Go to Q9</span>"))
        #expect(html.contains("survey-paper-tick-one"))
        #expect(html.contains("survey-box survey-box-round"))
        #expect(html.contains("survey-box survey-box-square"))
        #expect(html.contains("<div class=\"survey-paper-lines\">" + String(repeating: "<span class=\"survey-paper-line\"></span>", count: 3) + "</div>"))
        #expect(html.contains("We do not ask for your name."))
        #expect(html.contains("I have read the information and I agree to take part."))
        #expect(html.contains("<span class=\"survey-paper-code\">98</span>"))
    }

    @Test func jsonIsStableAndRecordsRelevant() throws {
        let survey = try Fixtures.validSurvey("neighbourhood")
        let text = SurveyJSON.encode(survey)
        #expect(text == SurveyJSON.encode(survey))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let variables = try #require(object["variables"] as? [[String: Any]])
        let feelSafe = variables.first { $0["name"] as? String == "feel_safe" }
        #expect(feelSafe?["relevant"] as? String == "${used_park} = 'yes' and ${park_visits} >= 2")
        #expect(object["id"] as? String == "neighbourhood-survey")
    }

    @Test func schemaMatchesTheDecoder() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(SurveySchema.json.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let surveyKeys = try #require((schema["properties"] as? [String: Any])?.keys)
        #expect(Set(surveyKeys) == Set(SurveyDecoder.surveyKeys))
        let defs = try #require(schema["$defs"] as? [String: Any])
        let question = try #require(defs["question"] as? [String: Any])
        let questionProperties = try #require(question["properties"] as? [String: Any])
        #expect(Set(questionProperties.keys) == Set(SurveyDecoder.questionKeys))
        let types = try #require((questionProperties["type"] as? [String: Any])?["enum"] as? [String])
        #expect(types == QuestionType.allCases.map(\.rawValue))
        let categories = try #require((questionProperties["special_category"] as? [String: Any])?["enum"] as? [String])
        #expect(categories == SpecialCategory.allCases.map(\.rawValue))
        let scales = try #require((questionProperties["scale"] as? [String: Any])?["enum"] as? [String])
        #expect(scales == BuiltInChoices.scaleNames)
        let choice = try #require((defs["choice"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(choice.keys) == Set(SurveyDecoder.choiceKeys))
        let section = try #require((defs["section"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(section.keys) == Set(SurveyDecoder.sectionKeys))
        let comparison = try #require((defs["comparison"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(comparison.keys) == Set(Comparison.allCases.map(\.rawValue)))
    }

    @Test func timeEstimateFollowsTheCostModel() throws {
        let one = try survey("id: t\ntitle: T\nquestions:\n  - {id: a, type: text_long, label: One two three four five}\n")
        // 5 words at 0.4 s plus 60 s for a long answer.
        #expect(abs(TimeEstimate.seconds(for: one) - 62) < 0.001)
        #expect(TimeEstimate.minutes(for: one) == 2)
    }
}

@Suite struct CSVSafetyTests {
    @Test func cellsASpreadsheetWouldRunAreNeutralised() {
        #expect(CSV.field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        #expect(CSV.field("+1+1") == "'+1+1")
        #expect(CSV.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSV.field("-cmd") == "'-cmd")
        #expect(CSV.field("\tx") == "'\tx")
        // Numbers, including negative ones, are data and stay as they are.
        #expect(CSV.field("-5") == "-5")
        #expect(CSV.field("+44.5") == "+44.5")
        #expect(CSV.field("plain, text") == "\"plain, text\"")
    }
}
