import Diagnostics
import Foundation
import Testing
@testable import Publish
@testable import Toolkit

@Suite struct PageBodyDirectiveTests {
    static let schema = """
        fields:
          name: {type: text, required: true}
          about: {type: markdown}
          ticks: {type: list, of: markdown}
        """
    static let template = "<div class=\"card\"><p>{{name}}</p>{{about}}<ul>{{#ticks}}<li>{{.}}</li>{{/ticks}}</ul></div>\n"

    func site(_ page: String) -> Site {
        let module = ModuleSources(
            folder: "guides",
            manifest: SourceFile(path: "toolkit-modules/guides/module.yml", text: "id: guides\ntitle: Guides\nsummary: Guides.\n"),
            pages: [SourceFile(path: "toolkit-modules/guides/a.md", text: page),
                    SourceFile(path: "toolkit-modules/guides/b.md", text: "---\ntitle: B\n---\n## Step one\n")],
            surveys: [], assets: [], templates: [],
            directives: [SourceFile(path: "toolkit-modules/guides/directives/card.yml", text: Self.schema),
                         SourceFile(path: "toolkit-modules/guides/directives/card.mustache", text: Self.template)])
        let sources = ProjectSources(siteConfig: SourceFile(path: "content/site.yml", text: "title: Test\n"),
                                     contentPages: [], modules: [module], siteTemplates: [])
        let (site, diagnostics) = SiteBuilder.build(sources)
        #expect(!diagnostics.contains { $0.isError }, "\(diagnostics)")
        return site
    }

    @Test func aTemplateDirectiveIsRenderedWithEscapedTextAndRewrittenLinks() throws {
        let site = site("""
            ---
            title: A
            ---
            ```card
            name: "Tom & <Jerry>"
            about: Go to [step one](b.md#step-one).
            ticks:
              - Knock <b>twice</b>
            ```
            """)
        let page = try #require(site.page(source: "toolkit-modules/guides/a.md"))
        let html = PageBody(site: site, directives: site.directives).html(page, outputPath: page.outputPath)
        #expect(html == """
            <div class="card"><p>Tom &amp; &lt;Jerry&gt;</p><p>Go to <a href="../b/index.html#step-one">step one</a>.</p>
            <ul><li><p>Knock twice</p>
            </li></ul></div>

            """)
    }

    @Test func aCalloutRendersItsMarkdownThroughThePagesLinks() throws {
        let site = site("---\ntitle: A\n---\n```note Remember\nSee [B](b.md).\n```\n")
        let page = try #require(site.page(source: "toolkit-modules/guides/a.md"))
        let html = PageBody(site: site, directives: site.directives).html(page, outputPath: page.outputPath)
        #expect(html.contains("<aside class=\"callout callout-note\" aria-label=\"Remember\">"))
        #expect(html.contains("<p>See <a href=\"../b/index.html\">B</a>.</p>"))
    }
}

@Suite struct PreprocessingTests {
    let sources = ProjectSources(
        siteConfig: nil,
        contentPages: [SourceFile(path: "content/about.md", text: "---\ntitle: About\n---\nHello there.\n")],
        modules: [], siteTemplates: [])
    let command = PreprocessorCommand(arguments: [Located("tool", at: Diagnostics.SourceLocation(file: "content/site.yml", line: 3, column: 15))],
                                      timeout: 10, location: Diagnostics.SourceLocation(file: "content/site.yml", line: 3, column: 5))

    func outcome(_ json: String, ending: ProcessRunner.Outcome.Ending = .exited(0)) -> ProcessRunner.Outcome {
        ProcessRunner.Outcome(ending: ending, standardOutput: Data(json.utf8), standardError: Data())
    }

    @Test func theInputHoldsEachPageWithItsFrontMatterAndFirstLine() {
        let input = Preprocessing.input(sources)
        #expect(input.pages == [PreprocessorJSON.Page(path: "content/about.md", module: nil, frontMatter: "title: About",
                                                      markdown: "Hello there.\n", markdownLine: 4)])
        let json = String(decoding: try! PreprocessorJSON.encoder().encode(input), as: UTF8.self)
        #expect(json.contains("\"markdown_line\":4"))
        #expect(json.contains("\"front_matter\":\"title: About\""))
    }

    @Test func changedMarkdownKeepsTheFrontMatterAndTheUsersLines() throws {
        let (changed, diagnostics) = Preprocessing.apply(outcome("""
            {"version": 1, "pages": [{"path": "content/about.md", "markdown": "Hello [there](x.md).\\n"}],
             "diagnostics": [{"severity": "error", "message": "too friendly", "path": "content/about.md", "line": 4, "column": 7, "code": "tone"}]}
            """), of: command, to: sources)
        #expect(try #require(changed).contentPages[0].text == "---\ntitle: About\n---\nHello [there](x.md).\n")
        #expect(diagnostics.map(\.code) == ["preprocessor-tone"])
        #expect(diagnostics.first?.location?.description == "content/about.md:4:7")
        #expect(diagnostics.first?.isError == true)
    }

    @Test func aPageThatWasNotGivenCannotBeAdded() {
        let (changed, diagnostics) = Preprocessing.apply(outcome(#"{"version": 1, "pages": [{"path": "content/new.md", "markdown": "x"}]}"#),
                                                         of: command, to: sources)
        #expect(changed == nil)
        #expect(diagnostics.map(\.code) == ["preprocessor-output"])
    }

    @Test func missingKeysAndOtherVersionsAreNamed() {
        let (_, missing) = Preprocessing.apply(outcome(#"{"version": 1, "pages": [{"path": "content/about.md"}]}"#), of: command, to: sources)
        #expect(missing.first?.message.hasSuffix("'pages.[0].markdown' is missing") == true, "\(missing)")
        let (_, version) = Preprocessing.apply(outcome(#"{"version": 2}"#), of: command, to: sources)
        #expect(version.first?.message == "preprocessor 'tool' wrote version 2 of the JSON; this doorstep reads version 1")
    }

    @Test func aChangeOfLineCountIsAWarning() {
        let (_, diagnostics) = Preprocessing.apply(outcome(#"{"version": 1, "pages": [{"path": "content/about.md", "markdown": "a\nb\nc\n"}]}"#),
                                                   of: command, to: sources)
        #expect(diagnostics.map(\.code) == ["preprocessor-lines"])
    }
}

@Suite struct PrintLinkRepeatTests {
    @Test func aPageOnTheWebsiteIsNamedOnceInAPrintedDocument() {
        // Glossary links: one page, many anchors; the reader is told where to look once.
        let html = "<p><a href=\"../glossary/index.html#c\">consent</a> and <a href=\"../glossary/index.html#d\">data</a>.</p>"
        let printed = PrintLinks.forPrint(html, from: "packs/x.html", titleOf: { $0 == "glossary/index.html" ? "Glossary" : nil })
        #expect(printed == "<p>consent <span class=\"print-url\">(see \u{2018}Glossary\u{2019} on the website)</span> and data.</p>")
    }
}
