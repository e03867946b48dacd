import Foundation
import Testing
@testable import Publish
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A rebuild into a folder that holds the last build must give exactly the site a first build gives into an
/// empty folder, whatever was edited; an unchanged project must not be rebuilt at all.
@Suite struct IncrementalBuildTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("EndToEndTests/Fixtures")

    /// The good site with a survey module and a module asset added.
    func project() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("incremental-\(UUID().uuidString)")
        let root = folder.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("good-site"), to: root)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("bilingual-site/toolkit-modules/park"),
                                         to: root.appendingPathComponent("toolkit-modules/park"))
        try write(root, "toolkit-modules/alpha/assets/route.txt", "Start at the library.\n")
        return root
    }

    func write(_ root: URL, _ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func edit(_ root: URL, _ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        let before = try String(contentsOf: url, encoding: .utf8)
        let after = change(before)
        #expect(after != before, "the edit of \(path) changed nothing")
        try Data(after.utf8).write(to: url)
    }

    func build(_ root: URL, into output: URL) -> Pipeline.BuildReport {
        var options = Pipeline.BuildOptions(root: root, output: output)
        options.makePDF = false
        return Pipeline.build(options)
    }

    /// Every file of a folder, dot files too, by path. The build cache is taken without its stamps, which
    /// hold the times the files were last changed and so differ between any two builds.
    func files(in folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = FileManager.default.contents(atPath: url.path)
            }
        }
        if let data = files[BuildCache.fileName], var cache = BuildCache.parse(String(decoding: data, as: UTF8.self)) {
            cache.stamps = nil
            files[BuildCache.fileName] = Data(cache.text.utf8)
        }
        return files
    }

    /// The differences between two sites, in words.
    func differences(_ incremental: [String: Data], _ cold: [String: Data]) -> [String] {
        Set(incremental.keys).union(cold.keys).sorted().compactMap { path in
            switch (incremental[path], cold[path]) {
            case (nil, _): return "\(path) is missing from the rebuilt site"
            case (_, nil): return "\(path) is left over in the rebuilt site"
            case let (a?, b?) where a != b: return "\(path) differs"
            default: return nil
            }
        }
    }

    typealias Edit = (name: String, apply: (URL) throws -> Void)

    var edits: [Edit] {
        [
            ("page text", { try self.edit($0, "toolkit-modules/beta/page.md") { $0 + "\nAsk at the shop too.\n" } }),
            ("page body", { try self.edit($0, "toolkit-modules/alpha/guide.md") { $0.replacingOccurrences(of: "| Knock | 1 minute |", with: "| Knock | 2 minutes |") } }),
            ("heading used by a link on another page", { root in
                try self.edit(root, "toolkit-modules/beta/page.md") { $0.replacingOccurrences(of: "## Who to ask?", with: "## Who to ask first?") }
                try self.edit(root, "toolkit-modules/alpha/guide.md") { $0.replacingOccurrences(of: "#who-to-ask)", with: "#who-to-ask-first)") }
            }),
            ("text of a page printed in a pack and on a master", { try self.edit($0, "toolkit-modules/alpha/handouts/welcome.md") { $0.replacingOccurrences(of: "You are welcome here.", with: "You are very welcome here.") } }),
            ("directive block in a page", { try self.edit($0, "toolkit-modules/alpha/guide.md") { $0.replacingOccurrences(of: "Take a friend with you.", with: "Take a neighbour with you.") } }),
            ("page template", { try self.write($0, "templates/nav-item.mustache", "<li><a href=\"{{url}}\">{{title}}</a></li>\n") }),
            ("page title", { try self.edit($0, "toolkit-modules/beta/page.md") { $0.replacingOccurrences(of: "title: Beta page", with: "title: Who to ask") } }),
            ("front matter", { try self.edit($0, "toolkit-modules/alpha/guide.md") { $0.replacingOccurrences(of: "order: 1\n", with: "order: 1\ntags: [doors]\n") } }),
            ("module order", { try self.edit($0, "toolkit-modules/beta/module.yml") { $0.replacingOccurrences(of: "order: 20", with: "order: 5") } }),
            ("template", { try self.write($0, "templates/not-found.mustache", "{{<layout}}{{$main}}<h1>Lost?</h1>{{/main}}{{/layout}}\n") }),
            ("asset", { try self.write($0, "toolkit-modules/alpha/assets/route.txt", "Start at the park gate.\n") }),
            ("site settings", { try self.edit($0, "content/site.yml") { $0.replacingOccurrences(of: "A small site for tests", with: "A small site") } }),
            ("survey", { try self.edit($0, "toolkit-modules/park/surveys/park.survey.yml") { $0.replacingOccurrences(of: "The park", with: "Our park") } }),
            ("new module template for survey pages", { try self.write($0, "toolkit-modules/park/templates/survey.mustache",
                "{{<layout}}{{$main}}<article class=\"survey-page\"><h1>{{title}}</h1>{{{body}}}</article>{{/main}}{{/layout}}\n") }),
            ("module template for survey pages", { try self.edit($0, "toolkit-modules/park/templates/survey.mustache") { $0.replacingOccurrences(of: "<h1>", with: "<h1 class=\"survey-title\">") } }),
            ("site title, shown on survey pages", { try self.edit($0, "content/site.yml") { $0.replacingOccurrences(of: "title: Test Toolkit", with: "title: Test Hub") } }),
            ("new page", { try self.write($0, "toolkit-modules/beta/more.md", "---\ntitle: More\n---\n\nSee [the beta page](page.md).\n") }),
            ("deleted page", { try FileManager.default.removeItem(at: $0.appendingPathComponent("toolkit-modules/beta/more.md")) }),
            ("deleted page that a link pointed to", { root in
                try FileManager.default.removeItem(at: root.appendingPathComponent("toolkit-modules/beta/page.md"))
                try self.edit(root, "toolkit-modules/alpha/guide.md") { $0.replacingOccurrences(of: "[the beta page](../beta/page.md#who-to-ask-first)", with: "the beta page") }
            }),
            ("renamed page", { root in
                try FileManager.default.moveItem(at: root.appendingPathComponent("toolkit-modules/alpha/handouts/welcome.md"),
                                                 to: root.appendingPathComponent("toolkit-modules/alpha/handouts/hello.md"))
                for file in ["toolkit-modules/alpha/module.yml", "toolkit-modules/alpha/session.md"] {
                    try self.edit(root, file) { $0.replacingOccurrences(of: "handouts/welcome.md", with: "handouts/hello.md") }
                }
            }),
            ("survey block in a page", { try self.edit($0, "toolkit-modules/park/guide.md") { $0.replacingOccurrences(of: "```survey\ninclude: surveys/park.survey.yml\n```\n", with: "") } }),
        ]
    }

    @Test func anUnchangedProjectIsNotRebuilt() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let output = root.deletingLastPathComponent().appendingPathComponent("site")
        let first = build(root, into: output)
        #expect(first.built && first.diagnostics.isEmpty, "\(first.diagnostics.map(\.message))")
        #expect(first.written > 0)
        let before = files(in: output)
        let second = build(root, into: output)
        #expect(second.built && second.upToDate)
        #expect(second.written == 0 && second.files == first.files)
        #expect(files(in: output) == before)

        // A file of the site that went missing is put back by a real build.
        try FileManager.default.removeItem(at: output.appendingPathComponent("index.html"))
        let third = build(root, into: output)
        #expect(third.built && !third.upToDate)
        #expect(files(in: output) == before)
    }

    @Test func aRebuildAfterEveryKindOfEditEqualsAFirstBuild() throws {
        let root = try project()
        let work = root.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("site")
        let first = build(root, into: output)
        #expect(first.built && first.diagnostics.isEmpty, "\(first.diagnostics.map(\.message))")
        for (number, edit) in edits.enumerated() {
            try edit.apply(root)
            let rebuilt = build(root, into: output)
            #expect(rebuilt.built && !rebuilt.upToDate, "after the \(edit.name) edit the site was not rebuilt")
            #expect(rebuilt.diagnostics.isEmpty, "after the \(edit.name) edit: \(rebuilt.diagnostics.map(\.message))")
            let cold = work.appendingPathComponent("cold-\(number)")
            let coldBuild = build(root, into: cold)
            #expect(coldBuild.built, "the first build after the \(edit.name) edit failed")
            let problems = differences(files(in: output), files(in: cold))
            #expect(problems.isEmpty, "after the \(edit.name) edit: \(problems.joined(separator: "; "))")
            // And the next build of the same files does nothing, leaving the same site.
            let again = build(root, into: output)
            #expect(again.built && again.upToDate, "after the \(edit.name) edit an unchanged rebuild built again")
            #expect(differences(files(in: output), files(in: cold)).isEmpty)
        }
    }

    @Test func aBodyEditRendersThatPageAloneAndATitleEditRendersEveryPage() throws {
        let root = try project()
        let work = root.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("site")
        let first = build(root, into: output)
        #expect(first.built && first.pagesKept == 0 && first.pagesRendered > 3, "\(first.diagnostics.map(\.message))")

        try edit(root, "toolkit-modules/beta/page.md") { $0.replacingOccurrences(of: "Ask your neighbours.", with: "Ask the people next door.") }
        let body = build(root, into: output)
        #expect(body.built && body.pagesRendered == 1 && body.pagesKept == first.pagesRendered - 1,
                "rendered \(body.pagesRendered), kept \(body.pagesKept)")
        #expect(try String(contentsOf: output.appendingPathComponent("beta/page/index.html"), encoding: .utf8).contains("Ask the people next door."))
        #expect(body.documentsKept == 5, "the pack in both sizes and the three masters print no part of the beta page")
        #expect(body.surveyFilesKept == 12, "the park survey's files in two languages, the survey list and the schema show no page's text; kept \(body.surveyFilesKept)")

        try edit(root, "toolkit-modules/alpha/handouts/welcome.md") { $0.replacingOccurrences(of: "You are welcome here.", with: "You are very welcome here.") }
        let handout = build(root, into: output)
        #expect(handout.pagesRendered == 1 && handout.documentsKept == 2,
                "the pack in both sizes and the handout's master print it, the park survey's two masters do not; kept \(handout.documentsKept)")
        #expect(try String(contentsOf: output.appendingPathComponent("packs/alpha-pack.html"), encoding: .utf8).contains("You are very welcome here."))

        // A survey's files are made again when it changes.
        try edit(root, "toolkit-modules/park/surveys/park.survey.yml") { $0.replacingOccurrences(of: "The park", with: "Our park") }
        let survey = build(root, into: output)
        #expect(survey.built && survey.surveyFilesKept == 0, "kept \(survey.surveyFilesKept)")
        #expect(try String(contentsOf: output.appendingPathComponent("surveys/park-bilingual/index.html"), encoding: .utf8).contains("Our park"))

        // Every page of the module lists the page by its title, so a new title renders them all.
        try edit(root, "toolkit-modules/beta/page.md") { $0.replacingOccurrences(of: "title: Beta page", with: "title: Who to ask") }
        let title = build(root, into: output)
        #expect(title.built && title.pagesRendered == first.pagesRendered && title.pagesKept == 0)

        // A site left by another build (or by hand) without its page is made whole again.
        try FileManager.default.removeItem(at: output.appendingPathComponent("alpha/guide/index.html"))
        try edit(root, "toolkit-modules/beta/page.md") { $0 + "\nAsk at the shop too.\n" }
        let mended = build(root, into: output)
        #expect(mended.pagesRendered == 2, "the edited page and the missing one")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("alpha/guide/index.html").path))
    }

    /// The stat times of a file: its time of change of contents, and of any change.
    func times(_ url: URL) -> (modified: timespec, changed: timespec) {
        var info = stat()
        _ = stat(url.path, &info)
        #if canImport(Darwin)
        return (info.st_mtimespec, info.st_ctimespec)
        #else
        return (info.st_mtim, info.st_ctim)
        #endif
    }

    /// A project whose files are all older than the margin of a racy file, built once; and its work folder.
    func builtProject() throws -> (root: URL, work: URL, output: URL) {
        let root = try project()
        let work = root.deletingLastPathComponent()
        Thread.sleep(forTimeInterval: 0.2)
        let output = work.appendingPathComponent("site")
        let first = build(root, into: output)
        #expect(first.built && first.diagnostics.isEmpty, "\(first.diagnostics.map(\.message))")
        return (root, work, output)
    }

    @Test func anUnchangedRebuildIsToldFromTheFilesStampsWithoutReadingThem() throws {
        let (root, work, output) = try builtProject()
        defer { try? FileManager.default.removeItem(at: work) }
        let cache = try #require(BuildCache.read(output: output)?.stamps)
        #expect(cache.racy.isEmpty, "no file changed just before the build: \(cache.racy)")
        let second = build(root, into: output)
        #expect(second.upToDate && second.upToDateByStamps && second.written == 0)
        // A file of the site changed by hand is made again, although no source changed.
        let page = output.appendingPathComponent("beta/page/index.html")
        let built = try Data(contentsOf: page)
        try Data("changed by hand".utf8).write(to: page)
        let mended = build(root, into: output)
        #expect(mended.built && !mended.upToDate)
        #expect(try Data(contentsOf: page) == built)
        // A file touched but not changed is read, and found the same.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: root.appendingPathComponent("toolkit-modules/beta/page.md").path)
        let touched = build(root, into: output)
        #expect(touched.upToDate && !touched.upToDateByStamps)
        // Its new stamp is kept, so the next build tells from the stamps alone again.
        let after = build(root, into: output)
        #expect(after.upToDate && after.upToDateByStamps)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(BuildCache.newFileName).path))
    }

    @Test func anEditThatKeepsTheFilesSizeAndTimeIsStillSeen() throws {
        let (root, work, output) = try builtProject()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(build(root, into: output).upToDateByStamps)
        // The same number of bytes, with the time of change put back as `cp -p`, `rsync -t` or `touch -r` do.
        let page = root.appendingPathComponent("toolkit-modules/beta/page.md")
        let before = times(page)
        try edit(root, "toolkit-modules/beta/page.md") { $0.replacingOccurrences(of: "Ask your neighbours.", with: "Ask your Neighbours.") }
        var restored = [before.modified, before.modified]
        #expect(utimensat(AT_FDCWD, page.path, &restored, 0) == 0)
        let after = times(page)
        #expect(after.modified.tv_sec == before.modified.tv_sec && after.modified.tv_nsec == before.modified.tv_nsec)
        let rebuilt = build(root, into: output)
        #expect(rebuilt.built && !rebuilt.upToDate)
        #expect(try String(contentsOf: output.appendingPathComponent("beta/page/index.html"), encoding: .utf8).contains("Ask your Neighbours."))
        let cold = build(root, into: work.appendingPathComponent("cold"))
        #expect(cold.built && differences(files(in: output), files(in: work.appendingPathComponent("cold"))).isEmpty)
    }

    @Test func aFileChangedJustBeforeABuildIsComparedByItsContentsNextTime() throws {
        let (root, work, output) = try builtProject()
        defer { try? FileManager.default.removeItem(at: work) }
        // Changed an instant before the build looks at it: a second change in the same tick of the file
        // system's clock could keep its stamp, so the next build compares its contents instead.
        try edit(root, "toolkit-modules/beta/page.md") { $0 + "\nAsk at the shop too.\n" }
        let rebuilt = build(root, into: output)
        #expect(rebuilt.built && !rebuilt.upToDate)
        let stamps = try #require(BuildCache.read(output: output)?.stamps)
        #expect(stamps.racy == ["toolkit-modules/beta/page.md"])
        let again = build(root, into: output)
        #expect(again.upToDate && again.upToDateByStamps)
        try edit(root, "toolkit-modules/beta/page.md") { $0.replacingOccurrences(of: "Ask at the shop too.", with: "Ask at the shop, too") }
        let edited = build(root, into: output)
        #expect(edited.built && !edited.upToDate)
        #expect(try String(contentsOf: output.appendingPathComponent("beta/page/index.html"), encoding: .utf8).contains("Ask at the shop, too"))
    }

    @Test func aCacheWithRacyFilesReadsBackAsWritten() throws {
        let cache = BuildCache(fingerprint: "abc", sizes: ["index.html": 12, "a b/index.html": 3], keys: ["index.html": "k1"],
                               stamps: BuildCache.Stamps(digest: "def", racy: ["content/index.md", "toolkit-modules/a/page one.md"]))
        #expect(BuildCache.parse(cache.text) == cache)
        let unstamped = BuildCache(fingerprint: nil, sizes: ["index.html": 12], keys: [:], stamps: nil)
        #expect(BuildCache.parse(unstamped.text) == unstamped)
        #expect(BuildCache.parse(cache.text.replacingOccurrences(of: "stamps def 2", with: "stamps def 9")) == nil)
    }
}
