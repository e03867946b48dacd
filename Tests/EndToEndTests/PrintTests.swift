import Foundation
import Testing

@Suite("doorstep build: packs for print")
struct PackPrintTests {
    /// A stand-in for WeasyPrint: says its version, writes a one-page PDF, and logs `log` to stderr.
    func fakeEngine(in project: URL, version: String = "70.0", log: String = "") throws -> [String: String] {
        let script = project.appendingPathComponent("fake-weasyprint")
        let text = """
            #!/bin/sh
            if [ "$1" = "--version" ]; then echo "WeasyPrint version \(version)"; exit 0; fi
            for last; do :; done
            printf '%%PDF-1.7\\n<< /Type /Page >>\\n' > "$last"
            printf '\(log)' >&2

            """
        try Data(text.utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return ["DOORSTEP_WEASYPRINT": script.path]
    }

    @Test func linksToTheSitePrintWhereToLookAndNeverIntoTheBuildFolder() throws {
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(project, "toolkit-modules/alpha/handouts/welcome.md", replacing: "You are welcome here.",
                                with: "You are welcome here. Read [the beta page](../../beta/page.md) and [the session](../session.md).")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let pack = try DoorstepRunner.read(project, "site/packs/alpha-pack.html")
        #expect(pack.contains("the beta page <span class=\"print-url\">(see \u{2018}Beta page\u{2019} on the website)</span>"))
        #expect(pack.contains("<a href=\"#pack-item-1\">the session</a>"))
        #expect(!pack.contains("<a href=\"../"), "a relative link would point into the build folder in a PDF")

        try DoorstepRunner.edit(project, "content/site.yml", replacing: "language: en-GB", with: "language: en-GB\nbase_url: https://toolkit.example.org/doorstep")
        try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        let published = try DoorstepRunner.read(project, "site/packs/alpha-pack.html")
        #expect(published.contains("<a href=\"https://toolkit.example.org/doorstep/beta/page/\">the beta page</a> <span class=\"print-url\">(toolkit.example.org/doorstep/beta/page)</span>"))
    }

    @Test func anEngineTooOldForThePackStylesIsNamed() throws {
        let project = try DoorstepRunner.project("good-site")
        let old = try fakeEngine(in: project, version: "57.2")
        let result = try DoorstepRunner.run(["build"], in: project, environment: old)
        #expect(result.status == 0)
        #expect(result.stderr.contains("WeasyPrint 57.2 at '\(old["DOORSTEP_WEASYPRINT"]!)' is too old"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site/packs/alpha-pack.pdf").path))
        let required = try DoorstepRunner.run(["build", "--require-pdf"], in: project, environment: old)
        #expect(required.status == 2)
    }

    @Test func engineWarningsAreDiagnosticsAndFailAStrictBuild() throws {
        let project = try DoorstepRunner.project("good-site")
        let warning = try fakeEngine(in: project, log: "WARNING: Ignored `gap: 1em` at 3:1, unknown property.\\n")
        let result = try DoorstepRunner.run(["build"], in: project, environment: warning)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: WeasyPrint, making 'packs/alpha-pack.pdf' and 2 more: Ignored `gap: 1em` at 3:1, unknown property. [pdf-warning]"), "\(result.stderr)")
        #expect(try DoorstepRunner.read(project, "site/packs/index.html").contains("<td>1</td>"), "page count read from the PDF")

        try DoorstepRunner.edit(project, "toolkit-modules/alpha/handouts/welcome.md", replacing: "You are welcome here.", with: "You are very welcome here.")
        let strict = try DoorstepRunner.run(["build", "--strict"], in: project, environment: warning)
        #expect(strict.status == 1, "\(strict.stderr)")
        #expect(strict.stderr.contains("[pdf-warning]"))
        #expect(!(try DoorstepRunner.read(project, "site/packs/alpha-pack.html")).contains("very welcome"), "a failed strict build leaves the last site")
    }
}

@Suite("doorstep build: photocopy masters, cards and answer keys")
struct PrintMasterTests {
    let welcome = "toolkit-modules/alpha/handouts/welcome.md"

