import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A new group's first hour, with only the README: init, check, serve, build, add pages.
@Suite("a newcomer's first hour")
struct NewcomerTests {
    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A freshly started site in `<temporary>/<name>`.
    static func startedSite(_ name: String = "hillside-research") throws -> URL {
        let parent = try emptyFolder()
        let result = try DoorstepRunner.run(["init", name], in: parent)
        #expect(result.status == 0, "\(result.stderr)")
        return parent.appendingPathComponent(name)
    }

    static func exists(_ project: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: project.appendingPathComponent(path).path)
    }

    @Test func initCheckServeBuildThenANewPageAndSurvey() throws {
        let parent = try Self.emptyFolder()
        let started = try DoorstepRunner.run(["init", "hillside-research"], in: parent)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.contains("doorstep serve --open"))
        let project = parent.appendingPathComponent("hillside-research")
        for path in ["content/site.yml", "content/index.md", ".gitignore", "toolkit-modules/our-research/module.yml",
                     "toolkit-modules/our-research/index.md"] {
            #expect(Self.exists(project, path), "\(path)")
        }
        let ignore = try DoorstepRunner.read(project, ".gitignore")
        #expect(ignore.contains("site/\n") && ignore.contains("results/\n"))
        #expect(try DoorstepRunner.read(project, "content/site.yml").contains("title: \"Hillside research\""))

        // Check passes, with every piece of starter text as a located warning.
        let checked = try DoorstepRunner.run(["check"], in: project)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stderr.contains("content/site.yml:12:18: warning: starter text still to be replaced: write your own words in place of 'Replace this: …' [placeholder-text]"),
                "\(checked.stderr)")
        #expect(checked.stderr.contains("content/index.md:6:1: warning: starter text still to be replaced"))
        #expect(checked.stderr.contains("toolkit-modules/our-research/module.yml:3:"))
        #expect(!checked.stderr.contains("error:"))
        #expect(try DoorstepRunner.run(["check", "--strict"], in: project).status == 1, "placeholders fail a strict check")

        let served = try Serving(["serve", "--port", "0"], in: project)
        let home = served.get("/")
        #expect(home.status == 200)
        #expect(home.body.contains("<title>Hillside research</title>") || home.body.contains("Hillside research"))
        #expect(served.get("/our-research/").status == 200)
        served.stop()

        let built = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.contains("warning: starter text still to be replaced"))
        #expect(Self.exists(project, "site/index.html") && Self.exists(project, "site/our-research/index.html"))

        let page = try DoorstepRunner.run(["new", "page", "our-research", "Knocking on doors"], in: project)
        #expect(page.status == 0, "\(page.stderr)")
        #expect(page.stdout.contains("toolkit-modules/our-research/knocking-on-doors.md"))
        let survey = try DoorstepRunner.run(["new", "survey", "our-research", "Park survey"], in: project)
        #expect(survey.status == 0, "\(survey.stderr)")
        let rebuilt = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(!rebuilt.stderr.contains("error:"), "\(rebuilt.stderr)")
        #expect(try DoorstepRunner.read(project, "site/our-research/knocking-on-doors/index.html").contains("Knocking on doors"))
        #expect(Self.exists(project, "site/surveys/park-survey/index.html"))
        #expect(rebuilt.stderr.contains("toolkit-modules/our-research/park-survey.md:27:"), "the survey's starter question is located")
    }

    @Test func replacingEveryPlaceholderLeavesACleanCheck() throws {
        let project = try Self.startedSite()
        for path in ["content/site.yml", "content/index.md", "toolkit-modules/our-research/module.yml",
                     "toolkit-modules/our-research/index.md"] {
            let text = try DoorstepRunner.read(project, path)
            try text.replacingOccurrences(of: "Replace this: ", with: "").write(to: project.appendingPathComponent(path),
                                                                                atomically: true, encoding: .utf8)
        }
        let checked = try DoorstepRunner.run(["check", "--strict"], in: project)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stderr.contains("0 errors, 0 warnings"), "\(checked.stderr)")
    }

    @Test func initNeverWritesOverExistingFiles() throws {
        let project = try Self.startedSite()
        try "title: Ours\n".write(to: project.appendingPathComponent("content/site.yml"), atomically: true, encoding: .utf8)
        let again = try DoorstepRunner.run(["init"], in: project)
        #expect(again.status == 2)
        #expect(again.stderr.contains("'content/site.yml', 'content/index.md', '.gitignore'"), "\(again.stderr)")
        #expect(again.stderr.contains("nothing was written"))
        #expect(try DoorstepRunner.read(project, "content/site.yml") == "title: Ours\n")
        let page = try DoorstepRunner.run(["new", "page", "our-research", "Index"], in: project)
        #expect(page.status == 2, "a page called index would replace the module's introduction")
        let twice = try DoorstepRunner.run(["new", "module", "our-research"], in: project)
        #expect(twice.status == 2 && twice.stderr.contains("'toolkit-modules/our-research/module.yml'"))
    }

    @Test func newNameStillMakesAModuleAndUnknownModulesAreNamed() throws {
        let project = try Self.startedSite()
        let module = try DoorstepRunner.run(["new", "street-stalls", "--title", "Street stalls"], in: project)
        #expect(module.status == 0, "\(module.stderr)")
        #expect(try DoorstepRunner.read(project, "toolkit-modules/street-stalls/module.yml").contains("title: \"Street stalls\""))
        let wrong = try DoorstepRunner.run(["new", "page", "our-reserch", "Notes"], in: project)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("there is no module 'our-reserch' in toolkit-modules/; did you mean 'our-research'?"), "\(wrong.stderr)")
        let outside = try DoorstepRunner.run(["new", "module", "stray"], in: Self.emptyFolder())
        #expect(outside.status == 2 && outside.stderr.contains("doorstep init"))
    }

    @Test func commandsFindTheProjectFromASubFolder() throws {
        let project = try Self.startedSite()
        let inside = project.appendingPathComponent("toolkit-modules/our-research")
        let checked = try DoorstepRunner.run(["check"], in: inside)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stderr.contains("toolkit-modules/our-research/index.md:"))
        let built = try DoorstepRunner.run(["build", "--no-pdf"], in: inside)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(Self.exists(project, "site/index.html"))
        #expect(!Self.exists(inside, "site"))
        let page = try DoorstepRunner.run(["new", "page", "our-research", "From here"], in: inside)
        #expect(page.status == 0 && Self.exists(project, "toolkit-modules/our-research/from-here.md"))
    }

    @Test func draftsAreLeftOutUnlessAskedFor() throws {
        let project = try Self.startedSite()
        try """
            ---
            title: Not ready
            draft: true
            ---

            Half written.

            """.write(to: project.appendingPathComponent("toolkit-modules/our-research/not-ready.md"), atomically: true, encoding: .utf8)
        let built = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(!Self.exists(project, "site/our-research/not-ready/index.html"))
        #expect(!(try DoorstepRunner.read(project, "site/our-research/index.html")).contains("Not ready"))
        let withDrafts = try DoorstepRunner.run(["build", "--no-pdf", "--drafts"], in: project)
        #expect(withDrafts.status == 0, "\(withDrafts.stderr)")
        #expect(Self.exists(project, "site/our-research/not-ready/index.html"))

        try DoorstepRunner.edit(project, "content/index.md", replacing: "The site's modules",
                                with: "See [the draft](../toolkit-modules/our-research/not-ready.md). The site's modules")
        let linked = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(linked.status == 1)
        #expect(linked.stderr.contains("a draft page that this build leaves out [link-to-draft]"), "\(linked.stderr)")

        let served = try Serving(["serve", "--port", "0"], in: project)
        let draft = served.get("/our-research/not-ready/")
        #expect(draft.status == 200)
        #expect(draft.body.contains("data-doorstep-draft") && draft.body.contains("Draft:"))
        #expect(!served.get("/our-research/").body.contains("data-doorstep-draft"))
        served.stop()
    }

    @Test func baseURLOnTheCommandLineWinsOverSiteYML() throws {
        let project = try Self.startedSite()
        let built = try DoorstepRunner.run(["build", "--no-pdf", "--base-url", "https://hillside.example.org/toolkit"], in: project)
        #expect(built.status == 0, "\(built.stderr)")
        let sitemap = try DoorstepRunner.read(project, "site/sitemap.xml")
        #expect(sitemap.contains("<loc>https://hillside.example.org/toolkit/our-research/</loc>"), "\(sitemap)")
        let bad = try DoorstepRunner.run(["build", "--base-url", "hillside.example.org"], in: project)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--base-url must be the site's web address"), "\(bad.stderr)")
        let served = try Serving(["serve", "--port", "0", "--base-url", "https://preview.example.org/"], in: project)
        #expect(served.get("/sitemap.xml").body.contains("<loc>https://preview.example.org/our-research/</loc>"))
        served.stop()
    }

    @Test func bindingBeyondLoopbackWarnsAndStillServes() throws {
        let project = try Self.startedSite()
        let open = try Serving(["serve", "--port", "0", "--bind", "0.0.0.0"], in: project)
        #expect(open.get("/").status == 200)
        open.stop()
        #expect(open.log.contains("warning: --bind 0.0.0.0 lets every device on this network see the preview"), "\(open.log)")
        let local = try Serving(["serve", "--port", "0"], in: project)
        local.stop()
        #expect(!local.log.contains("warning: --bind"))
        let bad = try DoorstepRunner.run(["serve", "--bind", "my-laptop"], in: project)
        #expect(bad.status == 2 && bad.stderr.contains("--bind must be an IP address"))
    }

    @Test func openHandsTheAddressToTheDesktopOrSaysWhereToGo() throws {
        let project = try Self.startedSite()
        let tools = try Self.emptyFolder()
        let opened = tools.appendingPathComponent("opened.txt")
        let opener = tools.appendingPathComponent("xdg-open")
        try "#!/bin/sh\nprintf '%s' \"$1\" > '\(opened.path)'\n".write(to: opener, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: opener.path)
        let served = try Serving(["serve", "--port", "0", "--open"], in: project, environment: ["PATH": tools.path + ":/usr/bin:/bin"])
        var text = ""
        for _ in 0..<100 where text.isEmpty {
            text = (try? String(contentsOf: opened, encoding: .utf8)) ?? ""
            if text.isEmpty { usleep(50_000) }
        }
        served.stop()
        #expect(text == "http://127.0.0.1:\(served.port)/", "\(served.log)")

        let bare = try Serving(["serve", "--port", "0", "--open"], in: project, environment: ["PATH": tools.path + "/none"])
        #expect(bare.get("/").status == 200)
        bare.stop()
        #expect(bare.log.contains("note: there is no 'xdg-open' here to open a browser; open http://127.0.0.1:"), "\(bare.log)")
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let project = try Self.startedSite()
        let piped = try DoorstepRunner.run(["check"], in: project)
        #expect(piped.stderr.contains("warning:") && !piped.stderr.contains("\u{1B}["), "piped output has no colour codes")
        guard let script = ["/usr/bin/script", "/bin/script"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "CI needs util-linux's 'script' to give doorstep a terminal")
            print("skipped: no 'script' command to run doorstep on a terminal")
            return
        }
        let command = "'\(DoorstepRunner.binary.path)' check"
        // swift test may set NO_COLOR for what it runs; an empty NO_COLOR counts as not set.
        let terminal = try DoorstepRunner.runTool(script, ["-qec", command, "/dev/null"], in: project,
                                                  environment: ["TERM": "xterm", "NO_COLOR": ""])
        #expect(terminal.stdout.contains("\u{1B}[1;33mwarning:\u{1B}[0m"), "\(terminal.stdout)")
        let noColour = try DoorstepRunner.runTool(script, ["-qec", command, "/dev/null"], in: project,
                                                  environment: ["TERM": "xterm", "NO_COLOR": "1"])
        #expect(noColour.stdout.contains("warning:") && !noColour.stdout.contains("\u{1B}["), "\(noColour.stdout)")
    }

    @Test func versionNamesTheCommitAndCompletionIsPrinted() throws {
        let project = try Self.startedSite()
        let version = try DoorstepRunner.run(["version"], in: project)
        #expect(version.status == 0)
        let line = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("doorstep 1."), "\(line)")
        // Built from this checkout, so the commit is known.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: sources.appendingPathComponent(".git").path) {
            #expect(line.range(of: #"\(commit [0-9a-f]{12}(-dirty)?\)$"#, options: .regularExpression) != nil, "\(line)")
        }
        let completion = try DoorstepRunner.run(["--generate-completion-script", "bash"], in: project)
        #expect(completion.status == 0)
        #expect(completion.stdout.contains("_doorstep") && completion.stdout.contains("init"))
    }

    @Test func suggestionsGiveTheLinkToWriteAndNeverTheThingItself() throws {
        let project = try Self.startedSite()
        _ = try DoorstepRunner.run(["new", "page", "our-research", "Knocking on doors"], in: project)
        try DoorstepRunner.edit(project, "content/index.md", replacing: "The site's modules",
                                with: "See [knocking](../toolkit-modules/our-research/knocking-on-door.md#before-you-go). The site's modules")
        try DoorstepRunner.edit(project, "toolkit-modules/our-research/knocking-on-doors.md", replacing: "write the page here.",
                                with: "write the page here. [Myself](knocking-on-dors.md)")
        try DoorstepRunner.edit(project, "toolkit-modules/our-research/module.yml", replacing: "requires: []",
                                with: "requires: [our-reserch]")
        let checked = try DoorstepRunner.run(["check"], in: project)
        #expect(checked.status == 1)
        #expect(checked.stderr.contains("note: did you mean '../toolkit-modules/our-research/knocking-on-doors.md#before-you-go'?"),
                "\(checked.stderr)")
        #expect(!checked.stderr.contains("did you mean 'knocking-on-doors.md'"), "a page is never offered a link to itself")
        #expect(checked.stderr.contains("requires 'our-reserch', which does not exist"))
        #expect(!checked.stderr.contains("did you mean 'our-research'"), "a module is never told to require itself")
    }

    @Test func theReadabilityTableLinesUp() throws {
        let project = try Self.startedSite()
        let plain = String(repeating: "We knock on the door. We say who we are. We ask if they have time. ", count: 3)
        let long = String(repeating: "Comprehensive neighbourhood consultations necessitate considerable organisational preparation beforehand. ", count: 6)
        for (name, text) in [("a", plain), ("a-much-longer-file-name", long)] {
            try "---\ntitle: \(name)\n---\n\n\(text)\n".write(to: project.appendingPathComponent("toolkit-modules/our-research/\(name).md"),
                                                             atomically: true, encoding: .utf8)
        }
        let checked = try DoorstepRunner.run(["check", "--readability"], in: project)
        let table = checked.stdout.split(separator: "\n").filter { !$0.hasPrefix("plain-English") }
        #expect(table.count >= 3, "\(checked.stdout)")
        let pageColumns = Set(table.compactMap { line in
            line.range(of: #"(page|toolkit-modules/\S+|content/\S+)$"#, options: .regularExpression).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
        })
        #expect(pageColumns.count == 1, "\(checked.stdout)")
        #expect(table.allSatisfy { !$0.hasSuffix(" ") })
    }
}

