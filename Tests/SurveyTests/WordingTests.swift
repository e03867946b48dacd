import Diagnostics
import Foundation
import Testing
@testable import Survey

/// The wording tables: complete English and Welsh, a project's own files on top, and the validator's
/// report of what a declared language still lacks.
@Suite("Wording tables")
struct WordingTests {
    static var scaleKeys: [String] {
        BuiltInChoices.scaleNames.flatMap { name in (BuiltInChoices.scaleRows(name) ?? []).map(\.key) }
    }

    @Test("the shipped English and Welsh tables have every key and nothing else", arguments: ["en", "cy"])
    func shippedTableIsComplete(language: String) throws {
        let table = try #require(Wording.builtIn.tables[language], "no built-in '\(language)' table")
        let expected = Set(WordingKey.allCases.map(\.rawValue) + Self.scaleKeys)
        #expect(Set(table.keys).subtracting(expected).sorted() == [], "keys no output uses")
        #expect(expected.subtracting(table.keys).sorted() == [], "keys missing")
        for (key, entry) in table {
            #expect(!entry.text.isEmpty, "\(language) \(key) is empty")
        }
    }

    @Test func welshKeepsEveryPlaceholderOfTheEnglish() throws {
        let english = try #require(Wording.builtIn.tables["en"])
        let welsh = try #require(Wording.builtIn.tables["cy"])
        for (key, entry) in english {
            #expect(Wording.placeholders(welsh[key]?.text ?? "") == Wording.placeholders(entry.text), "\(key)")
        }
    }

    @Test func welshDiffersFromEnglishWhereTheWordsDiffer() throws {
        // Only names, codes and file formats read the same in both languages.
        let same: Set<String> = ["paper.question_number", "pages.xlsform", "pages.json", "codebook.label", "paper.go_to", "logic.member"]
        let english = try #require(Wording.builtIn.tables["en"])
        let welsh = try #require(Wording.builtIn.tables["cy"])
        let untranslated = english.keys.filter { welsh[$0]?.text == english[$0]?.text && !same.contains($0) }.sorted()
        #expect(untranslated == [])
    }

    @Test func fillReplacesOnlyKnownPlaceholders() {
        #expect(Wording.fill("Go to {question}.", ["question": "Q7"]) == "Go to Q7.")
        #expect(Wording.fill("{a}{b} {c} {", ["a": "1", "b": "2"]) == "12 {c} {")
        #expect(Wording.fill("{{a}}", ["a": "x"]) == "{x}")
        #expect(Wording.placeholders("{first}, ac os {second} {not a name}") == ["first", "second"])
    }

    @Test func languageSubtagFallsBackToItsBaseTable() {
        #expect(Wording.builtIn.text(.webChooseOne, in: "cy-GB") == "Dewiswch un.")
        #expect(Wording.builtIn.entry(WordingKey.webChooseOne.rawValue, in: "pl") == nil)
    }

    @Test func welshOutputsCarryNoEnglishInterfaceText() throws {
        let survey = try Fixtures.validSurvey("bilingual")
        let english = try #require(Wording.builtIn.tables["en"])
        let welsh = try #require(Wording.builtIn.tables["cy"])
        let outputs = [
            "form": WebForm.html(survey, language: "cy"), "paper": PaperQuestionnaire.html(survey, language: "cy"),
            "codebook": Codebook.html(survey, language: "cy"), "codebook.csv": Codebook.csv(survey, language: "cy"),
        ]
        // The fixed words of each English text, between its placeholders, that Welsh does not share.
        for (key, entry) in english where welsh[key]?.text != entry.text {
            let pieces = entry.text.split(whereSeparator: { $0 == "{" || $0 == "}" }).enumerated()
                .filter { index, piece in index % 2 == (entry.text.hasPrefix("{") ? 1 : 0) && piece.trimmingCharacters(in: .whitespaces).count >= 5 }
                .map { String($0.element).trimmingCharacters(in: .whitespaces) }
            for piece in pieces {
                for (name, text) in outputs {
                    #expect(!text.contains(piece), "\(name) in Welsh shows '\(piece)' (\(key))")
                }
            }
        }
        #expect(outputs["form"]!.contains("<h2 id=\"survey-error-title\">Mae problem wedi codi</h2>"))
        #expect(outputs["form"]!.contains("lang=\"cy\""))
        #expect(outputs["paper"]!.contains("Atebwch dim ond os mai ‘Ie’ yw’r ateb i C2."))
    }

    // MARK: A project's own wording

    @Test func projectFileOverridesOneEntryAndKeepsTheRest() throws {
        let (project, diagnostics) = ProjectWording.read([(path: "wording/cy.yml", text: "web:\n  choose_one: Dewiswch un ateb.\n")])
        #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
        var survey = try Fixtures.validSurvey("bilingual")
        survey.wording = project
        let welsh = WebForm.html(survey, language: "cy")
        #expect(welsh.contains("<p class=\"survey-instruction\">Dewiswch un ateb.</p>"))
        #expect(welsh.contains("Mae problem wedi codi"))
        #expect(!WebForm.html(survey, language: "en").contains("Dewiswch"))
    }

    @Test func dottedKeysWorkLikeGroups() {
        let (wording, diagnostics) = WordingFile.decodeProjectFile(yaml: "web.choose_one: Pick one.\n", path: "wording/en.yml")
        #expect(diagnostics.isEmpty)
        #expect(wording.tables["en"]?["web.choose_one"]?.text == "Pick one.")
    }

