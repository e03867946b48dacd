import Diagnostics
import Foundation
import Testing
@testable import Survey

/// Numbers and sizes from a user's file must end as located errors, never as a crash or a huge output.
@Suite("Limits")
struct LimitsTests {
    /// A survey no file can produce any more: the outputs must still cope with it.
    static func extremeSurvey() -> Survey {
        func question(_ id: String, _ type: QuestionType, _ change: (inout Question) -> Void) -> Question {
            var question = Question(id: id, type: type, label: LocalizedText("Question \(id)?"))
            change(&question)
            return question
        }
        var survey = Survey(id: "extreme", title: LocalizedText("Extreme"), file: "extreme.survey.yml")
        let huge = NumberValue(value: 1e300, text: "1e300"), tiny = NumberValue(value: -1e300, text: "-1e300")
        survey.sections = [Section(id: "all", questions: [
            question("score", .rating) { $0.min = huge; $0.max = huge },
            question("wide", .rating) { $0.min = tiny; $0.max = huge },
            question("amount", .decimal) { $0.max = tiny },
            question("count", .integer) { $0.min = tiny; $0.max = huge },
            question("story", .textLong) { $0.lines = Int.max },
            question("name", .text) {
                $0.minLength = NumberValue(value: Double(Int.max), text: "\(Int.max)")
                $0.maxLength = NumberValue(value: Double(Int.max), text: "\(Int.max)")
            },
            question("order", .ranking) {
                $0.rank = Int.max
                $0.choices = .inline([Choice(code: "a", label: LocalizedText("A"), entry: Int.max),
                                      Choice(code: "b", label: LocalizedText("B"), entry: Int.min)], location: nil)
            },
        ])]
        return survey
    }

    @Test func outputsNeverTrapOnValuesOutOfRange() throws {
        let survey = Self.extremeSurvey()
        let paper = PaperQuestionnaire.html(survey)
        let form = WebForm.html(survey)
        // 'score' runs from the limit to the limit (one point), 'wide' from the lower limit for as many points as a rating has.
        #expect(paper.components(separatedBy: "survey-paper-rating-point\"").count - 1 == 1 + SurveyLimits.maxRatingPoints)
        #expect(paper.components(separatedBy: "<span class=\"survey-paper-line\">").count - 1 == SurveyLimits.maxLines + 1)
        #expect(form.contains("rows=\"\(SurveyLimits.maxLines)\""))
        #expect(form.contains("max_length&quot;:\(SurveyLimits.largestNumber)"))
        #expect(form.components(separatedBy: "type=\"radio\" id=\"q-").count - 1 == 1 + SurveyLimits.maxRatingPoints)
        #expect(!XLSForm.sheets(survey).survey.isEmpty)
        #expect(try !XLSForm.xlsx(survey).isEmpty)
        #expect(SurveyJSON.encode(survey).contains("\"extreme\""))
        #expect(Codebook.csv(survey).contains("order"))
    }

    @Test func wholeNumbersForOutputAreClamped() {
        #expect(SurveyLimits.whole(1e300) == SurveyLimits.largestNumber)
        #expect(SurveyLimits.whole(-1e300) == -SurveyLimits.largestNumber)
        #expect(SurveyLimits.whole(.nan) == 0)
        #expect(SurveyLimits.whole(.infinity) == 0)
        #expect(SurveyLimits.whole(-7.9) == -7)
    }

    @Test func bandsIgnoreNumbersTooLargeToCompare() throws {
        #expect(Band("Over 9223372036854775807") == nil)
        #expect(Band("Under 99999999999999999999") == nil)
        #expect(Band("1000000001 or more") == nil)
        let over = try #require(Band("Over 1000000000"))
        #expect(over.low == 1_000_000_001)
        let pair = try #require(Band("£10,000 to £19,999"))
        #expect((pair.low, pair.high) == (10_000, 19_999))
        #expect(Band.patterns.count == Band.Shape.allCases.count, "every band pattern compiles")
    }

    @Test("bounds at the limits are accepted, one past them is a located error", arguments: [
        ("lines: 60", "text_long", nil),
        ("lines: 61", "text_long", "S024 'lines' must be at most 60"),
        ("lines: 0", "text_long", "S024 'lines' must be at least 1"),
        ("max: 1000000000", "integer", nil),
        ("min: -1000000000", "integer", nil),
        ("max: 1000000001", "integer", "S024 'max' must be from -1000000000 to 1000000000"),
        ("min: -1e10", "decimal", "S024 'min' must be from -1000000000 to 1000000000"),
        ("rank: 99999999999999999999", "ranking", "S024 'rank' must be at most 1000000000"),
        ("max_length: -99999999999999999999", "text", "S024 'max_length' must be at least 1"),
        ("max_length: 12abc", "text", "S004 'max_length' must be a whole number"),
    ] as [(String, String, String?)])
    func limits(line: String, type: String, expected: String?) {
        let choices = type == "ranking" ? "\n    choices: [{code: a, label: A}, {code: b, label: B}]" : ""
        let yaml = "id: t\ntitle: T\nquestions:\n  - id: q\n    type: \(type)\n    label: Q\n    \(line)\(choices)\n"
        let valueColumn = 5 + (line.firstIndex(of: ":").map { line.distance(from: line.startIndex, to: $0) } ?? 0) + 2
        let found = SurveyDecoder.decode(yaml: yaml, file: "t.yml").diagnostics
        #expect(describe(found) == (expected.map { ["7:\(valueColumn) error \($0)"] } ?? []))
    }

    @Test func anAliasUsedAFewTimesIsStillFine() throws {
        let shared = """
        id: t
        title: T
        questions:
          - {id: a, type: select_one, label: A, choices: &abc [{code: x, label: X}, {code: y, label: Y}]}
          - {id: b, type: select_one, label: B, choices: *abc}
        """
        let decoded = SurveyDecoder.decode(yaml: shared, file: "t.yml")
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        #expect(decoded.survey?.questions.count == 2)
    }
}
