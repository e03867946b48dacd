import Foundation
import Mustache
import Testing
@testable import Publish
import Toolkit

/// The typed renderer writes every page byte for byte as swift-mustache writes it from the same templates
/// and views, and a theme it cannot read is still rendered, by swift-mustache.
@Suite struct CompiledTemplateTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The theme with `page.mustache` (and any other named template) replaced.
    func theme(_ templates: [String: String]) throws -> Theme {
        let files = templates.map { SourceFile(path: "templates/\($0.key).mustache", text: $0.value) }
        return try #require(Theme.load(overrides: TemplateOverrides(site: files)).theme)
    }

    /// A page whose text holds every character the escaping treats specially, and a combining mark after
    /// `<`, which makes a character of its own that is not `<`.
    static var page: PageView {
        var page = TemplateViewSamples.page
        page.layout.title = "Tom & Jerry's <\"cellar\"> <\u{301}b> ça"
        page.summary = "a 'quoted' & <b>bold</b> summary"
        return page
    }

    func bothEngines(_ templates: [String: String], view: PageView = page, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let theme = try theme(templates)
        #expect(theme.rendersTyped(), "the typed renderer could not read the templates", sourceLocation: sourceLocation)
        let typed = theme.renderedTypedOnly.render(view, template: "page")
        let reference = theme.renderedBySwiftMustache.render(view, template: "page")
        #expect(!reference.isEmpty, sourceLocation: sourceLocation)
        #expect(typed == reference, "typed:\n\(typed)\nswift-mustache:\n\(reference)", sourceLocation: sourceLocation)
    }

    @Test func standaloneLinesIndentedBlocksAndCommentsComeOutTheSame() throws {
        try bothEngines(["page": """
            {{<layout}}
            {{$main}}
              <div>
                {{#toc}}
                <p>{{text}}</p>
                {{/toc}}
              {{! a comment on its own line }}
                {{^missing}}none{{/missing}}
                  {{#hasTOC}}
                    deep {{tocCount}}
                  {{/hasTOC}}
              </div>
            {{/main}}
              {{$sidebar}}
                side {{title}}
                  {{#moduleNav}}{{title}}{{/moduleNav}}
              {{/sidebar}}
            {{/layout}}
            """])
    }

    @Test func indentedPartialsAndBlocksInsidePartialsComeOutTheSame() throws {
        try bothEngines([
            "page": """
                <main>
                  {{> nav-item}}
                    {{#toc}}
                    {{> extra}}
                    {{/toc}}
                {{#moduleNav}}  {{> nav-item}} inline {{/moduleNav}}
                </main>
                  {{<extra}}{{$part}}filled {{text}}{{/part}}{{/extra}}
                """,
            "nav-item": "<li>\n  <a href=\"{{url}}\">{{title}}</a>\n</li>\n",
            "extra": "first line\n  {{$part}}default\n  second{{/part}}\nlast line\n",
        ])
    }

    @Test func everyKindOfValueInEveryKindOfTagComesOutTheSame() throws {
        var empty = Self.page
        empty.tags = []
        empty.previous = nil
        let template = """
            {{title}}|{{{title}}}|{{&summary}}|{{summary}}|{{.}}|{{isHome}}|{{hasTOC}}|{{tocCount}}|{{tags}}|{{toc}}
            {{#tags}}[{{.}} {{root}}]{{/tags}}{{^tags}}no tags: {{.}}{{/tags}}|{{#isHome}}home{{/isHome}}{{^isHome}}not home {{.}}{{/isHome}}
            {{#hasTOC}}{{.}}{{/hasTOC}}|{{#tocCount}}count {{.}} {{title}}{{/tocCount}}|{{#summary}}({{.}}, {{siteTitle}}){{/summary}}
            {{moduleNav.title}}|{{moduleNav.earlier.url}}|{{previous.url}}|{{#previous}}{{.title}} {{.siteTitle}}{{/previous}}|{{.title}}
            {{#moduleNav}}{{#pages}}{{title}} {{current}} {{kind}} {{tocCount}}{{/pages}}{{/moduleNav}}|{{nothing}}|{{nothing.at.all}}
            {{^previous}}no previous{{/previous}}|{{^updated}}no date{{/updated}}|{{#moduleNav}}{{.}}{{/moduleNav}}
            text with { and } and }} and { { braces\r
            a line ending in CRLF\r
              {{#hasTOC}}\r
              standalone between CRLF lines\r
              {{/hasTOC}}\r
            {{! comment }}trailing
            """
        try bothEngines(["page": template])
        try bothEngines(["page": template], view: empty)
    }

    /// Every view of every kind, filled in, through the template named for it.
    @Test func everySampleViewComesOutTheSameThroughItsTemplate() throws {
        let theme = try theme([:])
        var compared = 0
        for template in TemplateReference.templates {
            for view in TemplateViewSamples.all where type(of: view).viewName == template.view.viewName {
                let typed = theme.renderedTypedOnly.render(view, template: template.name)
                let reference = theme.renderedBySwiftMustache.render(view, template: template.name)
                #expect(!reference.isEmpty, "\(template.name)")
                #expect(typed == reference, "\(template.name) with \(type(of: view).viewName) differs from swift-mustache's")
                compared += 1
            }
        }
        #expect(compared >= 8)
    }

    /// Random templates, always well formed, with tags alone on their lines, indented, between carriage
    /// returns and inside lines, come out the same from both engines.
    @Test func randomTemplatesComeOutTheSame() throws {
        var random = SeededRandom(seed: 20261203)
        let names = ["title", "summary", "toc", "tags", "hasTOC", "isHome", "moduleNav", "previous", "missing", "tocCount",
                     "text", "url", "pages", ".", "moduleNav.title", ".title", "root"]
        let space = ["", " ", "  ", "\t", "\n", "\r\n", "\n  ", "x", "a{b", "}", "}}", "é", "<&'\">"]
        func tree(_ depth: Int) -> String {
            (0..<random.next(upTo: 5)).map { _ -> String in
                let before = space[random.next(upTo: space.count)], after = space[random.next(upTo: space.count)]
                let name = names[random.next(upTo: names.count)]
                let tag: String
                switch random.next(upTo: depth > 2 ? 5 : 8) {
                case 0: tag = "{{\(name)}}"
                case 1: tag = "{{{\(name)}}}"
                case 2: tag = "{{&\(name)}}"
                case 3: tag = "{{! a comment }}"
                case 4: tag = "{{> nav-item}}"
                case 5, 6:
                    let mark = random.next(upTo: 2) == 0 ? "#" : "^"
                    let inner = space[random.next(upTo: space.count)] + tree(depth + 1) + space[random.next(upTo: space.count)]
                    tag = "{{\(mark)\(name)}}\(inner){{/\(name)}}"
                default:
                    tag = "{{$block}}\(tree(depth + 1)){{/block}}"
                }
                return before + tag + after
            }.joined()
        }
        var empty = Self.page
        empty.tags = []
        empty.moduleNav = nil
        var unreadable = 0
        for _ in 0..<400 {
            let page = "{{<layout}}\n{{$main}}\n\(tree(0))\n{{/main}}\n{{/layout}}\n" + tree(0)
            let item = tree(1)
            // A brace after a tag can still make a template neither engine reads ("{{{title}}" then "}"); those are left out.
            guard (try? MustacheTemplate(string: page)) != nil, (try? MustacheTemplate(string: item)) != nil else {
                unreadable += 1
                continue
            }
            let theme = try theme(["page": page, "nav-item": item])
            #expect(CompiledTemplate(page) != nil, "not read: \(page.debugDescription)")
            #expect(CompiledTemplate(item) != nil, "not read: \(item.debugDescription)")
            for view in [Self.page, empty] {
                let typed = theme.renderedTypedOnly.render(view, template: "page")
                let reference = theme.renderedBySwiftMustache.render(view, template: "page")
                #expect(typed == reference, "page \(page.debugDescription)\nnav-item \(item.debugDescription)")
            }
        }
        #expect(unreadable < 100, "\(unreadable) of 400 random templates could not be read")
    }

    @Test func aThemeWithTransformsIsRenderedBySwiftMustache() throws {
        let theme = try theme(["page": "{{uppercased(title)}}|{{#first(tags)}}{{.}}{{/first(tags)}}"])
        #expect(!theme.rendersTyped())
        #expect(theme.render(Self.page, template: "page").hasPrefix("TOM &amp; JERRY&#39;S"))
    }

    @Test func theToolkitComesOutTheSameFromBothEngines() throws {
        let checked = Pipeline.check(root: Self.repository)
        let site = try #require(checked.site)
        let theme = try #require(checked.theme)
        #expect(theme.rendersTyped())
        let typed = try SiteRenderer(site: site, theme: theme.renderedTypedOnly, withPDFs: false).render()
        let reference = try SiteRenderer(site: site, theme: theme.renderedBySwiftMustache, withPDFs: false).render()
        #expect(typed.count > 100)
        #expect(typed.map(\.path) == reference.map(\.path))
        for (ours, theirs) in zip(typed, reference) where ours.data != theirs.data {
            Issue.record("\(ours.path) differs from swift-mustache's")
        }
    }
}

/// The same random numbers on every run, so a failure can be seen again.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(upTo bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}
