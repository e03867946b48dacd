import Foundation
import Testing
@testable import Preview

@Suite struct SiteFilesTests {
    func site() throws -> URL {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-sitefiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("alpha/guide"), withIntermediateDirectories: true)
        try Data("home".utf8).write(to: output.appendingPathComponent("index.html"))
        try Data("guide".utf8).write(to: output.appendingPathComponent("alpha/guide/index.html"))
        try Data("missing".utf8).write(to: output.appendingPathComponent("404.html"))
        try Data("marker".utf8).write(to: output.appendingPathComponent(".doorstep-site"))
        return output
    }

    @Test func foldersServeTheirIndexAndFilesServeThemselves() throws {
        let output = try site()
        defer { try? FileManager.default.removeItem(at: output) }
        let files = SiteFiles(output: output)
        #expect(files.lookup("/") == .file(path: "index.html", data: Data("home".utf8)))
        #expect(files.lookup("/alpha/guide/") == .file(path: "alpha/guide/index.html", data: Data("guide".utf8)))
        #expect(files.lookup("/alpha/guide/index.html") == .file(path: "alpha/guide/index.html", data: Data("guide".utf8)))
        #expect(files.lookup("/alpha/guide") == .redirect(to: "/alpha/guide/"))
    }

    @Test func missingAndHiddenPathsGetTheSitesNotFoundPage() throws {
        let output = try site()
        defer { try? FileManager.default.removeItem(at: output) }
        let files = SiteFiles(output: output)
        let notFound = SiteFiles.Lookup.notFound(page: Data("missing".utf8))
        #expect(files.lookup("/nowhere.html") == notFound)
        #expect(files.lookup("/.doorstep-site") == notFound)
        #expect(files.lookup("/alpha/../../etc/passwd") == notFound)
        #expect(files.lookup("/alpha/%2e%2e/%2e%2e/etc/passwd") == notFound)
    }

    @Test func noBuildYetIsNotANotFound() {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-sitefiles-\(UUID().uuidString)")
        #expect(SiteFiles(output: output).lookup("/") == .noSite)
    }

    @Test func contentTypes() {
        #expect(SiteFiles.contentType(for: "a/index.html") == "text/html; charset=utf-8")
        #expect(SiteFiles.contentType(for: "assets/style.css") == "text/css; charset=utf-8")
        #expect(SiteFiles.contentType(for: "search/index.json") == "application/json; charset=utf-8")
        #expect(SiteFiles.contentType(for: "assets/favicon.svg") == "image/svg+xml")
        #expect(SiteFiles.contentType(for: "packs/p.pdf") == "application/pdf")
        #expect(SiteFiles.contentType(for: "x.unknownext") == "application/octet-stream")
    }
}
