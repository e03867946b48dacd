import Foundation
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