    @Test func everyHandoutGetsAMasterAndItsPageLinksToIt() throws {
        let project = try DoorstepRunner.project("good-site")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let master = try DoorstepRunner.read(project, "site/packs/masters/alpha-handouts-welcome.html")
        #expect(master.contains("<h1>Welcome handout</h1>"))
        #expect(master.contains("You are welcome here."))
        #expect(master.contains("<span class=\"master-group-label\">Group:</span> <span class=\"group-blank\""), "no group name set: a line to write it on")
        #expect(!master.contains("pack-cover"), "a master has no cover or contents page")
        #expect(master.contains("href=\"../../assets/print.css\""))
        let page = try DoorstepRunner.read(project, "site/alpha/handouts/welcome/index.html")
        #expect(page.contains("<p class=\"print-this no-print\"><a href=\"../../../packs/masters/alpha-handouts-welcome.html\">Print this handout</a>"),
                "without PDFs the link goes to the print-ready page")
        #expect(!(try DoorstepRunner.read(project, "site/alpha/guide/index.html")).contains("print-this"), "a guide has no master")

        try DoorstepRunner.edit(project, "content/site.yml", replacing: "language: en-GB", with: "language: en-GB\ngroup:\n  organisation: Hillside Residents")
        let engine = try PackPrintTests().fakeEngine(in: project)
        let withPDF = try DoorstepRunner.run(["build"], in: project, environment: engine)
        #expect(withPDF.status == 0, "\(withPDF.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/packs/masters/alpha-handouts-welcome.pdf").path))
        #expect(try DoorstepRunner.read(project, "site/alpha/handouts/welcome/index.html")
            .contains("<a href=\"../../../packs/masters/alpha-handouts-welcome.pdf\">Print this handout</a> <span class=\"print-this-format\">(PDF, A4)</span>"))
        let named = try DoorstepRunner.read(project, "site/packs/masters/alpha-handouts-welcome.html")
        #expect(named.contains("data-pack-title=\"Hillside Residents · Welcome handout\""), "later pages carry the group and the title")
        #expect(named.contains("<span class=\"master-group-label\">Group:</span> Hillside Residents"))
    }

    @Test func cardsPrintInACutGridAndAnswersStayOffTheMaster() throws {
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(project, welcome, replacing: "You are welcome here.", with: """
            You are welcome here.

            ```cards Role cards
            **Interviewer.** You ask the questions.

            ---

            **Note-taker.** You write down what people say.
            ```

            ```answers
            The interviewer speaks first.
            ```
            """)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let pack = try DoorstepRunner.read(project, "site/packs/alpha-pack.html")
        #expect(pack.components(separatedBy: "<div class=\"cut-card\" role=\"listitem\">").count == 3)
        #expect(pack.contains("<div class=\"cut-cards\" role=\"list\" aria-label=\"Role cards: 2 cards to cut out\">"))
        #expect(pack.contains("Cut along the dashed lines"))
        #expect(pack.contains("<h2 class=\"answer-key-title\">Answer key</h2>"))
        #expect(pack.contains("The interviewer speaks first."))
        let master = try DoorstepRunner.read(project, "site/packs/masters/alpha-handouts-welcome.html")
        #expect(master.contains("Note-taker"))
        #expect(!master.contains("answer-key") && !master.contains("The interviewer speaks first."), "participants' copies carry no answers")
        #expect(try DoorstepRunner.read(project, "site/alpha/handouts/welcome/index.html").contains("For the trainer: not for participants"))
    }

    @Test func answersBeforeOtherTextAndEmptyCardsAreLocatedErrors() throws {
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(project, welcome, replacing: "You are welcome here.", with: """
            You are welcome here.

            ```answers
            Yes.
            ```

            More text after the answers.

            ```cards
            One card.

            ---
            ---
            ```
            """)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(welcome):8:1: error: an 'answers' block must come last on the page"), "\(result.stderr)")
        #expect(result.stderr.contains("[answers-position]"))
        #expect(result.stderr.contains("\(welcome):18:1: error: this '---' has no card before it"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site/index.html").path), "nothing is written")
    }

    @Test func requirePDFAsksForMastersEvenWithoutPacks() throws {
        let project = try DoorstepRunner.project("good-site")
        let manifest = project.appendingPathComponent("toolkit-modules/alpha/module.yml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try String(text[..<text.range(of: "packs:")!.lowerBound]).write(to: manifest, atomically: true, encoding: .utf8)
        let missing = ["DOORSTEP_WEASYPRINT": "/nonexistent/weasyprint"]
        let required = try DoorstepRunner.run(["build", "--require-pdf"], in: project, environment: missing)
        #expect(required.status == 2, "a handout's photocopy master needs a PDF: \(required.stderr)")
        #expect(required.stderr.contains("--require-pdf"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
        let plain = try DoorstepRunner.run(["build"], in: project, environment: missing)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("Print documents were published as print-ready HTML without PDFs"), "\(plain.stderr)")
    }
}

