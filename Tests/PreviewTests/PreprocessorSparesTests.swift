import Foundation
import Testing
@testable import Preview
#if canImport(Glibc)
import Glibc
#endif

/// The preview starts each preprocessor before the next save and gives it the pages when the save comes.
/// Each test runs the real preview on a copy of the good site, with a small Python preprocessor that notes
/// its process id and when it started (before it reads its input, as any program starts), and which pages
/// it was given and when.
@Suite(.serialized) struct PreprocessorSparesTests {
    /// Replaces MARKER in every page with `tag`; notes "pid started given" for each run in runs.log.
    static func script(tag: String) -> String {
        """
        import json, os, sys, time
        started = time.time()
        os.makedirs("pids", exist_ok=True)
        open(f"pids/{os.getpid()}", "w").close()
        data = json.load(sys.stdin)
        given = time.time()
        with open("runs.log", "a") as log:
            log.write(f"{os.getpid()} {started} {given}\\n")
        pages = [{"path": page["path"], "markdown": page["markdown"].replace("MARKER", "\(tag)")}
                 for page in data["pages"] if "MARKER" in page["markdown"]]
        json.dump({"version": 1, "pages": pages}, sys.stdout)
        """
    }

    struct Run {
        var pid: Int32
        var started: Double
        var given: Double
    }

    /// A running preview of a project whose site.yml names `command` as its preprocessor.
    final class Preview: @unchecked Sendable {
        let folder: URL
        let root: URL
        let terminal = PreviewServerTests.Lines()
        var running: Task<Void, any Error>?
        var events: LoopbackClient?
        var port = 0
        var builds = 1

