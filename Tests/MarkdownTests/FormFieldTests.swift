import Markdown
import Testing

@Suite struct FormFieldTests {
    func html(_ text: String) -> String { HTMLRenderer().render(MarkdownParser.parse(text)) }

    @Test func taskItemsBecomeTickBoxes() {
        let output = html("- [ ] I agree to take part.\n- [x] Information sheet given\n- An ordinary item\n")
        #expect(output.contains("<ul class=\"task-list\">"))
        #expect(output.contains("<li class=\"task-item\"><span class=\"task-box\" role=\"img\" aria-label=\"Box to tick\"></span>I agree to take part.</li>"))
        #expect(output.contains("<li class=\"task-item\"><span class=\"task-box task-box-ticked\" role=\"img\" aria-label=\"Ticked\"></span>Information sheet given</li>"))
        #expect(output.contains("<li>An ordinary item</li>"))
        #expect(!output.contains("[ ]"))
    }

    @Test func aBracketLaterInTheTextIsNotATickBox() {
        let output = html("- See [the guide](a.md) [ ] here\n- [] not a box\n")
        #expect(!output.contains("task-box"))
        #expect(output.contains("<ul>"))
    }

    @Test func underscoresMakeFillInLinesInRows() {
        let output = html("Signature: ____________________ Date: __________\nName: ______\n")
        #expect(output == """
            <div class="fill-in-fields">
            <p class="fill-in-row"><span class="fill-in-label">Signature: </span><span class="fill-in" style="flex-grow: 20" role="img" aria-label="Blank to fill in"></span><span class="fill-in-label"> Date: </span><span class="fill-in" style="flex-grow: 10" role="img" aria-label="Blank to fill in"></span></p>
            <p class="fill-in-row"><span class="fill-in-label">Name: </span><span class="fill-in" style="flex-grow: 6" role="img" aria-label="Blank to fill in"></span></p>
            </div>

            """)
    }

    @Test func shortUnderscoreRunsAndCodeStayAsText() {
        #expect(html("Use snake__case here.\n") == "<p>Use snake__case here.</p>\n")
        #expect(html("Write `____` for a blank.\n") == "<p>Write <code>____</code> for a blank.</p>\n")
    }

    @Test func boldLabelsKeepTheirMarkup() {
        let output = html("**Project name:** ________\n")
        #expect(output.contains("<span class=\"fill-in-label\"><strong>Project name:</strong> </span><span class=\"fill-in\" style=\"flex-grow: 8\""))
    }
}
