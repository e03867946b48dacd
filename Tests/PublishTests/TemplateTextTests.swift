import Mustache
import Testing
@testable import Publish

/// Views answer text as `TemplateText`, which the engine renders without inspecting a `String`; every way a
/// template can use a text value must show exactly what it shows for the plain string.
@Suite struct TemplateTextTests {
    static let template = """
        {{t}}|{{{t}}}|{{#t}}[{{.}} {{other}} {{uppercased(.)}}]{{/t}}{{^t}}none{{/t}}|{{uppercased(t)}}|{{lowercased(t)}}|\
        {{capitalized(t)}}|{{reversed(t)}}|{{#empty(t)}}empty{{/empty(t)}}{{^empty(t)}}full{{/empty(t)}}|{{t.count}}|{{#t}}{{t}}{{/t}}
        """

    func render(_ context: [String: Any]) throws -> String {
        var library = MustacheLibrary()
        try library.register(Self.template, named: "t")
        return library.render(context, withTemplate: "t") ?? ""
    }

    @Test func textRendersAsItsStringDoesInEveryKindOfTag() throws {
        for text in ["Tom & Jerry's <\"cellar\">", "ça va", "x", ""] {
            let plain = try render(["t": text, "other": "around"])
            let wrapped = try render(["t": TemplateText(text), "other": "around"])
            #expect(plain == wrapped, "\(text): \(plain) is not \(wrapped)")
        }
    }

    @Test func emptyTextIsAbsent() throws {
        #expect(try render(["t": present("") as Any, "other": "around"]).contains("none"))
        #expect(try render(["t": present("Hello") as Any, "other": "around"]).hasPrefix("Hello|Hello|[Hello around HELLO]"))
    }
}