        init(command: String, files: [String: String]) async throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-spares-\(UUID().uuidString)")
            root = folder.appendingPathComponent("project")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: PreviewServerTests.fixture, to: root)
            for (path, text) in files { try write(path, text) }
            try write("content/site.yml", try read("content/site.yml") + "preprocessors:\n  - command: \(command)\n")
            let server = PreviewServer(options: PreviewOptions(root: root, output: folder.appendingPathComponent("preview"), port: 0),
                                       log: terminal.append)
            let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
            running = Task { try await server.run(handleSignals: false) { portContinuation.yield($0) } }
            var portIterator = ports.makeAsyncIterator()
            port = try #require(await portIterator.next())
            events = LoopbackClient(port: port, path: LiveReload.eventsPath)
            #expect(await events?.waitFor("event: built\ndata: 1\n", within: 10) == true, "\(terminal.text)")
        }

        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }

        func read(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }

        /// Saves a page and waits for the build it starts; returns when it was saved.
        func save(_ path: String, _ text: String) async throws -> Double {
            let saved = Date().timeIntervalSince1970
            try write(path, text)
            builds += 1
            #expect(await events?.waitFor("event: built\ndata: \(builds)\n", within: 10) == true, "\(terminal.text)")
            return saved
        }

        func page(_ path: String) async -> String { await LoopbackClient.get(port: port, path: path) }

        var runs: [Run] {
            ((try? read("runs.log")) ?? "").split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ")
                guard parts.count == 3, let pid = Int32(parts[0]), let started = Double(parts[1]), let given = Double(parts[2])
                else { return nil }
                return Run(pid: pid, started: started, given: given)
            }
        }

        /// Every process the preprocessor was started as, spares included.
        var started: [Int32] {
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("pids").path)) ?? []).compactMap { Int32($0) }
        }

        /// Waits until a process has started that has not yet been given any pages: a spare.
        func spareWaiting(within seconds: Double = 10) async -> Int32? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let used = Set(runs.map(\.pid))
                if let spare = started.first(where: { !used.contains($0) && Self.isRunning($0) }) { return spare }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return nil
        }

        static func isRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

        /// Stops the preview as the end of a test (or Ctrl-C) does and waits until it has stopped.
        func stop() async {
            running?.cancel()
            _ = await running?.result
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    static let guidePath = "toolkit-modules/alpha/guide.md"

    @Test(.timeLimit(.minutes(1))) func aSaveIsPreprocessedByTheProgramStartedBeforeItAndNoneOutlivesThePreview() async throws {
        let preview = try await Preview(command: "[python3, tools/mark.py]", files: ["tools/mark.py": Self.script(tag: "first tag")])
        let guide = try preview.read(Self.guidePath)
        let spare = try #require(await preview.spareWaiting(), "a spare is started after the first build")

        let saved = try await preview.save(Self.guidePath, guide + "\nThe MARKER is replaced.\n")
        #expect(await preview.page("/alpha/guide/").contains("The first tag is replaced."), "\(preview.terminal.text)")
        let run = try #require(preview.runs.last)
        #expect(run.pid == spare, "the save is given to the program started before it")
        #expect(run.started < saved && run.given >= saved, "started \(run.started), saved \(saved), given \(run.given)")

        let again = try #require(await preview.spareWaiting(), "another is started for the next save")
        #expect(again != spare)
        _ = try await preview.save(Self.guidePath, guide + "\nThe MARKER is replaced again.\n")
        #expect(await preview.page("/alpha/guide/").contains("The first tag is replaced again."))
        #expect(preview.runs.last?.pid == again)

        _ = try #require(await preview.spareWaiting())
        await preview.stop()
        let left = preview.started.filter(Preview.isRunning)
        #expect(preview.started.count >= 4)
        #expect(left.isEmpty, "no preprocessor keeps running once the preview has stopped: \(left)")
    }

    @Test(.timeLimit(.minutes(1))) func anEditedScriptIsUsedAtOnceNotTheSpareStartedFromItsOldText() async throws {
        let preview = try await Preview(command: "[python3, tools/mark.py]", files: ["tools/mark.py": Self.script(tag: "old tag")])
        let guide = try preview.read(Self.guidePath)
        let spare = try #require(await preview.spareWaiting())

        try preview.write("tools/mark.py", Self.script(tag: "new tag"))
        _ = try await preview.save(Self.guidePath, guide + "\nThe MARKER is replaced.\n")
        #expect(await preview.page("/alpha/guide/").contains("The new tag is replaced."), "\(preview.terminal.text)")
        #expect(preview.runs.last?.pid != spare, "the spare of the old script is not given the pages")
        #expect(!Preview.isRunning(spare), "the spare of the old script is stopped")
        await preview.stop()
    }

    @Test(.timeLimit(.minutes(1))) func aSpareThatEndsWithoutReadingItsInputIsNotUsed() async throws {
        // Writes the time it ran as a warning and ends without reading its input.
        let script = """
            import json, os, time
            os.makedirs("pids", exist_ok=True)
            open(f"pids/{os.getpid()}", "w").close()
            json.dump({"version": 1, "diagnostics": [{"severity": "warning", "message": f"ran at {time.time()}"}]}, open(1, "w"))
            """
        let preview = try await Preview(command: "[python3, tools/early.py]", files: ["tools/early.py": script])
        let guide = try preview.read(Self.guidePath)
        // Its spare starts and ends by itself.
        let deadline = Date().addingTimeInterval(10)
        while preview.started.count < 2 && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(preview.started.count == 2)

        let saved = try await preview.save(Self.guidePath, guide + "\nA new line.\n")
        let times = preview.terminal.text.split(separator: "\n").compactMap { line in
            line.range(of: "ran at ").flatMap { Double(line[$0.upperBound...].prefix { $0.isNumber || $0 == "." }) }
        }
        let last = try #require(times.last, "\(preview.terminal.text)")
        #expect(last >= saved, "the warning shown after the save comes from a run after it, not from the spare that ran before")
        #expect(await preview.page("/alpha/guide/").contains("A new line."))
        await preview.stop()
    }
}
