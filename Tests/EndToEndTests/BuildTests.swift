import Foundation
import Testing

@Suite("doorstep build on a good project")
struct BuildTests {
    @Test func buildsANavigableSite() throws {
        let project = try DoorstepRunner.project("good-site")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let guide = try DoorstepRunner.read(project, "site/alpha/guide/index.html")
        #expect(guide.contains("<a href=\"../../beta/page/index.html#who-to-ask\">the beta page</a>"))
        #expect(guide.contains("<aside class=\"callout callout-tip\""))
        #expect(guide.contains("<a href=\"../session/index.html\">the session</a>"))
        #expect(guide.contains("<th scope=\"col\">Step</th>"))
        #expect(guide.contains("Last updated <time datetime=\"2026-11-20\">20 November 2026</time>"))
        #expect(guide.contains("<a href=\"../../index.html\">Home</a>"))
        #expect(guide.contains("<html lang=\"en-GB\">"))
        let home = try DoorstepRunner.read(project, "site/index.html")
        #expect(home.contains("<a href=\"alpha/index.html\">Alpha</a>"))
        #expect(home.contains("<a href=\"alpha/guide/index.html\">the alpha guide</a>"))
        let beta = try DoorstepRunner.read(project, "site/beta/page/index.html")
        #expect(beta.contains("<h2 id=\"who-to-ask\">Who to ask?</h2>"))
        let session = try DoorstepRunner.read(project, "site/alpha/session/index.html")
        #expect(session.contains("<td>0:10</td><td>5</td>"))
        #expect(session.contains("<a href=\"../handouts/welcome/index.html\">Welcome handout</a>"))
        let pack = try DoorstepRunner.read(project, "site/packs/alpha-pack.html")
        #expect(pack.contains("Welcome handout"))
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/packs/alpha-pack-large-print.html").path))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site/sitemap.xml").path),
                "no sitemap without the site's address")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/404.html").path))
    }

    @Test func theSiteAddressGivesASitemapAndAbsoluteLinksOn404() throws {
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(project, "content/site.yml", replacing: "language: en-GB", with: "language: en-GB\nbase_url: https://toolkit.example.org/doorstep")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let sitemap = try DoorstepRunner.read(project, "site/sitemap.xml")
        #expect(sitemap.contains("<url><loc>https://toolkit.example.org/doorstep/alpha/guide/</loc></url>"))
        #expect(sitemap.contains("<url><loc>https://toolkit.example.org/doorstep/packs/</loc></url>"))
        #expect(!sitemap.contains("404"))
        let notFound = try DoorstepRunner.read(project, "site/404.html")
        #expect(notFound.contains("href=\"https://toolkit.example.org/doorstep/index.html\""))
    }

    @Test func identicalInputGivesIdenticalOutputAndRewritesNothing() throws {
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        let first = DoorstepRunner.snapshot(project.appendingPathComponent("site"))
        let second = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(second.status == 0)
        #expect(DoorstepRunner.snapshot(project.appendingPathComponent("site")) == first)
        #expect(second.stderr.contains("(0 written,"), "\(second.stderr)")
    }

    @Test func writesElsewhereWithOutput() throws {
        let project = try DoorstepRunner.project("good-site")
        let result = try DoorstepRunner.run(["build", "--no-pdf", "--output", "public"], in: project)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("public/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func refusesToReplaceAFolderItDidNotMake() throws {
        let project = try DoorstepRunner.project("good-site")
        let mine = project.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("my notes".utf8).write(to: mine.appendingPathComponent("notes.txt"))
        let result = try DoorstepRunner.run(["build", "--no-pdf", "--output", "mine"], in: project)
        #expect(result.status == 2)
        #expect(result.stderr.contains("mine"))
        #expect(FileManager.default.fileExists(atPath: mine.appendingPathComponent("notes.txt").path))
    }

    @Test func checkWritesNothing() throws {
        let project = try DoorstepRunner.project("good-site")
        let result = try DoorstepRunner.run(["check"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("0 errors, 0 warnings"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let project = try DoorstepRunner.project("good-site")
        let result = try DoorstepRunner.run(["build", "--no-such-flag"], in: project)
        #expect(result.status == 2)
        let notAProject = try DoorstepRunner.run(["check", "--root", "toolkit-modules"], in: project)
        #expect(notAProject.status == 2)
        #expect(notAProject.stderr.contains("no 'content' folder"))
    }

    @Test func modulesShipAssetsAndOverrideTemplates() throws {
        let project = try DoorstepRunner.project("good-site")
        let assets = project.appendingPathComponent("toolkit-modules/alpha/assets")
        let templates = project.appendingPathComponent("toolkit-modules/alpha/templates")
        try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("street map".utf8).write(to: assets.appendingPathComponent("map.txt"))
        try "{{<layout}}{{$main}}<p class=\"alpha-theme\">{{title}}</p>{{{body}}}{{/main}}{{/layout}}"
            .write(to: templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try DoorstepRunner.edit(project, "toolkit-modules/alpha/guide.md", replacing: "## Doing it",
                                with: "See [the map](assets/map.txt).\n\n## Doing it")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let guide = try DoorstepRunner.read(project, "site/alpha/guide/index.html")
        #expect(guide.contains("<p class=\"alpha-theme\">Alpha guide</p>"))
        #expect(guide.contains("<a href=\"../assets/map.txt\">the map</a>"))
        #expect(try DoorstepRunner.read(project, "site/alpha/assets/map.txt") == "street map")
        let beta = try DoorstepRunner.read(project, "site/beta/page/index.html")
        #expect(!beta.contains("alpha-theme"), "a module's override applies to its own pages only")
    }

    @Test func aBrokenTemplateOverrideIsALocatedError() throws {
        let project = try DoorstepRunner.project("good-site")
        let templates = project.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "<main>\n{{#title}}\n</main>\n".write(to: templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("templates/page.mustache:"), "\(result.stderr)")
        #expect(result.stderr.contains("error: template 'page' could not be read"))
    }
}
