import Foundation
import Testing
@testable import Preview

/// File events wake the preview when a source is saved, in folders that existed at the start and in
/// folders made later; where the system has none, the preview polls instead.
@Suite struct FileEventsTests {
    /// Runs `body` with file events and a project folder holding `content/`, removed afterwards. Linux has
    /// inotify, so there the events must work; elsewhere the preview polls and these tests say so.
    static func withEvents(_ body: (FileEvents, URL) throws -> Void) throws {
        let events = FileEvents()
        #if os(Linux)
        #expect(events.isActive, "inotify works on Linux: \(events.unavailable ?? "")")
        #endif
        guard events.isActive else {
            print("note: file events are not used on this system, so the preview polls; these tests do not apply")
            return
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try body(events, root)
    }

    /// Writes `text` to `file` a moment after the wait has begun, as an editor saving would.
    static func write(_ text: String, to file: URL, after seconds: Double = 0.05) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            try? text.write(to: file, atomically: false, encoding: .utf8)
        }
    }

    @Test func aSaveInAWatchedFolderWakesTheWait() throws {
        try Self.withEvents { events, root in
            events.watch([root.appendingPathComponent("content").path])
            #expect(!events.wait(timeout: 0.05), "nothing happened, so the wait ends at its time limit")

            Self.write("# Hello\n", to: root.appendingPathComponent("content/index.md"))
            #expect(events.wait(timeout: 20), "the save wakes the wait")
        }
    }

    @Test func aFolderMadeLaterIsWatchedOnceASnapshotHasSeenIt() throws {
        try Self.withEvents { events, root in
            var walked: [String] = []
            _ = SourceSnapshot.take(root: root, folders: ["content"], walked: &walked)
            events.watch(walked.map { root.appendingPathComponent($0).path })

            let module = root.appendingPathComponent("content/new-module")
            try FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
            #expect(events.wait(timeout: 20), "making a folder in a watched one is an event")
            walked = []
            _ = SourceSnapshot.take(root: root, folders: ["content"], walked: &walked)
            #expect(walked.contains("content/new-module"))
            events.watch(walked.map { root.appendingPathComponent($0).path })

            Self.write("# New\n", to: module.appendingPathComponent("page.md"))
            #expect(events.wait(timeout: 20), "a save in the new folder wakes the wait")
        }
    }

    @Test func aFolderRemovedAndMadeAgainIsWatchedAgain() throws {
        try Self.withEvents { events, root in
            let module = root.appendingPathComponent("content/module")
            try FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
            events.watch([module.path])
            try FileManager.default.removeItem(at: module)
            #expect(events.wait(timeout: 20))
            // Drain what is left of the removal, so that the next wait sees only what comes after.
            while events.wait(timeout: 0.1) {}

            try FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
            events.watch([module.path])
            Self.write("# Again\n", to: module.appendingPathComponent("page.md"))
            #expect(events.wait(timeout: 20), "the folder made again is watched")
        }
    }

    @Test func stopEndsAWaitAtOnce() throws {
        try Self.withEvents { events, _ in
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { events.stop() }
            let started = Date()
            #expect(!events.wait(timeout: 60), "a stop is not a file event")
            #expect(Date().timeIntervalSince(started) < 30, "the wait did not run to its time limit")
        }
    }
}
