import Diagnostics
import Foundation
import Testing
@testable import Survey

/// Repeats, calculations, defaults, patterns, cascades, top-N ranking, required messages, metadata and
/// encryption, as each output carries them.
@Suite("Form logic")
struct FormLogicTests {
    static func sheets() throws -> (survey: Survey, sheets: XLSForm.Sheets) {
        let survey = try Fixtures.validSurvey("logic")
        return (survey, XLSForm.sheets(survey))
    }

    /// Errors from decoding and validating, in order.
    static func errors(_ yaml: String) -> [Diagnostic] {
        let decoded = SurveyDecoder.decode(yaml: yaml, file: "t.yml")
        return (decoded.diagnostics + (decoded.survey.map(SurveyValidator.validate) ?? [])).filter(\.isError)
    }

    /// A survey row of the XLSForm by name, as column → cell.
    static func row(_ name: String, in sheets: XLSForm.Sheets) -> [String: String]? {
        let header = sheets.survey[0]
        guard let row = sheets.survey.dropFirst().first(where: { $0[1] == name }) else { return nil }
        return Dictionary(zip(header, row).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func repeatAddedOneByOneBecomesABeginRepeatWithALimitAndACount() throws {
        let (_, sheets) = try Self.sheets()
        let begin = try #require(Self.row("children", in: sheets))
        #expect(begin["type"] == "begin_repeat")
        #expect(begin["label"] == "Children who came with you")
        #expect(Self.row("child_age", in: sheets)?["constraint"] == "(. >= 0 and . <= 17) and position(..) <= 4")
        let count = try #require(Self.row("children_count", in: sheets))
        #expect(Self.row("child_total", in: sheets)?["calculation"] == "count(${children})")
        #expect(count["type"] == "calculate")
        #expect(count["calculation"] == "count(${children})")
        #expect(sheets.survey.contains { $0[0] == "end_repeat" && $0[1] == "children" })
    }

    @Test func repeatCountedByAnEarlierQuestionUsesRepeatCount() throws {
        let yaml = """
        id: home
        title: Home
        sections:
          - id: home
            title: Home
            questions:
              - {id: size, type: integer, label: How many people live here?, min: 1, max: 6}
          - id: people
            title: People
            repeat: {count: size}
            item_label: Person
            questions:
              - {id: age, type: integer, label: How old is this person?, min: 0, max: 120}
              - {id: works, type: yes_no, label: Does this person work?, show_if: {age: {at_least: 16}}}
        """
        let decoded = SurveyDecoder.decode(yaml: yaml, file: "home.yml")
        let survey = try #require(decoded.survey)
        #expect(decoded.diagnostics.isEmpty && SurveyValidator.validate(survey).filter(\.isError).isEmpty)
        let sheets = XLSForm.sheets(survey)
        #expect(Self.row("people", in: sheets)?["repeat_count"] == "${size}")
        #expect(Self.row("works", in: sheets)?["relevant"] == "${age} >= 16")
        // One column per person, named as the codebook and the web form's CSV name them.
        let names = survey.variables.map(\.name)
        #expect(names == ["size"] + (1...6).flatMap { ["age_\($0)", "works_\($0)"] })
        let works2 = try #require(survey.askedQuestions.first { $0.question.id == "works_2" })
        #expect(SkipLogic.xpath(try #require(works2.question.showIf), in: survey) == "${size} >= 2 and ${age_2} >= 16")
        // Paper prints a block for each of the six possible people; the web form too, hidden past the count.
        let paper = PaperQuestionnaire.html(survey)
        #expect(paper.components(separatedBy: "survey-paper-repeat-heading").count - 1 == 6)
        #expect(paper.contains(">Person 6</h3>"))
        let web = WebForm.html(survey)
        #expect(web.components(separatedBy: "data-repeat-item=").count - 1 == 6)
        #expect(web.contains("data-question=\"age_3\""))
        #expect(web.contains("data-repeat-count=\"size\""))
        let codebook = Codebook.rows(survey)
        let age2 = try #require(codebook.first { $0[0] == "age_2" })
        #expect(age2[1] == "How old is this person? (Person 2)")
        #expect(age2[4] == "Q1 is 2 or more")
    }

    @Test func calculationsBecomeXPathAndAreLeftOffPaper() throws {
        let (survey, sheets) = try Self.sheets()
        #expect(Self.row("group_size", in: sheets)?["calculation"] == "(${adults} + count(${children}))")
        #expect(Self.row("ages_added", in: sheets)?["calculation"] == "(sum(${child_age}) div 2)")
        let paper = PaperQuestionnaire.html(survey)
        #expect(!paper.contains("People in the group"))
        let web = WebForm.html(survey)
        #expect(web.contains("data-type=\"calculate\""))
        #expect(web.contains("<output class=\"survey-calculated-value\" id=\"q-group_size-value\">"))
        let codebook = try #require(Codebook.rows(survey).first { $0[0] == "group_size" })
        #expect(codebook[4] == "Worked out: adults + count(children)")
        let parsed = try CalcParser.parse("a + b * (c - 2) / d").get()
        #expect(CalcOutput.xpath(parsed) == "(${a} + ((${b} * (${c} - 2)) div ${d}))")
    }

    @Test func defaultsPatternsCascadesAndRequiredMessagesReachTheXLSForm() throws {
        let (_, sheets) = try Self.sheets()
        #expect(Self.row("visit_date", in: sheets)?["default"] == "today()")
        #expect(Self.row("gate", in: sheets)?["default"] == "north")
        #expect(Self.row("adults", in: sheets)?["default"] == "1")
        #expect(Self.row("group_code", in: sheets)?["constraint"] == "regex(., '^[A-Z]{2}[0-9]{3}$')")
        #expect(Self.row("group_code", in: sheets)?["constraint_message"] == "Write two capital letters and three digits, such as AB123.")
        #expect(Self.row("postcode", in: sheets)?["constraint"] == "regex(., '\(PatternPreset.ukPostcode.regex)')")
        #expect(Self.row("postcode", in: sheets)?["constraint_message"] == "Enter a UK postcode, such as SW1A 1AA.")
        #expect(Self.row("spot", in: sheets)?["choice_filter"] == "parent = ${gate}")
        #expect(sheets.choices[0].last == "parent")
        #expect(sheets.choices.contains(["spots", "pond", "The pond", "north"]))
        #expect(Self.row("adults", in: sheets)?["required_message"] == "Say how many adults came, even if it is none.")
    }

    @Test func topRanksAreChooseOneQuestionsThatLeaveOutEarlierPicks() throws {
        let (_, sheets) = try Self.sheets()
        #expect(Self.row("favourite_rank1", in: sheets)?["type"] == "select_one favourite")
        #expect(Self.row("favourite_rank1", in: sheets)?["hint"] == "Choice 1 of 2")
        #expect(Self.row("favourite_rank2", in: sheets)?["choice_filter"] == "name != ${favourite_rank1}")
        let answer = try #require(Self.row("favourite", in: sheets))
        #expect(answer["type"] == "calculate")
        #expect(answer["calculation"] == "normalize-space(concat(${favourite_rank1}, ' ', ${favourite_rank2}))")
    }

    @Test func dontKnowIsBesideTheAnswerNotASecondRequiredQuestion() throws {
        let survey = try Fixtures.validSurvey("bilingual")
        let sheets = XLSForm.sheets(survey)
        let na = try #require(Self.row("children_na", in: sheets))
        #expect(na["required"] == "")
        #expect(na["appearance"] == "")
        #expect(na["constraint"] == "${children} = ''")
        let screen = try #require(Self.row("children_screen", in: sheets))
        #expect(screen["type"] == "begin_group")
        #expect(screen["appearance"] == "field-list")
    }

    @Test func identicalListsAreWrittenOnce() throws {
        let (_, sheets) = try Self.sheets()
        let names = sheets.choices.dropFirst().map { $0[0] }
        #expect(names.filter { $0 == "yes_no_maybe" }.count == 2)
        #expect(!names.contains("bring_friends"))
        #expect(Self.row("bring_friends", in: sheets)?["type"] == "select_one yes_no_maybe")
    }

    @Test func metadataAndEncryptionSettings() throws {
        let (survey, sheets) = try Self.sheets()
        #expect(Array(sheets.survey.dropFirst().prefix(5).map { $0[0] }) == ["start", "end", "today", "deviceid", "username"])
        let settings = Dictionary(zip(sheets.settings[0], sheets.settings[1]).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        #expect(settings["public_key"]?.hasPrefix("MIIBIjANBg") == true)
        #expect(settings["submission_url"] == "https://kf.example.org/submission")
        #expect(Array(survey.variables.prefix(3).map(\.name)) == ["today", "deviceid", "username"])
    }

    @Test func webFormCarriesDefaultsCascadesPatternsAndTheAddAnotherButtons() throws {
        let survey = try Fixtures.validSurvey("logic")
        let web = WebForm.html(survey)
        #expect(web.contains("data-default=\"today\""))
        #expect(web.contains("value=\"north\" data-entry=\"1\" checked"))
        #expect(web.contains("data-filter-by=\"gate\""))
        #expect(web.contains("<div class=\"survey-option\" data-parent=\"north\"><input type=\"radio\" id=\"q-spot-pond\""))
        #expect(web.contains("&quot;pattern&quot;:&quot;^[A-Z]{2}[0-9]{3}$&quot;"))
        #expect(web.contains("data-required-message=\"Say how many adults came, even if it is none.\""))
        #expect(web.contains("data-action=\"add-item\""))
        #expect(web.contains("name=\"children_count\" value=\"1\""))
        #expect(web.components(separatedBy: "data-repeat-item=").count - 1 == 4)
        // The CSV has the count, then each child's columns.
        let names = survey.variables.map(\.name)
        let first = try #require(names.firstIndex(of: "child_age_1"))
        #expect(names[first - 1] == "children_count")
        #expect(names.contains("child_age_4_na"))
    }

    @Test func paperGroupsACascadeUnderItsParent() throws {
        let survey = try Fixtures.validSurvey("logic")
        let paper = PaperQuestionnaire.html(survey)
        let north = try #require(paper.range(of: "<li class=\"survey-paper-option-group\">North gate</li>"))
        let south = try #require(paper.range(of: "<li class=\"survey-paper-option-group\">South gate</li>"))
        let pond = try #require(paper.range(of: "The pond"))
        let playground = try #require(paper.range(of: "The playground"))
        #expect(north.lowerBound < pond.lowerBound && pond.lowerBound < south.lowerBound && south.lowerBound < playground.lowerBound)
    }

    /// Each mistake gives one located error in plain words.
    @Test(arguments: [
        ("  - {id: a, type: integer, label: A}\n  - {id: t, type: calculate, label: T, calculate: a + b}\n",
         "5:55 S031 the calculation uses 'b', which is not a question in this survey"),
        ("  - {id: a, type: integer, label: A}\n  - {id: t, type: calculate, label: T, calculate: (a + 2}\n",
         "5:51 S031 the bracket opened here is never closed"),
        ("  - {id: a, type: text, label: A}\n  - {id: t, type: calculate, label: T, calculate: a * 2}\n",
         "5:51 S031 the calculation uses 'a', which is a text question; only numbers can be added up"),
        ("  - {id: a, type: text, label: A, pattern: \"^[0-9]{6}$\"}\n",
         "4:44 S033 a pattern of your own needs a 'constraint_message' that says what to type, such as \"Enter 6 digits.\""),
        ("  - {id: a, type: text, label: A, pattern: \"([0-9\", constraint_message: Six digits.}\n",
         "4:44 S033 the pattern is not a regular expression that can be read; check its brackets and backslashes"),
        ("  - {id: a, type: text, label: A, pattern: postcode}\n",
         "4:44 S024 'postcode' is not a pattern preset; use uk_postcode, uk_phone, email or a regular expression such as '^[0-9]{6}$'"),
        ("  - {id: a, type: text, label: A, required_message: Say something.}\n",
         "4:53 S036 'required_message' is shown only for a required question; add 'required: true' or remove it"),
        ("  - {id: a, type: text, label: A, default: today}\n",
         "4:44 S037 'default: today' is for a date question"),
        ("  - {id: a, type: integer, label: A, min: 1, max: 5, default: 9}\n",
         "4:63 S037 the default 9 is above the maximum 5"),
        ("  - {id: w, type: select_one, label: W, choices: [{code: n, label: N}]}\n  - {id: s, type: select_one, label: S, filter_by: w, choices: [{code: x, label: X, parent: m}]}\n",
         "5:93 S034 'm' is not a code of 'w'"),
    ])
    func mistakesAreLocated(body: String, expected: String) throws {
        let errors = Self.errors("id: t\ntitle: T\nquestions:\n" + body).map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code) \($0.message)" }
        #expect(errors == [expected])
    }

    @Test func repeatMistakes() throws {
        func errors(_ yaml: String) -> [String] { Self.errors(yaml).map { "\($0.code) \($0.message)" } }
        let noMax = "id: t\ntitle: T\nsections:\n  - {id: a, questions: [{id: n, type: integer, label: N}]}\n"
            + "  - {id: p, repeat: {count: n}, questions: [{id: age, type: integer, label: Age}]}\n"
        #expect(errors(noMax) == ["S035 'n' needs a 'max', so that the paper form prints a block for each member"])
        let outside = "id: t\ntitle: T\nsections:\n  - {id: p, repeat: 3, questions: [{id: age, type: integer, label: Age}]}\n"
            + "  - {id: b, questions: [{id: old, type: yes_no, label: Old, show_if: {age: {at_least: 60}}}]}\n"
        #expect(errors(outside) == ["S032 'show_if' refers to 'age', which is asked for each member of 'p'; only questions in that section can use it"])
        let clash = "id: t\ntitle: T\nsections:\n  - {id: a, questions: [{id: age_2, type: integer, label: N}]}\n"
            + "  - {id: p, repeat: 3, questions: [{id: age, type: integer, label: Age}]}\n"
        #expect(errors(clash) == ["S006 'age' in a repeat becomes the column 'age_2', which is also a question id; rename one"])
        let counted = "id: t\ntitle: T\nsections:\n  - {id: p, repeat: 3, questions: [{id: age, type: integer, label: Age}]}\n"
            + "  - {id: b, questions: [{id: p_count, type: integer, label: N}]}\n"
        #expect(errors(counted) == ["S006 'p_count' is the column that counts the members of 'p'; give the question another id"])
    }

    @Test func aSelfCompletionPhoneFormAsksNothingAboutAVisit() throws {
        let body = "questions:\n  - {id: q, type: yes_no, label: Do you like it here?}\n"
        func sheets(_ setting: String) throws -> XLSForm.Sheets {
            let decoded = SurveyDecoder.decode(yaml: "id: t\ntitle: T\n\(setting)" + body, file: "t.yml")
            #expect(decoded.diagnostics.isEmpty)
            return XLSForm.sheets(try #require(decoded.survey))
        }
        let doorstep = try sheets("")
        #expect(Self.row("outcome", in: doorstep)?["type"]?.hasPrefix("select_one") == true)
        #expect(Self.row("q", in: doorstep)?["relevant"] == "${outcome} = 'completed'")

        let own = try sheets("phone_form: self-completion\n")
        #expect(Self.row(XLSForm.Builder.visitGroup, in: own) == nil)
        #expect(Self.row("outcome", in: own)?["type"] == "calculate")
        #expect(Self.row("outcome", in: own)?["calculation"] == "'completed'")
        #expect(Self.row("volunteer_id", in: own)?["calculation"] == "''")
        #expect(Self.row("q", in: own)?["relevant"] ?? "" == "")
        // The same columns either way, so answers from both kinds of form come back together.
        let names = { (sheets: XLSForm.Sheets) in Set(sheets.survey.dropFirst().map { $0[1] }).subtracting([XLSForm.Builder.visitGroup]) }
        #expect(names(own) == names(doorstep))

        let wrong = Self.errors("id: t\ntitle: T\nphone_form: self completion\n" + body).map { "\($0.code) \($0.message)" }
        #expect(wrong == ["S024 'phone_form' is who fills in the phone form: door-to-door or self-completion, not 'self completion'"])
    }

    @Test func specialCategoryWithoutAPublicKeyIsWarned() throws {
        let yaml = "id: t\ntitle: T\nquestions:\n  - {id: e, type: text, label: Your ethnic group, special_category: racial_or_ethnic_origin}\n"
        let survey = try #require(SurveyDecoder.decode(yaml: yaml, file: "t.yml").survey)
        #expect(SurveyValidator.validate(survey).contains { $0.code == "S218" && !$0.isError })
        var keyed = survey
        keyed.logic.publicKey = "MIIB"
        #expect(!SurveyValidator.validate(keyed).contains { $0.code == "S218" })
    }
}
