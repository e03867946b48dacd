import Foundation
import Testing
@testable import Preview

/// Starts the real preview on a free loopback port, on a copy of the end-to-end tests' good site.
@Suite struct PreviewServerTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../EndToEndTests/Fixtures/good-site").standardizedFileURL

    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var text: String { lock.withLock { lines.joined(separator: "\n") } }
    }

    @Test(.timeLimit(.minutes(1))) func savingAGuideReloadsOpenPagesAndErrorsKeepTheLastGoodSite() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-preview-test-\(UUID().uuidString)")
        let root = folder.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture, to: root)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("preview")
        let guide = root.appendingPathComponent("toolkit-modules/alpha/guide.md")

        let terminal = Lines()
        let server = PreviewServer(options: PreviewOptions(root: root, output: output, port: 0), log: terminal.append)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let running = Task {
            try await server.run(handleSignals: false) { portContinuation.yield($0) }
        }
        var portIterator = ports.makeAsyncIterator()
        let port = try #require(await portIterator.next())
        #expect(port > 0)

        let page = await LoopbackClient.get(port: port, path: "/alpha/guide/")
        #expect(page.hasPrefix("HTTP/1.1 200"))
        #expect(page.contains("Alpha guide"))
        #expect(page.contains("<script data-doorstep-preview>"))
        let built = try String(contentsOf: output.appendingPathComponent("alpha/guide/index.html"), encoding: .utf8)
        #expect(!built.contains("doorstep-preview"), "the script is added to responses, never to built files")

        let events = try #require(LoopbackClient(port: port, path: LiveReload.eventsPath))
        #expect(await events.waitFor("event: built\ndata: 1\n", within: 5))

        let saved = Date()
        try (String(contentsOf: guide, encoding: .utf8) + "\nA sentence added while previewing.\n")
            .write(to: guide, atomically: true, encoding: .utf8)
        #expect(await events.waitFor("event: built\ndata: 2\n", within: 5))
        let latency = Date().timeIntervalSince(saved)
        #expect(latency < 3, "the reload event came \(latency) s after the save")
        #expect(await LoopbackClient.get(port: port, path: "/alpha/guide/").contains("A sentence added while previewing."))

        try (String(contentsOf: guide, encoding: .utf8) + "\nSee [nothing](nowhere.md).\n")
            .write(to: guide, atomically: true, encoding: .utf8)
        #expect(await events.waitFor("event: failed\n", within: 5))
        #expect(await events.waitFor("[link-broken]", within: 2))
        let lastGood = await LoopbackClient.get(port: port, path: "/alpha/guide/")
        #expect(lastGood.contains("A sentence added while previewing."))
        #expect(!lastGood.contains("nowhere"))
        #expect(terminal.text.contains("error: link to 'nowhere.md'"))
        #expect(terminal.text.contains("keeps serving the last good site"))

        running.cancel()
        let stopped = await withTaskGroup(of: Bool.self) { group in
            group.addTask { _ = await running.result; return true }
            group.addTask { try? await Task.sleep(for: .seconds(10)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(stopped, "the server should stop when its task is cancelled")
    }

    @Test(.timeLimit(.minutes(1))) func aPortInUseIsAClearError() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-preview-port-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let running = Task {
            try await PreviewServer(options: PreviewOptions(root: Self.fixture, output: folder, port: 0), log: { _ in })
                .run(handleSignals: false) { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let second = PreviewServer(options: PreviewOptions(root: Self.fixture, output: folder, port: port), log: { _ in })
        do throws(PreviewError) {
            try await second.run(handleSignals: false)
            Issue.record("a second server on port \(port) should not start")
        } catch {
            #expect(error.description.contains("port \(port) on 127.0.0.1 is already in use"))
        }
        running.cancel()
        _ = await running.result
    }
}
