import Foundation
import Testing

@Suite("doorstep survey check and pack PDFs")
struct SurveyCommandTests {
    @Test func surveyCheckPointsAtTheMistake() throws {
        let folder = DoorstepRunner.fixtures.appendingPathComponent("surveys")
        let result = try DoorstepRunner.run(["survey", "check", "park.survey.yml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "park.survey.yml:19:15: error: 'show_if' refers to 'used_prak', which is not a question in this survey [S014]\n"
            + "        show_if: {used_prak: \"yes\"}\n"
            + "                  ^~~~~~~~~\n"
            + "note: did you mean 'used_park'?\n"), "\(result.stderr)")
        #expect(result.stderr.contains("1 survey checked; 1 error, 0 warnings"))
    }

    @Test func surveyCheckNeedsAFile() throws {
        let result = try DoorstepRunner.run(["survey", "check"], in: DoorstepRunner.fixtures)
        #expect(result.status == 2)
        let missing = try DoorstepRunner.run(["survey", "check", "no-such.survey.yml"], in: DoorstepRunner.fixtures)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read 'no-such.survey.yml'"))
    }

    @Test func surveyCheckReadsAnIncludeBesideAPageGivenInFull() throws {
        let page = DoorstepRunner.fixtures.appendingPathComponent("surveys/pages/include.md").path
        let result = try DoorstepRunner.run(["survey", "check", page], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 1)
        let survey = DoorstepRunner.fixtures.appendingPathComponent("surveys/park.survey.yml").standardized.path
        #expect(result.stderr.hasPrefix("\(survey):19:15: error: 'show_if' refers to 'used_prak'"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("1 survey checked; 1 error, 0 warnings\n"), "\(result.stderr)")
    }

    @Test func surveyCheckPointsAtAMissingInclude() throws {
        let folder = DoorstepRunner.fixtures.appendingPathComponent("surveys")
        let result = try DoorstepRunner.run(["survey", "check", "pages/missing-include.md"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "pages/missing-include.md:8:10: error: the survey file 'nowhere.survey.yml' does not exist [survey-include-missing]\n"
            + "    include: nowhere.survey.yml\n"
            + "             ^~~~~~~~~~~~~~~~~~\n"
            + "note: looked for 'pages/nowhere.survey.yml'\n"), "\(result.stderr)")
        #expect(result.stderr.contains("0 surveys checked; 1 error, 0 warnings"))
    }

    @Test func surveyCheckReadsBlocksInAPageWithoutFrontMatter() throws {
        let folder = DoorstepRunner.fixtures.appendingPathComponent("surveys")
        let result = try DoorstepRunner.run(["survey", "check", "pages/inline.md"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "pages/inline.md:20:17: error: 'show_if' refers to 'consnet', which is not a question in this survey [S014]\n"),
            "\(result.stderr)")
        #expect(result.stderr.contains("1 survey checked; 1 error, 0 warnings"))
    }

    @Test func numbersNoSurveyNeedsAreErrorsNotACrash() throws {
        let project = try DoorstepRunner.project("good-site")
        let survey = try String(contentsOf: DoorstepRunner.fixtures.appendingPathComponent("surveys/park.survey.yml"), encoding: .utf8)
            .replacingOccurrences(of: "used_prak", with: "used_park")
            + "  - id: score\n    type: rating\n    min: 1e300\n    max: 1e300\n    label: How good is the park?\n"
            + "  - id: visits\n    type: select_one\n    label: How often do you go?\n    choices:\n"
            + "      - {code: a, label: Under 10}\n      - {code: b, label: 10 to 20}\n      - {code: c, label: Over 9223372036854775807}\n"
            + "  - id: story\n    type: text_long\n    lines: 100000000\n    label: Tell us about the park.\n"
        try survey.write(to: project.appendingPathComponent("toolkit-modules/beta/park.survey.yml"), atomically: true, encoding: .utf8)
        for arguments in [["survey", "check", "toolkit-modules/beta/park.survey.yml"], ["check"], ["build", "--no-pdf"]] {
            let result = try DoorstepRunner.run(arguments, in: project)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            for expected in ["23:10: error: 'min' must be from -1000000000 to 1000000000 [S024]",
                             "24:10: error: 'max' must be from -1000000000 to 1000000000 [S024]",
                             "35:12: error: 'lines' must be at most 60 [S024]"] {
                #expect(result.stderr.contains("park.survey.yml:\(expected)"), "\(arguments): \(result.stderr)")
            }
        }
    }

