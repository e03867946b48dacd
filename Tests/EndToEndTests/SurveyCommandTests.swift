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
