import Diagnostics
import Testing
@testable import Toolkit

@Suite struct ProjectPathTests {
    @Test func relativeURLsBetweenOutputFiles() {
        #expect(ProjectPath.relativeURL(from: "a/b/index.html", to: "c/index.html") == "../../c/index.html")
        #expect(ProjectPath.relativeURL(from: "a/b/index.html", to: "a/c/index.html") == "../c/index.html")
        #expect(ProjectPath.relativeURL(from: "index.html", to: "a/index.html") == "a/index.html")
        #expect(ProjectPath.relativeURL(from: "a/index.html", to: "a/b/index.html") == "b/index.html")
        #expect(ProjectPath.relativeURL(from: "packs/x.html", to: "index.html") == "../index.html")
    }

    @Test func resolvingAndNormalising() {
        #expect(ProjectPath.resolve("../b/c.md", from: "toolkit-modules/a/x.md") == "toolkit-modules/b/c.md")
        #expect(ProjectPath.resolve("../../../../etc/passwd", from: "a/b.md") == nil)
        #expect(ProjectPath.isExternal("https://example.org"))
        #expect(ProjectPath.isExternal("mailto:hello@example.org"))
        #expect(!ProjectPath.isExternal("../a.md"))
    }
}

@Suite struct FrontMatterTests {
    @Test func decodesKnownKeys() {
        let split = FrontMatterSplit.split("---\ntitle: Consent\nkind: consent-form\naudience: residents\ntags: [ethics]\n---\nBody\n")
        let (matter, diagnostics) = FrontMatter.decode(split, file: "p.md")
        #expect(diagnostics.isEmpty)
        #expect(matter?.kind == .consentForm)
        #expect(matter?.tags == ["ethics"])
        #expect(split.body == "Body\n")
        #expect(split.bodyLineOffset == 6)
    }

    /// The split as lines of characters, as it was first written: the scanning split must agree with it exactly.
    static func splitByLines(_ text: String) -> (yaml: String?, body: String, offset: Int, unterminated: Bool) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else { return (nil, text, 0, false) }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            return (nil, text, 0, true)
        }
        return (lines[1..<end].joined(separator: "\n"), lines[(end + 1)...].joined(separator: "\n"), end + 1, false)
    }

    @Test func theSplitEndsLinesAsCharactersDo() {
        let texts = ["", "---", "---\n", "---\n---", "---\n---\n", "---\n---\nBody", " --- \ntitle: A\n ---\t\n\nBody\n",
                     "---\r\ntitle: A\r\n---\r\nBody\r\n", "---\ntitle: A\r\n---\nBody\n", "---\ntitle: A\n", "no front matter\n---\n",
                     "---\ntitle: Café\u{301}\n\u{301}---\n---\nÉté 🏠\n\n", "---\n\n\n---\n\n\n", "\n---\ntitle: A\n---\n"]
        for text in texts {
            let split = FrontMatterSplit.split(text)
            let expected = Self.splitByLines(text)
            #expect(split.yaml == expected.yaml && split.body == expected.body && split.bodyLineOffset == expected.offset
                    && split.isUnterminated == expected.unterminated, "\(text.debugDescription)")
        }
    }

    @Test func unknownKeysAndValuesAreLocated() {
        let split = FrontMatterSplit.split("---\ntitle: A\nkind: guidee\nupdated: 20/11/2026\n---\n")
        let (_, diagnostics) = FrontMatter.decode(split, file: "p.md")
        #expect(diagnostics.map(\.location?.description) == ["p.md:3:7", "p.md:4:10"])
        #expect(diagnostics[0].notes.first == "did you mean 'guide'?")
        #expect(diagnostics[1].message == "'updated' must be a real date written as YYYY-MM-DD, not '20/11/2026'")
    }

    @Test func missingFrontMatterIsAnError() {
        let (matter, diagnostics) = FrontMatter.decode(FrontMatterSplit.split("# Just text\n"), file: "p.md")
        #expect(matter == nil)
        #expect(diagnostics.map(\.code) == ["front-matter-missing"])
    }
}

@Suite struct ModuleGraphTests {
    func manifest(_ id: String, order: Int, requires: [String] = []) -> ModuleManifest {
        let location = SourceLocation(file: "\(id)/module.yml", line: 1, column: 1)
        return ModuleManifest(id: id, title: id.capitalized, summary: "", order: order,
                              requires: requires.map { Located($0, at: location) }, licence: "CC-BY-4.0", version: nil,
                              packs: [], location: location)
    }

