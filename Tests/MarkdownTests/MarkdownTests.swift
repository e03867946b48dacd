import Markdown
import Testing

@Suite struct MarkdownRenderingTests {
    func html(_ text: String, hooks: RenderHooks = RenderHooks()) -> String {
        HTMLRenderer(hooks: hooks).render(MarkdownParser.parse(text))
    }

    @Test func headingsGetStableUniqueIDs() {
        let output = html("## Who to ask?\n\n## Who to ask?\n\n### Money & time — 2026\n")
        #expect(output.contains("<h2 id=\"who-to-ask\">Who to ask?</h2>"))
        #expect(output.contains("<h2 id=\"who-to-ask-2\">Who to ask?</h2>"))
        #expect(output.contains("<h3 id=\"money-time-2026\">"))
    }

    @Test func idsStayUniqueAndKeepClearOfTheTheme() {
        #expect(HeadingSlug.uniqueSlugs(["Intro", "Intro", "Intro 2", "Main"]) == ["intro", "intro-2", "intro-2-2", "main-2"])
    }

    @Test func rawHTMLIsNotPassedThrough() {
        let output = html("<script>alert(1)</script>\n\nText with <b>bold</b> and a < sign.\n")
        #expect(!output.contains("<script>"))
        #expect(!output.contains("<b>"))
        #expect(output.contains("a &lt; sign"))
    }

    @Test func linksGoThroughTheDestinationHook() {
        let hooks = RenderHooks(destination: { destination, _ in destination == "a.md" ? "a/index.html" : destination })
        #expect(html("[A](a.md) and [B](https://example.org)", hooks: hooks)
            == "<p><a href=\"a/index.html\">A</a> and <a href=\"https://example.org\">B</a></p>\n")
    }

    @Test func fencedBlocksGoThroughTheDirectiveHook() {
        let hooks = RenderHooks(codeBlock: { info, code, span in
            info == "note" ? "<aside>\(code.count) line \(span.startLine)</aside>" : nil
        })
        let output = html("Intro\n\n```note\nhello\n```\n\n```swift\nlet x = 1\n```\n", hooks: hooks)
        #expect(output.contains("<aside>6 line 3</aside>"))
        #expect(output.contains("<pre><code class=\"language-swift\">let x = 1\n</code></pre>"))
    }

    @Test func pipeTablesBecomeTables() {
        let output = html("| Method | Time |\n| :--- | ---: |\n| Survey | 2 weeks |\n| [Interviews](i.md) | 1 month |\n")
        #expect(output.contains("<th scope=\"col\" class=\"align-left\">Method</th>"))
        #expect(output.contains("<td class=\"align-right\">2 weeks</td>"))
        #expect(output.contains("<a href=\"i.md\">Interviews</a>"))
    }

    @Test func tightListsHaveNoParagraphs() {
        #expect(html("- one\n- two\n") == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
    }

    @Test func smartPunctuation() {
        #expect(html("\"Quoted\" -- it's here") == "<p>\u{201C}Quoted\u{201D} \u{2013} it\u{2019}s here</p>\n")
    }

    @Test func plainTextForSearchAndReadability() {
        let document = MarkdownParser.parse("# Title\n\nSome *emphasis* and `code`.\n")
        #expect(document.plainText == "Title\nSome emphasis and code.")
    }

    @Test func linkNodesKnowTheirBlockLines() {
        let document = MarkdownParser.parse("First paragraph.\n\nSecond with\na [link](x.md).\n")
        var spans: [SourceSpan] = []
        document.forEach { node in
            if case .link(_, _, _, let span) = node { spans.append(span) }
        }
        #expect(spans.map(\.startLine) == [3])
        #expect(spans.map(\.endLine) == [4])
    }
}

@Suite("URL policy and limits")
struct URLPolicyTests {
    @Test func schemesAreReadAsABrowserReadsThem() {
        for refused in ["javascript:alert(1)", "JaVaScRiPt:x", "  javascript:x", "java\tscript:x", "java\nscript:x",
                        "\u{1}javascript:x", "vbscript:x", "data:text/html,hi", "file:///etc/passwd", "blob:x"] {
            #expect(URLPolicy.classify(refused).isRefused, "\(refused.debugDescription)")
        }
        #expect(URLPolicy.classify("https://example.com/") == .allowed(scheme: "https"))
        #expect(URLPolicy.classify("MAILTO:a@b.c") == .allowed(scheme: "mailto"))
        #expect(URLPolicy.classify("tel:+44") == .allowed(scheme: "tel"))
        for relative in ["page.md", "../a/b.md#x", "#top", "?q=1", "//host/x", "a/javascript:x", "javascript%3Ax", "1http:x"] {
            #expect(URLPolicy.classify(relative) == .relative, "\(relative)")
        }
    }

    @Test func refusedLinksAreRenderedAsTextWhateverTheCheckSays() {
        let html = HTMLRenderer().render(MarkdownParser.parse(
            "[a](jav&#x61;script:alert(1)) <javascript:alert(2)> ![b](javascript:x) [c][r]\n\n[r]: vbscript:x\n"))
        #expect(!html.contains("href"), "\(html)")
        #expect(!html.contains("<img"), "\(html)")
        #expect(html.contains("a") && html.contains("b") && html.contains("c"))
    }

    @Test func deepNestingStopsAtTheLimitWithoutCrashing() {
        let document = MarkdownParser.parse(String(repeating: "> ", count: 30_000) + "x")
        var found = false
        document.forEach { if case .tooDeep = $0 { found = true } }
        #expect(found)
        _ = HTMLRenderer().render(document)
    }

    @Test func manyEqualHeadingsGetUniqueIds() {
        let ids = HeadingSlug.uniqueSlugs(Array(repeating: "Intro", count: 10_000) + ["Intro 2"])
        #expect(Set(ids).count == ids.count)
        #expect(ids[0] == "intro" && ids[1] == "intro-2" && ids[9_999] == "intro-10000")
        #expect(ids.last == "intro-2-2")
    }
}
