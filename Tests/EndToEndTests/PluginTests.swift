import Foundation
import Testing

/// Template directives and preprocessors, added to a project without Swift, through the real binary.
@Suite("doorstep with plugins")
struct PluginTests {
    static func write(_ project: URL, _ path: String, _ text: String) throws {
        let url = project.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func read(_ project: URL, _ path: String) throws -> String {
        try String(contentsOf: project.appendingPathComponent(path), encoding: .utf8)
    }

    static let schema = """
        description: One step of a plan.
        fields:
          title: {type: text, required: true}
          minutes: {type: number}
          how: {type: markdown, required: true}
          tips: {type: list, of: markdown}
        """

    static let template = """
        <div class="step-card">
        <p class="step-title">{{title}}{{#minutes}} ({{minutes}} minutes){{/minutes}}</p>
        {{how}}
        {{#tips}}<p class="tip">{{.}}</p>{{/tips}}
        </div>
        """

    /// The good fixture with a `step` directive in module beta, used on beta's page with `block`.
    static func project(block: String, template: String = template, schema: String = schema) throws -> URL {
        let project = try DoorstepRunner.project("good-site")
        try write(project, "toolkit-modules/beta/directives/step.yml", schema)
        try write(project, "toolkit-modules/beta/directives/step.mustache", template)
        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "Ask your neighbours.\n",
                                with: "Ask your neighbours.\n\n```step\n\(block)\n```\n")
        return project
    }

    @Test func aTemplateDirectiveRendersItsFieldsEscapedAndItsMarkdownWithLinks() throws {
        let project = try Self.project(block: """
            title: Knock <script>alert(1)</script>
            minutes: 5
            how: Read the [guide](../alpha/guide.md) and *smile*.
            tips:
              - Wear your badge.
            """)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try Self.read(project, "site/beta/page/index.html")
        #expect(html.contains("<p class=\"step-title\">Knock &lt;script&gt;alert(1)&lt;/script&gt; (5 minutes)</p>"), "\(html)")
        #expect(html.contains("<p>Read the <a href=\"../../alpha/guide/index.html\">guide</a> and <em>smile</em>.</p>"))
        #expect(html.contains("<p class=\"tip\"><p>Wear your badge.</p>"))
        #expect(!html.contains("<script>alert"))
        // The block's words are found by search.
        #expect(try Self.read(project, "site/assets/search-index.js").contains("Wear your badge."))
    }

