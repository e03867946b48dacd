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
