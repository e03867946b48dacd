import Diagnostics
import Testing
@testable import Survey

@Suite("Decoding")
struct DecodingTests {
    @Test func decodesTheModelWithLocations() throws {
        let survey = try Fixtures.validSurvey("neighbourhood")
        #expect(survey.id == "neighbourhood-survey")
        #expect(survey.version == "1.0")
        #expect(survey.languages == [Language(code: "en", name: "English", location: survey.languages.first?.location)])
        #expect(survey.sections.map(\.id) == ["begin", "your_area", "about_you"])
        #expect(survey.questions.count == 15)
        let change = try #require(survey.question("change_5yrs"))
        #expect(change.type == .selectOne)
        #expect(change.required)
        #expect(change.dontKnow != nil)
        #expect(survey.options(for: change).map(\.code) == ["better", "same", "worse", "dont_know"])
        #expect(survey.options(for: change).map(\.entry) == [1, 2, 3, 98])
        #expect(change.idLocation == SourceLocation(file: "valid/neighbourhood.survey.yml", line: 46, column: 13))
        let why = try #require(survey.question("why_change"))
        let test = try #require(why.showIf?.tests.first)
        #expect(test.comparison == .oneOf)
        #expect(test.values.map(\.text) == ["better", "worse"])
    }

    @Test func conditionShapes() throws {
        let survey = try Fixtures.validSurvey("neighbourhood")
        guard case .all(let parts)? = survey.question("feel_safe")?.showIf?.kind else {
            Issue.record("several keys should make an 'all'")
            return
        }
        #expect(parts.count == 2)
        guard case .any? = survey.question("get_there")?.showIf?.kind else {
            Issue.record("'any' should decode to .any")
            return
        }
        guard case .not? = survey.question("last_event")?.showIf?.kind else {
            Issue.record("'not' should decode to .not")
            return
        }
    }

    @Test func embeddedBlockLocationsAreShifted() throws {
        let yaml = "id: x\ntitle: T\nquestions:\n  - id: a\n    type: nope\n    label: A\n"
        let result = SurveyDecoder.decode(yaml: yaml, file: "guide.md", lineOffset: 11, columnOffset: 2)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "S010")
        #expect(diagnostic.location == SourceLocation(file: "guide.md", line: 16, column: 13))
    }

    @Test func syntaxErrorIsALocatedDiagnostic() throws {
        let result = SurveyDecoder.decode(yaml: "id: x\ntitle: [unclosed\n", file: "s.yml", lineOffset: 4)
        #expect(result.survey == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "yaml-bracket-unclosed")
        #expect(diagnostic.isError)
        #expect((diagnostic.location?.line ?? 0) > 4)
    }

    @Test("odd inputs never crash", arguments: ["", "   ", "---", "- a\n- b", "42", "id: [", "\u{0}", "a: *unknown", "? [a]\n: b"])
    func oddInputs(yaml: String) {
        let result = SurveyDecoder.decode(yaml: yaml, file: "odd.yml")
        #expect(result.survey == nil || !result.diagnostics.isEmpty)
    }

    @Test func unquotedBooleansAreKeptAsWrittenAndFlagged() throws {
        let yaml = """
        id: x
        title: T
        questions:
          - id: q
            type: select_one
            label: Q
            choices:
              - {code: yes, label: Yes}
              - {code: "no", label: No}
        """
        let survey = try #require(SurveyDecoder.decode(yaml: yaml, file: "s.yml").survey)
        guard case .inline(let choices, _)? = survey.question("q")?.choices else {
            Issue.record("inline choices expected")
            return
        }
        #expect(choices.map(\.code) == ["yes", "no"])
        #expect(choices.map(\.codeIsUnquotedBoolean) == [true, false])
    }

    @Test func includeOnlyBlocksAreDetected() {
        #expect(SurveyDecoder.includePath(yaml: "include: surveys/park.survey.yml\n") == "surveys/park.survey.yml")
        #expect(SurveyDecoder.includePath(yaml: "include: a.yml\nid: x\n") == nil)
        #expect(SurveyDecoder.includePath(yaml: "id: x\n") == nil)
        #expect(SurveyDecoder.includePath(yaml: "include: [") == nil)
    }

    @Test func loadReadsAFileAndReportsAMissingOne() throws {
        let url = try Fixtures.url("valid/bilingual.survey.yml")
        let (survey, diagnostics) = SurveyDecoder.load(file: url.path)
        #expect(survey?.id == "park-bilingual")
        #expect(diagnostics.isEmpty)
        let missing = SurveyDecoder.load(file: "/nonexistent/x.survey.yml")
        #expect(missing.0 == nil)
        #expect(missing.1.first?.code == "S001")
    }

    @Test func crossSurveyDuplicateIDs() throws {
        let a = try Fixtures.validSurvey("neighbourhood")
        var b = try Fixtures.validSurvey("bilingual")
        b.id = "Neighbourhood-Survey"
        let diagnostics = SurveyValidator.validateAcross([a, b])
        #expect(describe(diagnostics) == ["1:5 error S028 another survey already has the id 'neighbourhood-survey'"])
    }

    @Test func allowSilencesOnlyTheNamedQuestion() {
        let yaml = """
        id: x
        title: T
        version: "1"
        introduction: Hi.
        privacy_notice: Safe.
        contact: Jo.
        estimated_minutes: 2
        questions:
          - id: a
            type: yes_no
            label: Do you feel safe and welcome here?
            allow: {S201: "Piloted."}
          - id: b
            type: yes_no
            label: Do you feel safe and welcome there?
        """
        #expect(describe(check(yaml: yaml)) == ["15:12 warning S201 the question asks about two things joined by 'and'; ask one thing per question"])
    }
}
