import Foundation
import Testing

@Suite("a survey in English and Welsh through doorstep build")
struct SurveyLanguageTests {
    @Test func buildsEveryOutputInBothLanguagesWithTheProjectsOwnWording() throws {
        let project = try DoorstepRunner.project("bilingual-site")
        let result = try DoorstepRunner.run(["build", "--no-pdf", "--strict"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let folder = "site/surveys/park-bilingual"
        let english = try DoorstepRunner.read(project, "\(folder)/index.html")
        let welsh = try DoorstepRunner.read(project, "\(folder)/index.cy.html")
        #expect(english.contains("<h2 id=\"survey-error-title\">There is a problem</h2>"))
        #expect(welsh.contains("<h2 id=\"survey-error-title\">Mae problem wedi codi</h2>"))
        #expect(welsh.contains("<article class=\"survey-page survey-page-web\" lang=\"cy\">"))
        #expect(welsh.contains("<h1>Y parc</h1>"))
        #expect(welsh.contains("<a href=\"index.html\" hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(english.contains("<a href=\"index.cy.html\" hreflang=\"cy\" lang=\"cy\">Cymraeg</a>"))
        #expect(english.contains("data-survey-languages data-first-page=\"true\""))
        #expect(!welsh.contains("data-first-page"), "only the first page follows a remembered choice")
        let paper = try DoorstepRunner.read(project, "\(folder)/paper/index.cy.html")
        #expect(paper.contains("Dyna’r cwestiwn olaf. Diolch yn fawr am eich amser."), "wording/cy.yml overrides the ending")
        #expect(paper.contains("<a href=\"index.html\" hreflang=\"en\" lang=\"en\">English</a>"))
        let englishPaper = try DoorstepRunner.read(project, "\(folder)/paper/index.html")
        #expect(englishPaper.contains("This is the end of the questionnaire. Thank you for your time."))
        let codebook = try DoorstepRunner.read(project, "\(folder)/codebook.cy.csv")
        #expect(codebook.hasPrefix("variable,label,type,codes,asked_if\r\n"), "both codebooks share one header")
        #expect(codebook.contains("how_often,Pa mor aml ydych chi'n mynd yno?,scale"))
        #expect(try DoorstepRunner.read(project, "\(folder)/codebook/index.cy.html").contains("<th scope=\"col\">Newidyn</th>"))
    }

    @Test func aMistakeInAWordingFileStopsTheBuildAtItsLine() throws {
        let project = try DoorstepRunner.project("bilingual-site")
        try "web:\n  choose_on: Dewiswch un.\n".write(to: project.appendingPathComponent("wording/cy.yml"), atomically: true, encoding: .utf8)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("wording/cy.yml:2:3: error: there is no wording called 'web.choose_on' [wording-unknown-key]"), "\(result.stderr)")
        #expect(result.stderr.contains("note: did you mean 'web.choose_one'?"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path), "no half-written site")
    }

    @Test func surveyWordingPrintsATableToStartFrom() throws {
        let result = try DoorstepRunner.run(["survey", "wording", "cy"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stdout.contains("  choose_one: Dewiswch un.\n"))
        let unknown = try DoorstepRunner.run(["survey", "wording", "pl"], in: FileManager.default.temporaryDirectory)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Doorstep has no 'pl' wording table (it has cy, en)"))
    }

    @Test func surveyCheckReadsTheProjectsWording() throws {
        let project = try DoorstepRunner.project("bilingual-site")
        let survey = "toolkit-modules/park/surveys/park.survey.yml"
        #expect(try DoorstepRunner.run(["survey", "check", survey], in: project).status == 0)
        try "web:\n  time_many: Deg munud.\n".write(to: project.appendingPathComponent("wording/cy.yml"), atomically: true, encoding: .utf8)
        let result = try DoorstepRunner.run(["survey", "check", survey], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("wording/cy.yml:2:14: error: 'web.time_many': it must contain {minutes}, which Doorstep fills in"), "\(result.stderr)")
    }
}