    @Test func requirementsComeFirstWhateverTheirOrder() {
        let (ordered, diagnostics) = ModuleGraph.order(
            [manifest("a", order: 10, requires: ["c"]), manifest("b", order: 20), manifest("c", order: 30)], selection: .all)
        #expect(diagnostics.isEmpty)
        #expect(ordered.map(\.id) == ["c", "a", "b"])
    }

    @Test func cyclesNameTheWholeChain() {
        let (_, diagnostics) = ModuleGraph.order(
            [manifest("a", order: 1, requires: ["b"]), manifest("b", order: 2, requires: ["c"]), manifest("c", order: 3, requires: ["a"])],
            selection: .all)
        #expect(diagnostics.map(\.message) == ["modules require each other in a cycle: a → b → c → a"])
    }

    @Test func disabledRequirementsAreErrors() {
        let location = SourceLocation(file: "content/site.yml", line: 5, column: 10)
        let (ordered, diagnostics) = ModuleGraph.order(
            [manifest("a", order: 1), manifest("b", order: 2, requires: ["a"])],
            selection: .only([Located("b", at: location)]))
        #expect(ordered.map(\.id) == ["b"])
        #expect(diagnostics.map(\.code) == ["module-requires-disabled"])
    }
}

@Suite struct SessionPlanTests {
    func block(_ yaml: String) -> DirectiveBlock {
        DirectiveBlock(name: "session", argument: "", content: yaml,
                       location: SourceLocation(file: "s.md", line: 10, column: 1), contentLineOffset: 10)
    }

    @Test func clockOffsetsAndTotals() {
        let (plan, diagnostics) = SessionPlan.decode(block("""
            title: One
            duration: 95
            activities:
              - {minutes: 20, activity: Welcome}
              - {minutes: 60, activity: Practice}
              - {minutes: 15, activity: Close}
            """))
        #expect(diagnostics.isEmpty)
        #expect(plan?.startOffsets.map(SessionPlan.clock) == ["0:00", "0:20", "1:20"])
        #expect(plan?.plannedMinutes == 95)
        #expect(plan?.durationLocation.description == "s.md:12:11")
    }

    @Test func unknownActivityKeysAreLocated() {
        let (_, diagnostics) = SessionPlan.decode(block("title: One\nduration: 5\nactivities:\n  - minutes: 5\n    activty: Hello\n"))
        #expect(diagnostics.contains { $0.message == "unknown key 'activty' in activity" && $0.location?.line == 15 })
    }
}

@Suite struct TemplateCheckTests {
    func scan(_ text: String) -> TemplateCheck.Scan { TemplateCheck.scan(SourceFile(path: "t.mustache", text: text)) }

    @Test func includeLoopsAreFoundAndNamed() {
        let includes = ["layout": scan("{{> page}}").partials, "page": scan("<p>{{> card}}</p>").partials,
                        "card": scan("{{> page}}").partials, "home": scan("{{> card}}").partials]
        let found = TemplateCheck.cycle(in: includes)
        #expect(found?.names == ["card", "page", "card"])
        #expect(TemplateCheck.cycle(in: ["a": scan("{{> b}}").partials, "b": scan("x").partials]) == nil)
    }

    @Test func unclosedTagsAreReportedWhereTheyOpen() {
        let result = scan("<h1>{{title}}</h1>\n<p>{{summary\n<p>{{body}}</p>\n")
        #expect(result.diagnostics.first?.location == SourceLocation(file: "t.mustache", line: 2, column: 4))
    }

    @Test func sectionsDeeperThanTheLimitAreRefused() {
        let deep = scan(String(repeating: "{{#a}}", count: 51) + String(repeating: "{{/a}}", count: 51))
        #expect(deep.diagnostics.map(\.code) == ["template-too-deep"])
        let fine = scan(String(repeating: "{{#a}}", count: 50) + String(repeating: "{{/a}}", count: 50))
        #expect(fine.diagnostics.isEmpty)
    }

    @Test func changedDelimitersAreFollowed() {
        let result = scan("{{=<% %>=}}<%#a%><%> page%><%/a%>")
        #expect(result.diagnostics.isEmpty)
        #expect(result.partials.map(\.name) == ["page"])
    }
}
