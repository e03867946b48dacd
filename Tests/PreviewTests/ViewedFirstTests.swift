import Foundation
import Publish
import Testing
@testable import Preview

/// The page open in the browser is made and shown before the rest of the site, and is never stale.
@Suite struct ViewedFirstTests {
    final class Made: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [RenderedFile] = []
        func add(_ new: [RenderedFile]) { lock.withLock { files += new } }
        var all: [RenderedFile] { lock.withLock { files } }
    }

    /// A copy of the end-to-end tests' good site and a preview folder beside it.
    static func project() throws -> (root: URL, output: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-viewed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = folder.appendingPathComponent("project")
        try FileManager.default.copyItem(at: PreviewServerTests.fixture, to: root)
        return (root, folder.appendingPathComponent("preview"))
    }

    static func files(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue, !path.hasPrefix(".") {
                result[path] = FileManager.default.contents(atPath: url.path)
            }
        }
        return result
    }

    @Test func theOpenPageIsMadeFirstAsTheWholeBuildWritesItAndTheSiteIsACold() throws {
        let (root, output) = try Self.project()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let builder = PreviewBuilder(options: PreviewOptions(root: root, output: output))
        let viewed: Set<String> = ["alpha/guide/index.html"]
        let first = Made()
        #expect(builder.build(viewed: viewed, viewedReady: { first.add($0) }).problems == nil)

        let guide = root.appendingPathComponent("toolkit-modules/alpha/guide.md")
        try (String(contentsOf: guide, encoding: .utf8) + "\nA sentence added while previewing.\n").write(to: guide, atomically: true, encoding: .utf8)
        let made = Made()
        #expect(builder.build(viewed: viewed, viewedReady: { made.add($0) }).problems == nil)
        #expect(made.all.map(\.path) == ["alpha/guide/index.html"], "only the open page is made ahead")
        #expect(builder.memory.parsedCount == 1, "only the edited page is parsed again")
        #expect(builder.memory.reusedCount >= 4, "the others are taken from the last build")
        let ahead = try #require(made.all.first)
        #expect(String(decoding: ahead.data, as: UTF8.self).contains("A sentence added while previewing."))
        #expect(ahead.data == FileManager.default.contents(atPath: output.appendingPathComponent(ahead.path).path),
                "the page shown first is the page the whole build writes")

        // A page whose inputs did not change is not made ahead: the built one is already right.
        let unchanged = Made()
        try (String(contentsOf: guide, encoding: .utf8) + "\n").write(to: guide, atomically: true, encoding: .utf8)
        _ = builder.build(viewed: ["beta/page/index.html"], viewedReady: { unchanged.add($0) })
        #expect(unchanged.all.isEmpty)

        // The preview's incremental site is the one a cold build of the same sources makes.
        let cold = root.deletingLastPathComponent().appendingPathComponent("cold")
        var options = Pipeline.BuildOptions(root: root, output: cold)
        options.makePDF = false
        #expect(Pipeline.build(options).built)
        let preview = Self.files(output)
        #expect(preview.count > 5)
        #expect(preview == Self.files(cold))
    }

    @Test func aBuildWithProblemsMakesNothingAhead() throws {
        let (root, output) = try Self.project()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let builder = PreviewBuilder(options: PreviewOptions(root: root, output: output))
        _ = builder.build()
        let guide = root.appendingPathComponent("toolkit-modules/alpha/guide.md")
        try (String(contentsOf: guide, encoding: .utf8) + "\nSee [nothing](nowhere.md).\n").write(to: guide, atomically: true, encoding: .utf8)
        let made = Made()
        #expect(builder.build(viewed: ["alpha/guide/index.html"], viewedReady: { made.add($0) }).problems != nil)
        #expect(made.all.isEmpty, "a page is shown early only once the checks have passed")
    }

    @Test func onlyThePagesShowingItReloadAndOnlyOnce() async {
        let events = BuildEvents()
        await events.succeeded()
        var guide = await events.subscribe(page: "alpha/guide/index.html").makeAsyncIterator()
        var other = await events.subscribe(page: "beta/page/index.html").makeAsyncIterator()
        #expect(await guide.next() == "retry: 1000\n\nevent: built\ndata: 1\n\n")
        #expect(await other.next() == "retry: 1000\n\nevent: built\ndata: 1\n\n")
        #expect(await events.viewed == ["alpha/guide/index.html", "beta/page/index.html"])

        await events.madeAhead([RenderedFile(path: "alpha/guide/index.html", text: "<p>new</p>")])
        #expect(await guide.next() == "event: built\ndata: 2\n\n", "the open page reloads at once")
        #expect(await events.generation(serving: "alpha/guide/index.html") == 2, "and is served as the coming build")
        #expect(await events.generation(serving: "beta/page/index.html") == 1)
        #expect(await events.ahead["alpha/guide/index.html"] == Data("<p>new</p>".utf8))
        // The reloaded page listens again and is told it is current, so it does not reload a second time.
        var reloaded = await events.subscribe(page: "alpha/guide/index.html").makeAsyncIterator()
        #expect(await reloaded.next() == "retry: 1000\n\nevent: built\ndata: 2\n\n")

        await events.succeeded()
        #expect(await other.next() == "event: built\ndata: 2\n\n", "the other pages reload when the whole build is in")
        #expect(await reloaded.next() == "event: built\ndata: 2\n\n")
        #expect(await events.ahead.isEmpty)

        // A build that fails after it made a page ahead: the next good build reloads that page too.
        await events.madeAhead([RenderedFile(path: "alpha/guide/index.html", text: "<p>newer</p>")])
        #expect(await reloaded.next() == "event: built\ndata: 3\n\n")
        await events.failed("broken")
        #expect(await events.generation == 3)
        await events.succeeded()
        #expect(await events.generation == 4)
        await events.finish()
    }

    @Test func aPageAddressNamesTheFileItShows() {
        #expect(SiteFiles.file(shownAt: "/") == "index.html")
        #expect(SiteFiles.file(shownAt: "/alpha/guide/") == "alpha/guide/index.html")
        #expect(SiteFiles.file(shownAt: "/alpha/guide/index.html") == "alpha/guide/index.html")
        #expect(SiteFiles.file(shownAt: "/alpha%20x/") == "alpha x/index.html")
        #expect(SiteFiles.file(shownAt: "/../secret") == nil)
    }
}
