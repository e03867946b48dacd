import Diagnostics
import Testing
@testable import Toolkit

/// The link check and the site model on projects held in memory: no files are read.
@Suite struct LinkCheckerTests {
    static func findings(_ pages: [String: String]) -> [String] {
        let sources = memoryProject(pages: pages)
        let (site, _) = SiteBuilder.build(sources)
        return LinkChecker.check(site, files: sources.allFiles).map { "\($0.location?.description ?? "-") \($0.code)" }
    }

    static let target = "---\ntitle: B\n---\n\n## Who to ask\n\nAsk.\n"

    @Test func aGoodLinkAndAGoodAnchorPass() {
        #expect(Self.findings(["a.md": "---\ntitle: A\n---\n\nSee [b](b.md#who-to-ask).\n", "b.md": Self.target]).isEmpty)
    }

    @Test func aMissingAnchorIsLocatedAtTheLinksTargetWithTheNearestHeading() {
        let sources = memoryProject(pages: ["a.md": "---\ntitle: A\n---\n\nSee [b](b.md#who-to-as).\n", "b.md": Self.target])
        let (site, _) = SiteBuilder.build(sources)
        let diagnostics = LinkChecker.check(site, files: sources.allFiles)
        #expect(diagnostics.map { "\($0.location?.description ?? "-") \($0.code)" } == ["toolkit-modules/guides/a.md:5:9 anchor-broken"])
        #expect(diagnostics.first?.notes.joined().contains("who-to-ask") == true, "\(diagnostics)")
    }

    @Test func scriptAndRootLinksAreRefused() {
        let found = Self.findings(["a.md": "---\ntitle: A\n---\n\n[x](javascript:alert(1)) and [y](/guides/b.md)\n", "b.md": Self.target])
        #expect(found == ["toolkit-modules/guides/a.md:5:5 link-scheme", "toolkit-modules/guides/a.md:5:34 link-absolute"])
    }

    @Test func aLinkToADraftSaysItIsADraft() {
        let draft = "---\ntitle: B\ndraft: true\n---\n\nNot yet.\n"
        let sources = memoryProject(pages: ["a.md": "---\ntitle: A\n---\n\nSee [b](b.md).\n", "b.md": draft])
        let (site, _) = SiteBuilder.build(sources)
        let diagnostics = LinkChecker.check(site, files: sources.allFiles)
        #expect(diagnostics.map(\.code) == ["link-to-draft"])
        #expect(diagnostics.first?.notes.contains { $0.contains("--drafts") } == true)
    }

    @Test func aMistypedPageNameGetsASuggestion() {
        let sources = memoryProject(pages: ["a.md": "---\ntitle: A\n---\n\nSee [b](welcom.md).\n", "welcome.md": Self.target])
        let (site, _) = SiteBuilder.build(sources)
        let diagnostics = LinkChecker.check(site, files: sources.allFiles)
        #expect(diagnostics.map(\.code) == ["link-broken"])
        #expect(diagnostics.first?.notes.joined().contains("welcome.md") == true, "\(diagnostics)")
    }
}

@Suite struct SiteBuilderTests {
    @Test func pagesAreModelledInTheirModulesWithTitlesPathsAndHeadings() {
        let (site, diagnostics) = SiteBuilder.build(memoryProject(pages: [
            "b.md": "---\ntitle: Second\norder: 2\n---\n\n## Who to ask\n\nAsk.\n",
            "a.md": "---\ntitle: First\norder: 1\n---\n\nHello.\n",
        ]))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let module = site.module(id: "guides")
        #expect(module?.pages.map(\.title) == ["First", "Second"], "pages follow their order, not their file names")
        #expect(module?.pages.map(\.outputPath) == ["guides/a/index.html", "guides/b/index.html"])
        #expect(site.page(source: "toolkit-modules/guides/b.md")?.headings.map(\.id) == ["who-to-ask"])
    }

    @Test func aPageWithoutATitleIsALocatedErrorAndTheRestIsStillBuilt() {
        let (site, diagnostics) = SiteBuilder.build(memoryProject(pages: [
            "a.md": "---\nsummary: No title here.\n---\n\nHello.\n",
            "b.md": "---\ntitle: B\n---\n\nFine.\n",
        ]))
        #expect(diagnostics.filter(\.isError).map { $0.location?.file } == ["toolkit-modules/guides/a.md"], "\(diagnostics)")
        #expect(site.page(source: "toolkit-modules/guides/b.md") != nil)
    }
}
