import Foundation
import Testing

/// `each_page: true` on a preprocessor: a build gives it only the pages that changed, with its `reads`
/// pages, and the site is the one a run over every page gives. Run with the toolkit's own glossary script.
@Suite("preprocessors run over the changed pages only")
struct EachPagePreprocessorTests {
    static let glossaryScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scripts/preprocessors/glossary_links.py").standardizedFileURL

    static let glossary = """
        ---
        title: Glossary
        ---

        ## N

        - **Neighbours** — the people who live next door.

        ## S

        - **Start** — the first thing you do.

        """

    /// The good fixture with the glossary script behind a wrapper that logs the pages each run was given.
    static func project(settings: String = "    each_page: true\n    reads: [content/glossary.md, tools/glossary_links.py]\n") throws -> URL {
        let project = try DoorstepRunner.project("good-site")
        try PluginTests.write(project, "tools/glossary_links.py", try String(contentsOf: glossaryScript, encoding: .utf8))
        try PluginTests.write(project, "tools/logged.py", """
            import json, subprocess, sys
            data = sys.stdin.read()
            open("runs.log", "a").write(" ".join(sorted(page["path"] for page in json.loads(data)["pages"])) + "\\n")
            sys.stdout.write(subprocess.run([sys.executable, "tools/glossary_links.py"], input=data, capture_output=True,
                                            text=True, check=True).stdout)
            """)
        try PluginTests.write(project, "content/glossary.md", glossary)
        let config = try PluginTests.read(project, "content/site.yml")
        try PluginTests.write(project, "content/site.yml", config + "preprocessors:\n  - command: [python3, tools/logged.py]\n" + settings)
        return project
    }

    static func build(_ project: URL, output: String = "site") throws {
        let result = try DoorstepRunner.run(["build", "--no-pdf", "--output", output], in: project)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// The pages each run so far was given, one run a line.
    static func runs(_ project: URL) throws -> [String] {
        try PluginTests.read(project, "runs.log").split(separator: "\n").map(String.init)
    }

    @Test func anEditedPageIsLinkedAgainAloneAndAnEditedGlossaryRelinksEveryPage() throws {
        guard PluginTests.requirePython() else { return }
        let project = try Self.project()
        try Self.build(project)
        let every = "content/glossary.md content/index.md toolkit-modules/alpha/guide.md toolkit-modules/alpha/handouts/welcome.md "
            + "toolkit-modules/alpha/session.md toolkit-modules/beta/page.md"
        #expect(try Self.runs(project) == [every], "the first build gives it every page")
        let page = { (try? PluginTests.read(project, "site/beta/page/index.html")) ?? "" }
        let guide = { (try? PluginTests.read(project, "site/alpha/guide/index.html")) ?? "" }
        #expect(page().contains("Ask your <a href=\"../../glossary/index.html#n\">neighbours</a>."), "\(page())")
        #expect(guide().contains("before you <a href=\"../../glossary/index.html#s\">start</a>."), "\(guide())")

        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "Ask your neighbours.", with: "Ask all your neighbours.")
        try Self.build(project)
        #expect(try Self.runs(project).last == "content/glossary.md toolkit-modules/beta/page.md",
                "only the edited page is given, with the glossary it reads")
        #expect(page().contains("Ask all your <a href=\"../../glossary/index.html#n\">neighbours</a>."), "\(page())")
        #expect(guide().contains("before you <a href=\"../../glossary/index.html#s\">start</a>."), "an unchanged page keeps its links")

        try DoorstepRunner.edit(project, "content/glossary.md", replacing: "## S\n", with: "## Getting going\n")
        try Self.build(project)
        #expect(try Self.runs(project).last == every, "a changed glossary re-links every page")
        #expect(guide().contains("before you <a href=\"../../glossary/index.html#getting-going\">start</a>."), "\(guide())")

        try Self.build(project)
        #expect(try Self.runs(project).count == 3, "an unchanged project runs nothing")
        // A build without kept outputs, into another folder, gives the same site byte for byte.
        try Self.build(project, output: "cold")
        #expect(try Self.runs(project).last == every)
        let kept = DoorstepRunner.snapshot(project.appendingPathComponent("site"))
        #expect(!kept.isEmpty)
        #expect(kept == DoorstepRunner.snapshot(project.appendingPathComponent("cold")))
    }

    @Test func theSiteIsTheOneARunOverEveryPageGives() throws {
        guard PluginTests.requirePython() else { return }
        let eachPage = try Self.project()
        let whole = try Self.project(settings: "")
        for project in [eachPage, whole] {
            try Self.build(project)
            try DoorstepRunner.edit(project, "toolkit-modules/alpha/guide.md", replacing: "before you start.", with: "before you start, with neighbours.")
            try Self.build(project)
        }
        #expect(try Self.runs(eachPage).last == "content/glossary.md toolkit-modules/alpha/guide.md")
        #expect(try Self.runs(whole).last?.split(separator: " ").count == 6)
        // The site's own files, not the build's records (whose keys include site.yml, which differs).
        func published(_ project: URL) -> [String: Data] {
            DoorstepRunner.snapshot(project.appendingPathComponent("site")).filter { !$0.key.hasPrefix("/.") }
        }
        #expect(published(eachPage).count > 10)
        #expect(published(eachPage) == published(whole))
        #expect(try PluginTests.read(eachPage, "site/alpha/guide/index.html").contains("with <a href=\"../../glossary/index.html#n\">neighbours</a>."))
    }

    @Test func aBadEachPageOrReadsIsALocatedError() throws {
        let flag = try Self.project(settings: "    each_page: yes\n")
        var result = try DoorstepRunner.run(["build", "--no-pdf"], in: flag)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/site.yml:8:16: error: 'each_page' is true or false"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: flag.appendingPathComponent("site").path))

        let reads = try Self.project(settings: "    each_page: true\n    reads: content/glossary.md\n")
        result = try DoorstepRunner.run(["build", "--no-pdf"], in: reads)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/site.yml:9:12: error: 'reads' must be a list of files in the project"), "\(result.stderr)")
    }
}
