import Foundation
import Logging
import ServiceLifecycle

/// Watches the sources and rebuilds when they change. File events (inotify on Linux) wake it the moment a
/// file is written; it still compares snapshots of modification times and sizes to find what changed, and
/// still looks every `interval` (every `eventInterval` when events work), so a change the events miss is
/// only seen a little later, never lost.
struct SourceWatcher: Service {
    let options: PreviewOptions
    let builder: PreviewBuilder
    let events: BuildEvents
    let log: @Sendable (String) -> Void
    /// The snapshot the last build was made from.
    let initial: SourceSnapshot
    /// How often the sources are looked at without file events. A poll of the toolkit's few hundred files
    /// takes about a millisecond, so polling often costs little and shortens the wait from a save to the reload.
    var interval: Duration = .milliseconds(40)
    /// How often they are looked at when file events wake the watcher: only to catch what the events miss.
    var eventInterval: Duration = .milliseconds(250)
    /// How long the files must stay unchanged before a build: editors and `git checkout` write in bursts.
    var settle: Duration = .milliseconds(25)
    /// With file events, how long no event must come before a build: an editor's save is over in well under this.
    var quiet: Duration = .milliseconds(10)
    let fileEvents = FileEvents()

    func run() async throws {
        if let reason = fileEvents.unavailable { log("note: " + reason) }
        do {
            try await withTaskCancellationHandler {
                try await cancelWhenGracefulShutdown { try await watch() }
            } onCancel: {
                fileEvents.stop()
            }
        } catch is CancellationError {
            // Ctrl-C or the end of a test: stopping is the expected way out.
        }
        await events.finish()
    }

    private func watch() async throws {
        var snapshot = initial
        var folders = SourceSnapshot.Folders()
        watchFolders(of: &folders)
        while true {
            let changed = try await nextChange(after: &snapshot, folders: &folders)
            log("changed: " + changed.prefix(5).joined(separator: ", ")
                + (changed.count > 5 ? " and \(changed.count - 5) more" : ""))
            let outcome = await builder.buildOffTheCooperativePool(events: events)
            await Self.publish(outcome, to: events, log: log)
            if let saved = snapshot.latestModification(of: changed) {
                let latency = Date().timeIntervalSince1970 - saved
                if latency >= 0, latency < 60 {
                    log(String(format: "open pages told %.2f s after the save", latency))
                }
            }
        }
    }

    /// Watches the folders a snapshot would look in, before the first snapshot is compared.
    private func watchFolders(of folders: inout SourceSnapshot.Folders) {
        var walked: [String] = []
        _ = SourceSnapshot.take(root: options.root, folders: folders.current(root: options.root), walked: &walked)
        fileEvents.watch([options.root.path] + walked.map { options.root.appendingPathComponent($0).path })
    }

    /// A snapshot of the sources; the folders it looked in are watched from then on.
    private func snapshot(_ folders: inout SourceSnapshot.Folders) -> SourceSnapshot {
        var walked: [String] = []
        let taken = SourceSnapshot.take(root: options.root, folders: folders.current(root: options.root), walked: &walked)
        if fileEvents.isActive { fileEvents.watch(walked.map { options.root.appendingPathComponent($0).path }) }
        return taken
    }

    /// Waits for a file event or for `seconds`, off Swift's own threads (the wait blocks one).
    private func wake(within duration: Duration) async throws -> Bool {
        try Task.checkCancellation()
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        guard fileEvents.isActive else {
            try await Task.sleep(for: duration)
            return false
        }
        let events = fileEvents
        let happened = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: events.wait(timeout: seconds)) }
        }
        try Task.checkCancellation()
        return happened
    }

    /// Waits until something changes, then until it stops changing; returns the changed paths.
    func nextChange(after snapshot: inout SourceSnapshot, folders: inout SourceSnapshot.Folders) async throws -> [String] {
        let clock = ContinuousClock()
        var lastHeartbeat = clock.now
        while true {
            let woken = try await wake(within: fileEvents.isActive ? eventInterval : interval)
            if clock.now - lastHeartbeat > .seconds(15) {
                await events.heartbeat()
                lastHeartbeat = clock.now
            }
            if woken {
                // Something is being written: wait for the writing to stop before looking.
                var rounds = 0
                while rounds < 100, try await wake(within: quiet) { rounds += 1 }
            }
            var current = self.snapshot(&folders)
            guard current != snapshot else { continue }
            if !woken {
                // Seen by a poll: a save older than `settle` is finished already, so build at once, as every
                // millisecond shows; a newer one may still be being written.
                let newest = current.latestModification(of: current.changes(since: snapshot)) ?? .infinity
                let age = Date().timeIntervalSince1970 - newest
                let settled = age >= Double(settle.components.seconds) + Double(settle.components.attoseconds) / 1e18
                for _ in 0..<(settled ? 0 : 40) {
                    try await Task.sleep(for: settle)
                    let again = self.snapshot(&folders)
                    if again == current { break }
                    current = again
                }
            }
            let changed = current.changes(since: snapshot)
            snapshot = current
            if !changed.isEmpty { return changed }
        }
    }

    /// Prints the outcome as `doorstep build` would, and tells the open pages.
    static func publish(_ outcome: PreviewBuilder.Outcome, to events: BuildEvents, log: @Sendable (String) -> Void) async {
        if !outcome.diagnosticsText.isEmpty { log(outcome.diagnosticsText) }
        log(outcome.summary)
        if let problems = outcome.problems {
            await events.failed(problems)
        } else {
            await events.succeeded(drafts: outcome.report.draftOutputPaths)
        }
    }
}