    /// `doorstep check` finds a page's surveys from its parsed blocks, `doorstep survey check` from its text;
    /// both must find the same surveys and report the same mistakes at the same places.
    @Test func buildAndSurveyCheckFindTheSameSurveys() throws {
        let project = try DoorstepRunner.project("good-site")
        let park = try String(contentsOf: DoorstepRunner.fixtures.appendingPathComponent("surveys/park.survey.yml"), encoding: .utf8)
        try park.write(to: project.appendingPathComponent("toolkit-modules/beta/park.survey.yml"), atomically: true, encoding: .utf8)
        let embedded = "id: stall\ntitle: Stall\nquestions:\n  - id: visits\n    type: integr\n    label: How often?\n"
        let listed = embedded.replacingOccurrences(of: "stall", with: "fair").split(separator: "\n").map { "   \($0)" }.joined(separator: "\n")
        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "Ask your neighbours.", with: """
            Ask your neighbours.

            ```survey
            \(embedded)```

            1. In a list:

               ```survey
            \(listed)
               ```

            ```survey
            include: park.survey.yml
            ```

            ```survey
            include: nowhere.survey.yml
            ```
            """)
        func surveyFindings(_ arguments: [String]) throws -> [String] {
            let result = try DoorstepRunner.run(arguments, in: project)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            return result.stderr.split(separator: "\n").map(String.init)
                .filter { $0.hasPrefix("toolkit-modules/beta/") && $0.contains(": error: ") }.sorted()
        }
        let built = try surveyFindings(["check"])
        let checked = try surveyFindings(["survey", "check", "toolkit-modules/beta/page.md"])
        #expect(built == checked)
        #expect(built.count == 4, "\(built)")
        #expect(built.contains { $0.hasSuffix("error: unknown question type 'integr' [S010]") && $0.contains("page.md:") })
        #expect(built.contains { $0.contains("park.survey.yml:19:15: error: 'show_if' refers to 'used_prak'") })
        #expect(built.contains { $0.contains(": error: the survey file 'nowhere.survey.yml' does not exist [survey-include-missing]") })
    }

    @Test func surveysEmbeddedInAPageGetTheirOwnPages() throws {
        let project = try DoorstepRunner.project("good-site")
        let survey = try String(contentsOf: DoorstepRunner.fixtures.appendingPathComponent("surveys/park.survey.yml"), encoding: .utf8)
            .replacingOccurrences(of: "used_prak", with: "used_park")
        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "Ask your neighbours.",
                                with: "Ask your neighbours.\n\n```survey\n\(survey)```\n")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        for file in ["index.html", "paper/index.html", "codebook/index.html", "codebook.csv", "park-survey.json", "park-survey.xlsx"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/surveys/park-survey/\(file)").path), "\(file)")
        }
        let page = try DoorstepRunner.read(project, "site/beta/page/index.html")
        #expect(page.contains("<a href=\"../../surveys/park-survey/paper/index.html\">Print the paper questionnaire</a>"))
    }

    @Test func aMissingPDFEngineIsSaidOnceAndHTMLIsStillWritten() throws {
        let project = try DoorstepRunner.project("good-site")
        let missing = ["DOORSTEP_WEASYPRINT": "/nonexistent/weasyprint"]
        let result = try DoorstepRunner.run(["build"], in: project, environment: missing)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "DOORSTEP_WEASYPRINT names '/nonexistent/weasyprint'").count == 2, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/packs/alpha-pack.html").path))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site/packs/alpha-pack.pdf").path))
        let module = try DoorstepRunner.read(project, "site/alpha/index.html")
        #expect(module.contains("../packs/alpha-pack.html"))
        #expect(!module.contains(".pdf"), "no link to a PDF that was not made")

        let required = try DoorstepRunner.run(["build", "--require-pdf"], in: project, environment: missing)
        #expect(required.status == 2)
        #expect(required.stderr.contains("--require-pdf"))
    }
}