    @Test func aBlockIsCheckedAgainstTheSchemaWithLocatedErrors() throws {
        let project = try Self.project(block: """
            titel: Knock
            minutes: five
            how: Read the [guide](../alpha/guid.md).
            """)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        // The fence is on line 9 of the page: its YAML starts on line 10.
        #expect(result.stderr.contains("""
            toolkit-modules/beta/page.md:10:1: error: unknown key 'titel' in 'step' block [unknown-key]
                titel: Knock
                ^~~~~
            note: did you mean 'title'?
            """), "\(result.stderr)")
        #expect(result.stderr.contains("toolkit-modules/beta/page.md:11:10: error: 'minutes' must be a whole number [yaml-type]"))
        // One error per mistake: the misspelt key stands for 'title', so 'title' is not also reported missing.
        #expect(!result.stderr.contains("[key-missing]"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func aBrokenLinkInAMarkdownFieldIsFoundOnItsLine() throws {
        let project = try Self.project(block: """
            title: Knock
            how: |
              First line.
              Read the [guide](../alpha/guid.md).
            """)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("toolkit-modules/beta/page.md:13:20: error: link to '../alpha/guid.md' points at 'toolkit-modules/alpha/guid.md', which is not a page of this site [link-broken]"),
                "\(result.stderr)")
    }

    @Test func aSchemaWithAnUnknownTypeIsALocatedError() throws {
        let project = try Self.project(block: "title: Knock\nhow: Smile.", schema: """
            fields:
              title: {type: txt, required: true}
              how: {type: markdown}
            """)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("toolkit-modules/beta/directives/step.yml:2:17: error: 'txt' is not a field type: use text, markdown, number, yes-no, list [directive-field-type]"),
                "\(result.stderr)")
        #expect(result.stderr.contains("note: did you mean 'text'?"))
    }

    @Test func aTemplateThatPutsAValueInAnAttributeIsRefused() throws {
        let project = try Self.project(block: "title: Knock\nhow: Smile.", template: """
            <div class="step-card">
            <a href="{{title}}">{{how}}</a>
            </div>
            """)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("toolkit-modules/beta/directives/step.mustache:2:10: error: '{{title}}' is inside an HTML tag; a directive template writes values only between tags [directive-template-attribute]"),
                "\(result.stderr)")
    }

    @Test func aTemplateWithoutItsSchemaIsNamed() throws {
        let project = try DoorstepRunner.project("good-site")
        try Self.write(project, "directives/card.mustache", "<p>{{title}}</p>\n")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("directives/card.mustache:1:1: error: 'directives/card.mustache' renders the directive 'card', but there is no 'card.yml' beside it"),
                "\(result.stderr)")
    }

    // MARK: Preprocessors

    /// The good fixture with `preprocessors:` in site.yml running `command` (a list of YAML words).
    static func project(preprocessor command: String, timeout: Int? = nil) throws -> URL {
        let project = try DoorstepRunner.project("good-site")
        let config = try read(project, "content/site.yml")
        try write(project, "content/site.yml", config + "preprocessors:\n  - command: \(command)\n"
                  + (timeout.map { "    timeout: \($0)\n" } ?? ""))
        return project
    }

    static func requirePython() -> Bool {
        let found = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
            || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/python3")
        if !found {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("python3 is needed for the preprocessor tests and CI must have it")
            } else {
                print("SKIPPED: python3 is not installed, so the preprocessor tests did not run")
            }
        }
        return found
    }

    @Test func aPreprocessorChangesPagesAndReportsProblemsAtTheirLines() throws {
        guard Self.requirePython() else { return }
        let project = try Self.project(preprocessor: "[python3, tools/neighbours.py]")
        try Self.write(project, "tools/neighbours.py", """
            import json, sys
            data = json.load(sys.stdin)
            pages, problems = [], []
            for page in data["pages"]:
                if "neighbours" in page["markdown"]:
                    pages.append({"path": page["path"], "markdown": page["markdown"].replace("neighbours", "neighbours (the people next door)")})
                    line = page["markdown"].split("\\n").index("Ask your neighbours.")
                    problems.append({"severity": "warning", "code": "plain", "message": "'neighbours' was explained",
                                     "path": page["path"], "line": page["markdown_line"] + line, "column": 10})
            json.dump({"version": 1, "pages": pages, "diagnostics": problems}, sys.stdout)
            """)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("""
            toolkit-modules/beta/page.md:7:10: warning: 'neighbours' was explained [preprocessor-plain]
                Ask your neighbours.
            """), "\(result.stderr)")
        #expect(try Self.read(project, "site/beta/page/index.html").contains("<p>Ask your neighbours (the people next door).</p>"))
        // The user's file is never changed.
        #expect(try Self.read(project, "toolkit-modules/beta/page.md").contains("Ask your neighbours.\n"))
    }

    @Test func aFailingPreprocessorStopsTheBuildWithWhatItWrote() throws {
        guard Self.requirePython() else { return }
        let project = try Self.project(preprocessor: #"[python3, -c, "import sys; sys.stderr.write('no glossary here'); sys.exit(3)"]"#)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/site.yml:7:5: error: preprocessor 'python3 -c import sys; sys.stderr.write('no glossary here'); sys.exit(3)' failed with exit status 3 [preprocessor-failed]"),
                "\(result.stderr)")
        #expect(result.stderr.contains("note: it wrote: no glossary here"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func aSlowPreprocessorIsStoppedWithEverythingItStarted() throws {
        guard Self.requirePython() else { return }
        let project = try Self.project(
            preprocessor: #"[python3, -c, "import subprocess, time; subprocess.Popen(['sleep', '60']); time.sleep(60)"]"#, timeout: 1)
        let start = Date()
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(Date().timeIntervalSince(start) < 20, "the build must not wait for the preprocessor's child")
        #expect(result.status == 1)
        #expect(result.stderr.contains("ran for more than 1 seconds and was stopped, with every program it started [preprocessor-timeout]"),
                "\(result.stderr)")
    }

    @Test func aPreprocessorThatWritesNoJSONIsALocatedError() throws {
        guard Self.requirePython() else { return }
        let project = try Self.project(preprocessor: #"[python3, -c, "print('done!')"]"#)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/site.yml:7:5: error: preprocessor 'python3 -c print('done!')' did not write the JSON doorstep reads: it is not valid JSON [preprocessor-output]"),
                "\(result.stderr)")
        #expect(result.stderr.contains("note: its output starts: done!"))
    }

    @Test func aPreprocessorThatIsNotThereIsNamed() throws {
        let project = try Self.project(preprocessor: "[tools/missing.py]")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/site.yml:7:15: error: preprocessor 'tools/missing.py' could not start: 'tools/missing.py' was not found [preprocessor-failed]"),
                "\(result.stderr)")
    }

    @Test func aPreprocessorRunsAgainOnlyWhenItsPagesOrItsScriptChange() throws {
        guard Self.requirePython() else { return }
        let project = try Self.project(preprocessor: "[python3, tools/shout.py]")
        let script = """
            import json, sys
            open("runs.log", "a").write("run\\n")
            data = json.load(sys.stdin)
            pages = [{"path": p["path"], "markdown": p["markdown"].replace("neighbours", "NEIGHBOURS")} for p in data["pages"]]
            json.dump({"version": 1, "pages": pages}, sys.stdout)
            """
        try Self.write(project, "tools/shout.py", script)
        func runs() throws -> Int { try Self.read(project, "runs.log").split(separator: "\n").count }
        func build() throws {
            let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
            #expect(result.status == 0, "\(result.stderr)")
        }
        try build()
        try build()
        #expect(try runs() == 1, "an unchanged project uses the last output")
        #expect(try Self.read(project, "site/beta/page/index.html").contains("Ask your NEIGHBOURS."))
        // The outputs are kept beside the site, never inside it where they would be published.
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(".site.preprocessed/0.out").path))
        #expect(!(FileManager.default.subpaths(atPath: project.appendingPathComponent("site").path) ?? []).contains { $0.hasSuffix(".out") })

        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "Ask your neighbours.", with: "Ask all your neighbours.")
        try build()
        #expect(try runs() == 2, "a changed page is new input")
        #expect(try Self.read(project, "site/beta/page/index.html").contains("Ask all your NEIGHBOURS."))

        try Self.write(project, "tools/shout.py", script.replacingOccurrences(of: "NEIGHBOURS", with: "Neighbours!"))
        try build()
        #expect(try runs() == 3, "a changed script named on the command line")
        #expect(try Self.read(project, "site/beta/page/index.html").contains("Ask all your Neighbours!."))

        try Self.write(project, "content/site.yml", try Self.read(project, "content/site.yml") + "    cache: false\n")
        try build()
        try build()
        #expect(try runs() == 5, "'cache: false' runs it on every build")
    }
}
