import Markdown
import Testing

/// Markdown as people paste it from GitHub, Word-to-Markdown converters and other sites.
@Suite struct PastedMarkdownTests {
    func html(_ text: String) -> String { HTMLRenderer().render(MarkdownParser.parse(text)) }
    func problems(_ text: String) -> [MarkdownProblem] { MarkdownParser.parseReporting(text).problems }

    @Test func tablesWithoutOuterPipes() {
        let output = html("Method | Time\n--- | ---:\nSurvey | 2 weeks\n")
        #expect(output.contains("<th scope=\"col\">Method</th><th scope=\"col\" class=\"align-right\">Time</th>"))
        #expect(output.contains("<td>Survey</td><td class=\"align-right\">2 weeks</td>"))
        #expect(!output.contains("<p>"))
    }

    @Test func aTableStraightAfterALineOfText() {
        let output = html("Here is what we found:\n| Ward | Replies |\n|---|---|\n| Anfield | 40 |\n")
        #expect(output.hasPrefix("<p>Here is what we found:</p>\n<div class=\"table-wrap\""))
        #expect(output.contains("<td>Anfield</td><td>40</td>"))
    }

    @Test func tablesInQuotesAndLists() {
        #expect(html("> | A | B |\n> |---|---|\n> | 1 | 2 |\n").contains("<blockquote>\n<div class=\"table-wrap\""))
        #expect(html("- Item\n\n  | A | B |\n  |---|---|\n  | 1 | 2 |\n").contains("<td>1</td><td>2</td>"))
    }

    @Test func shortAndLongRowsAndEscapedPipes() {
        let output = html("| A | B |\n|---|---|\n| only one |\n| 1 | 2 | 3 |\n| a \\| b | `x` |\n")
        #expect(output.contains("<tr><td>only one</td><td></td></tr>"))
        #expect(output.contains("<tr><td>1</td><td>2</td></tr>"))
        #expect(output.contains("<td>a | b</td><td><code>x</code></td>"))
    }

    @Test func cellsWithLettersBeyondASCIIAndEscapes() {
        let output = html("| Café | Naïve \\| ok |\n|---|---|\n| £5 \\| €6 | Ysgol Gymraeg |\n")
        #expect(output.contains("<th scope=\"col\">Café</th><th scope=\"col\">Naïve | ok</th>"))
        #expect(output.contains("<td>£5 | €6</td><td>Ysgol Gymraeg</td>"))
    }

    @Test func linesWithPipesButNoDelimiterRowStayAParagraph() {
        let output = html("Tick one | or the other\nYes | No\n")
        #expect(output == "<p>Tick one | or the other\nYes | No</p>\n")
    }

    @Test func textThatLibcmarkSplitsIsOneTextNode() {
        // libcmark breaks text at "[", "~" and "!" among others; the tree holds the words as one run.
        guard case .document(let blocks) = MarkdownParser.parse("Ask [the ward] today ~ or ! *now [x]* ok"),
              case .paragraph(let inlines, _)? = blocks.first else {
            Issue.record("no paragraph")
            return
        }
        #expect(inlines.first == .text("Ask [the ward] today ~ or ! "))
        #expect(inlines.dropFirst().first == .emphasis([.text("now [x]")]))
        #expect(inlines.last == .text(" ok"))
        #expect(inlines.count == 3)
    }

    @Test func smartPunctuationLeavesThePipesAlone() {
        let output = html("| \"Quote\" | It's -- here |\n| :-: | --- |\n| 'a' | b---c |\n")
        #expect(output.contains("<th scope=\"col\" class=\"align-center\">\u{201C}Quote\u{201D}</th><th scope=\"col\">It\u{2019}s \u{2013} here</th>"))
        #expect(output.contains("<td class=\"align-center\">\u{2018}a\u{2019}</td><td>b\u{2014}c</td>"))
    }

    @Test func aTableWhoseColumnsDoNotMatchIsAWarningAtItsLine() {
        let text = "Intro.\n\n| A | B | C |\n|---|---|\n| 1 | 2 | 3 |\n"
        #expect(!html(text).contains("<table>"))
        #expect(problems(text).map(\.code) == ["table-columns"])
        #expect(problems(text).first?.line == 3)
    }

    @Test func strikethrough() {
        #expect(html("It was ~~£5~~ £3.") == "<p>It was <del>£5</del> £3.</p>\n")
        #expect(html("~~a *b* c~~") == "<p><del>a <em>b</em> c</del></p>\n")
        #expect(html("a ~~ b ~~ c, ~~~x~~~ and `~~code~~`") == "<p>a ~~ b ~~ c, ~~~x~~~ and <code>~~code~~</code></p>\n")
    }

    @Test func footnotesAreNumberedWithWaysBack() {
        let text = "The Census[^census] and the survey[^s].\n\nAgain[^census].\n\n[^s]: Our own survey.\n[^census]: From [ONS](https://www.ons.gov.uk/).\n"
        let output = html(text)
        #expect(output.contains("Census<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" aria-label=\"Note 1\">1</a></sup>"))
        #expect(output.contains("survey<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\""))
        #expect(output.contains("Again<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\""))
        #expect(output.contains("<li id=\"fn-1\">\n<p>From <a href=\"https://www.ons.gov.uk/\">ONS</a>. <a href=\"#fnref-1\" class=\"footnote-back\""))
        #expect(output.contains("<a href=\"#fnref-1-2\" class=\"footnote-back\""))
        #expect(output.contains("<li id=\"fn-2\">\n<p>Our own survey. <a href=\"#fnref-2\""))
        let fn1 = output.firstRange(of: "id=\"fn-1\"")!.lowerBound, fn2 = output.firstRange(of: "id=\"fn-2\"")!.lowerBound
        #expect(fn1 < fn2)
        #expect(!output.contains("[^"))
        #expect(problems(text).isEmpty)
    }

    @Test func footnoteTextOverSeveralLines() {
        let output = html("Text[^1].\n\n[^1]: First line\n    and more.\n\n    A second paragraph.\n\nAfter.\n")
        #expect(output.contains("<li id=\"fn-1\">\n<p>First line\nand more.</p>\n<p>A second paragraph. <a href=\"#fnref-1\""))
        #expect(output.hasPrefix("<p>Text<sup"))
        #expect(output.contains("<p>After.</p>\n<section class=\"footnotes\""))
    }

    @Test func footnoteMistakesAreWarningsAtTheirLines() {
        let found = problems("One[^missing].\n\n[^spare]: Not used.\n")
        #expect(found.map(\.code) == ["footnote-undefined", "footnote-unused"])
        #expect(found.map(\.line) == [1, 3])
        #expect(found.first?.column == 4)
        #expect(html("One[^missing].") == "<p>One[^missing].</p>\n")
    }

    @Test func footnotesInCodeAreLeftAlone() {
        let output = html("```\n[^1]: not a note\n```\n")
        #expect(output == "<pre><code>[^1]: not a note\n</code></pre>\n")
    }

    @Test func footnoteLinksKeepTheirLines() {
        guard case .document(let blocks) = MarkdownParser.parse("Text[^1].\n\n\n[^1]: See [x](x.md).\n"),
              case .footnotes(let notes)? = blocks.last,
              case .paragraph(let inlines, _)? = notes.first?.content.first,
              case .link(_, _, _, let span)? = inlines.first(where: { if case .link = $0 { return true } else { return false } })
        else { Issue.record("no footnote link"); return }
        #expect(span.startLine == 4)
    }
}
