import Diagnostics
import Testing
@testable import Toolkit

/// A small project held in memory: a site.yml, a home page and one module.
func memoryProject(pages: [String: String], directives: [String: String] = [:]) -> ProjectSources {
    let module = ModuleSources(
        folder: "guides",
        manifest: SourceFile(path: "toolkit-modules/guides/module.yml", text: "id: guides\ntitle: Guides\nsummary: Guides.\n"),
        pages: pages.sorted { $0.key < $1.key }.map { SourceFile(path: "toolkit-modules/guides/\($0.key)", text: $0.value) },
        surveys: [], assets: [], templates: [],
        directives: directives.sorted { $0.key < $1.key }.map { SourceFile(path: "toolkit-modules/guides/directives/\($0.key)", text: $0.value) })
    return ProjectSources(siteConfig: SourceFile(path: "content/site.yml", text: "title: Test\n"),
                          contentPages: [SourceFile(path: "content/index.md", text: "---\ntitle: Home\n---\nHello.\n")],
                          modules: [module], siteTemplates: [])
}

let cardSchema = """
    fields:
      name: {type: text, required: true}
      about: {type: markdown}
      steps:
        type: list
        fields:
          what: {type: markdown, required: true}
          minutes: {type: number}
    """
let cardTemplate = "<div class=\"card\"><p>{{name}}</p>{{about}}<ol>{{#steps}}<li>{{what}} {{minutes}}</li>{{/steps}}</ol></div>\n"

@Suite struct DirectiveRegistryTests {
    @Test func siteBuilderDecodesEachBlockOnceWithItsDirective() {
        let (site, diagnostics) = SiteBuilder.build(memoryProject(pages: ["a.md": """
            ---
            title: A
            ---
            ```note
            See [b](b.md).
            ```

            ```lines
            3
            ```
            """, "b.md": "---\ntitle: B\n---\nB.\n"]))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let page = site.page(source: "toolkit-modules/guides/a.md")
        #expect(page?.directives.map(\.name) == ["note", "lines"])
        #expect(page?.directives[0].markdown == [MarkdownText("See [b](b.md).\n", lineOffset: 4)])
        #expect(page?.directives[1].value(as: Int.self) == 3)
        #expect(page?.directives[0].searchText == "See b.")
    }

    @Test func aBadBlockIsReportedByItsDirectiveAtItsLine() {
        let (_, diagnostics) = SiteBuilder.build(memoryProject(pages: ["a.md": "---\ntitle: A\n---\n\n```lines\nmany\n```\n"]))
        #expect(diagnostics.map(\.code) == ["lines-count"])
        #expect(diagnostics.first?.location?.description == "toolkit-modules/guides/a.md:6:1")
    }

    @Test func templateDirectivesJoinTheRegistryAndTheirRecordsAreTyped() {
        let (site, diagnostics) = SiteBuilder.build(memoryProject(pages: ["a.md": """
            ---
            title: A
            ---
            ```card
            name: Door knock
            steps:
              - what: Knock and **step back**.
                minutes: 2
            ```
            """], directives: ["card.yml": cardSchema, "card.mustache": cardTemplate]))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(site.directives.names.contains("card"))
        let decoded = site.page(source: "toolkit-modules/guides/a.md")?.directives.first
        #expect(decoded?.value(as: TemplateDirective.Value.self) == .record([
            "name": .text("Door knock"),
            "steps": .list([.record(["what": .markdown(MarkdownText("Knock and **step back**.", lineOffset: 6)), "minutes": .number(2)])]),
        ]))
        #expect(decoded?.searchText == "Door knock Knock and step back.")
    }

    @Test func aMisspeltDirectiveNameSuggestsTheTemplateDirective() {
        let (_, diagnostics) = SiteBuilder.build(memoryProject(pages: ["a.md": "---\ntitle: A\n---\n```crad\nname: X\n```\n"],
                                                               directives: ["card.yml": cardSchema, "card.mustache": cardTemplate]))
        #expect(diagnostics.map(\.code) == ["directive-unknown"])
        #expect(diagnostics.first?.notes == ["did you mean 'card'?"])
    }

    @Test func aTemplateDirectiveMayNotTakeABuiltInName() {
        let (_, diagnostics) = SiteBuilder.build(memoryProject(pages: [:], directives: ["note.yml": cardSchema, "note.mustache": cardTemplate]))
        #expect(diagnostics.map(\.code) == ["directive-name"])
    }

    @Test func valuesInsideTagsAreFoundEvenPastAQuotedAngleBracket() {
        let inside = TemplateDirectiveLoader.positionsInsideTags("<a title=\">\" href=\"{{x}}\">{{y}}</a>")
        #expect(inside == [TemplateDirectiveLoader.Position(line: 1, column: 20)])
    }
}

@Suite struct DirectiveLinkTests {
    @Test func linksInATemplateDirectivesMarkdownAreCheckedAtTheirColumn() {
        let text = """
            ---
            title: A
            ---
            ```card
            name: X
            about: Read [this](missing.md) first.
            ```
            """
        let sources = memoryProject(pages: ["a.md": text], directives: ["card.yml": cardSchema, "card.mustache": cardTemplate])
        let (site, _) = SiteBuilder.build(sources)
        let diagnostics = LinkChecker.check(site, files: sources.allFiles)
        #expect(diagnostics.map(\.code) == ["link-broken"])
        #expect(diagnostics.first?.location?.description == "toolkit-modules/guides/a.md:6:20")
    }

    @Test func linksInCalloutsAreCheckedAndGoodOnesPass() {
        let text = "---\ntitle: A\n---\n```tip\nSee [b](b.md) and [c](c.md).\n```\n"
        let sources = memoryProject(pages: ["a.md": text, "b.md": "---\ntitle: B\n---\nB.\n"])
        let (site, _) = SiteBuilder.build(sources)
        let diagnostics = LinkChecker.check(site, files: sources.allFiles)
        #expect(diagnostics.map(\.message) == ["link to 'c.md' points at 'toolkit-modules/guides/c.md', which is not a page of this site"])
        #expect(diagnostics.first?.location?.description == "toolkit-modules/guides/a.md:5:23")
    }
}