    @Test func unknownKeyIsReportedWhereItIsWithASuggestion() {
        let yaml = "web:\n  choose_on: Dewiswch un.\n"
        let (_, diagnostics) = WordingFile.decodeProjectFile(yaml: yaml, path: "wording/cy.yml")
        #expect(describe(diagnostics) == ["2:3 error wording-unknown-key there is no wording called 'web.choose_on'"])
        #expect(diagnostics.first?.notes == ["did you mean 'web.choose_one'?"])
    }

    @Test func textThatDropsAPlaceholderIsAnError() {
        let yaml = "web:\n  time_many: Mae'n cymryd tua deg munud.\n"
        let (wording, diagnostics) = WordingFile.decodeProjectFile(yaml: yaml, path: "wording/cy.yml")
        #expect(describe(diagnostics) == ["2:14 error wording-placeholder 'web.time_many': it must contain {minutes}, which Doorstep fills in"])
        #expect(wording.tables["cy"]?["web.time_many"] == nil, "the broken entry must not replace the built-in one")
    }

    @Test func groupGivenAsOneTextAndEmptyTextAreErrors() {
        let yaml = "web: Hello\npaper:\n  end:\n"
        let (_, diagnostics) = WordingFile.decodeProjectFile(yaml: yaml, path: "wording/cy.yml")
        #expect(describe(diagnostics) == [
            "1:1 error wording-unknown-key 'web' is a group of texts, not one text: put its entries under it, such as 'choose_one: …'",
            "3:3 error wording-not-text 'paper.end' is empty: give its text, or leave the line out to keep Doorstep's own",
        ])
    }

    @Test func fileNotNamedAfterALanguageIsAnError() {
        let (_, diagnostics) = WordingFile.decodeProjectFile(yaml: "web:\n  save: Save\n", path: "wording/Welsh.yml")
        #expect(describe(diagnostics).first?.hasPrefix("1:1 error wording-file-name 'Welsh.yml' is not named after a language code") == true)
    }

    @Test func yamlMistakeInAWordingFileIsLocated() {
        let (_, diagnostics) = WordingFile.decodeProjectFile(yaml: "web:\n  save: \"Cadw\n", path: "wording/cy.yml")
        #expect(diagnostics.count == 1)
        // The quote opened on line 2 is never closed: said there, in the shared YAML layer's words.
        #expect(diagnostics.first?.code.hasPrefix("yaml-") == true)
        #expect(diagnostics.first?.location?.file == "wording/cy.yml")
        #expect(diagnostics.first?.location?.line == 2)
    }

    // MARK: What a declared language lacks

    static let polish = """
        id: park-pl
        title: {en: "The park", pl: "Park"}
        version: "1"
        languages: {en: English, pl: Polski}
        introduction: {en: "Hello.", pl: "Dzień dobry."}
        privacy_notice: {en: "Safe.", pl: "Bezpieczne."}
        contact: {en: "Jo.", pl: "Jo."}
        estimated_minutes: 2
        questions:
          - id: used_park
            type: yes_no
            label: {en: "Have you used the park?", pl: "Czy korzystałeś z parku?"}
        """

    @Test func aLanguageWithoutWordingGetsOneErrorNamingEveryMissingKey() throws {
        let diagnostics = check(yaml: Self.polish).filter { $0.code == "S050" }
        #expect(diagnostics.count == 1)
        let error = try #require(diagnostics.first)
        #expect(error.location?.line == 4)
        #expect(error.location?.column == 26)
        let needed = try #require(SurveyDecoder.decode(yaml: Self.polish, file: "t").survey).neededWordingKeys
        #expect(error.message == "there is no 'pl' (Polski) wording for \(needed.count) texts the survey's forms add")
        #expect(needed.contains("yes_no.yes") && !needed.contains("consent.yes") && !needed.contains("scale.agree5.agree"))
        #expect(error.notes.first?.contains("web.error_summary_title") == true)
        #expect(error.notes.first?.contains("yes_no.no") == true)
        #expect(error.notes.last?.contains("wording/pl.yml") == true)
    }

    @Test func supplyingThePolishTableClearsTheError() throws {
        // Made-up Polish: the test only needs a text for every key, not a real translation.
        let english = try #require(Wording.builtIn.tables["en"])
        let yaml = english.keys.sorted().map { "\($0): \"pl \(english[$0]!.text.replacingOccurrences(of: "\"", with: "\\\""))\"" }.joined(separator: "\n")
        let (project, found) = ProjectWording.read([(path: "wording/pl.yml", text: yaml)])
        #expect(found.isEmpty, "\(describe(found))")
        var survey = try #require(SurveyDecoder.decode(yaml: Self.polish, file: "t").survey)
        survey.wording = project
        #expect(SurveyValidator.validate(survey).filter { $0.code == "S050" }.isEmpty)
        #expect(WebForm.html(survey, language: "pl").contains("<h2 id=\"survey-error-title\">pl There is a problem</h2>"))
        #expect(survey.options(for: survey.questions[0]).map { $0.label.text(in: "pl") } == ["pl Yes", "pl No"])
    }

    @Test func englishAndWelshSurveysNeedNothingMore() throws {
        let diagnostics = SurveyValidator.validate(try Fixtures.validSurvey("bilingual"))
        #expect(diagnostics.filter { $0.code == "S050" }.isEmpty)
    }
}