@Suite("doorstep build: results to print")
struct ResultsPrintTests {
    /// The practice survey and its made-up practice answers, in a project of their own.
    func practiceProject() throws -> URL {
        let repository = DoorstepRunner.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-results-print-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: project.appendingPathComponent("content"), withIntermediateDirectories: true)
        try manager.createDirectory(at: project.appendingPathComponent("toolkit-modules/s"), withIntermediateDirectories: true)
        try Data("title: Results print\nlanguage: en-GB\nmodules: all\n".utf8).write(to: project.appendingPathComponent("content/site.yml"))
        try Data("---\ntitle: Home\n---\n\nResults.\n".utf8).write(to: project.appendingPathComponent("content/index.md"))
        try Data("id: s\ntitle: Survey\nsummary: The survey.\norder: 1\n".utf8).write(to: project.appendingPathComponent("toolkit-modules/s/module.yml"))
        try Data("---\ntitle: Neighbourhood survey\nsummary: The survey.\n---\n\n```survey\ninclude: neighbourhood.survey.yml\n```\n".utf8)
            .write(to: project.appendingPathComponent("toolkit-modules/s/index.md"))
        try manager.copyItem(at: repository.appendingPathComponent("toolkit-modules/survey-design/surveys/neighbourhood.survey.yml"),
                             to: project.appendingPathComponent("toolkit-modules/s/neighbourhood.survey.yml"))
        try manager.copyItem(at: repository.appendingPathComponent("practice-data/clean"), to: project.appendingPathComponent("results"))
        return project
    }

    @Test func findingsPosterAndLeafletHavePrintDocumentsLinkedFromTheirPages() throws {
        let project = try practiceProject()
        let result = try DoorstepRunner.run(["build", "--no-pdf", "--strict"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let folder = "site/results/neighbourhood-survey"
        let findings = try DoorstepRunner.read(project, "\(folder)/index.html")
        #expect(findings.contains("<a href=\"print/findings.html\">Print the findings on A4</a>"), "without PDFs the print-ready page is linked")
        let feedback = try DoorstepRunner.read(project, "\(folder)/you-said-we-did/en/index.html")
        for (file, label) in [("poster-a4", "Poster on A4"), ("poster-a3", "Poster on A3"), ("leaflet-a5", "Leaflet on A5")] {
            #expect(feedback.contains("<a href=\"print/\(file).html\">\(label)</a>"), "\(label) is linked")
            let document = try DoorstepRunner.read(project, "\(folder)/you-said-we-did/en/print/\(file).html")
            #expect(document.contains("@page { size: \(file.suffix(2).uppercased()); }"), "\(file) is laid out for its paper")
            #expect(document.contains("You said") && document.contains("Plant new trees"), "\(file) carries what people said and what will change")
        }
        let print = try DoorstepRunner.read(project, "\(folder)/print/findings.html")
        #expect(print.contains("class=\"results-chart\"") && print.contains("fewer than 5"), "the print findings keep charts and suppression")
        #expect(!print.contains("class=\"site-header\""), "a print document has no site header or navigation")
    }

    @Test func withAnEngineTheyBecomePDFsAndThePagesLinkThePDFs() throws {
        let project = try practiceProject()
        let engine = try PackPrintTests().fakeEngine(in: project)
        let result = try DoorstepRunner.run(["build"], in: project, environment: engine)
        #expect(result.status == 0, "\(result.stderr)")
        let folder = "site/results/neighbourhood-survey"
        for pdf in ["print/findings.pdf", "you-said-we-did/en/print/poster-a4.pdf", "you-said-we-did/en/print/poster-a3.pdf",
                    "you-said-we-did/en/print/leaflet-a5.pdf"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("\(folder)/\(pdf)").path), "\(pdf) is made")
        }
        let feedback = try DoorstepRunner.read(project, "\(folder)/you-said-we-did/en/index.html")
        #expect(feedback.contains("<a href=\"print/poster-a3.pdf\">Poster on A3</a> (PDF)"))
        #expect(try DoorstepRunner.read(project, "\(folder)/index.html").contains("<a href=\"print/findings.pdf\">Print the findings on A4</a> (PDF)"))
    }
}