/// `doorstep serve` running in the background, read until it says where it listens.
final class Serving: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var collected = ""
    private(set) var port = 0

    var log: String { lock.withLock { collected } }

    init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
        process.executableURL = DoorstepRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard !data.isEmpty else {
                handle.readabilityHandler = nil  // the end of the stream: stop being called
                return
            }
            guard let self else { return }
            self.lock.withLock { self.collected += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.isRunning {
            if let range = log.range(of: #"at http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                port = Int(log[range].dropFirst("at http://127.0.0.1:".count).dropLast()) ?? 0
                break
            }
            usleep(50_000)
        }
        #expect(port > 0, "serve did not start: \(log)")
    }

    struct Reply { var status: Int; var body: String }

    func get(_ path: String) -> Reply {
        guard port > 0, let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return Reply(status: 0, body: "") }
        let done = DispatchSemaphore(value: 0)
        let box = ReplyBox()
        URLSession.shared.dataTask(with: url) { data, response, _ in
            box.reply = Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data.map { String(decoding: $0, as: UTF8.self) } ?? "")
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 20)
        return box.reply
    }

    func stop() {
        if process.isRunning { process.interrupt() }
        process.waitUntilExit()
        usleep(100_000)
    }

    private final class ReplyBox: @unchecked Sendable { var reply = Reply(status: 0, body: "") }
}
