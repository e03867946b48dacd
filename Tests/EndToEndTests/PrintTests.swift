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
        #expect(result.stderr.contains("warning: WeasyPrint, making 'packs/alpha-pack.pdf' and 1 more: Ignored `gap: 1em` at 3:1, unknown property. [pdf-warning]"), "\(result.stderr)")
        #expect(try DoorstepRunner.read(project, "site/packs/index.html").contains("<td>1</td>"), "page count read from the PDF")

        try DoorstepRunner.edit(project, "toolkit-modules/alpha/handouts/welcome.md", replacing: "You are welcome here.", with: "You are very welcome here.")
        let strict = try DoorstepRunner.run(["build", "--strict"], in: project, environment: warning)
        #expect(strict.status == 1, "\(strict.stderr)")
        #expect(strict.stderr.contains("[pdf-warning]"))
        #expect(!(try DoorstepRunner.read(project, "site/packs/alpha-pack.html")).contains("very welcome"), "a failed strict build leaves the last site")
    }
}
