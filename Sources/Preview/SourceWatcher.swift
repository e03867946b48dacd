import Foundation
import Logging
import ServiceLifecycle

/// Polls the sources and rebuilds when they change. Polling modification times needs no platform
/// file-event API and no extra dependency, and a few hundred files take well under a millisecond.
struct SourceWatcher: Service {
    let options: PreviewOptions
    let builder: PreviewBuilder
    let events: BuildEvents
    let log: @Sendable (String) -> Void
    /// The snapshot the last build was made from.
    let initial: SourceSnapshot
    /// A poll of the toolkit's few hundred files takes about a millisecond, so polling often costs little
    /// and shortens the wait from a save to the reload.
    var interval: Duration = .milliseconds(40)
    /// How long the files must stay unchanged before a build: editors and `git checkout` write in bursts.
    var settle: Duration = .milliseconds(25)

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await watch() }
        } catch is CancellationError {
            // Ctrl-C or the end of a test: stopping is the expected way out.
        }
        await events.finish()
    }

    private func watch() async throws {
        var snapshot = initial
        var folders = SourceSnapshot.Folders()
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

    /// Waits until something changes, then until it stops changing; returns the changed paths.
    func nextChange(after snapshot: inout SourceSnapshot, folders: inout SourceSnapshot.Folders) async throws -> [String] {
        let clock = ContinuousClock()
        var lastHeartbeat = clock.now
        while true {
            try await Task.sleep(for: interval)
            if clock.now - lastHeartbeat > .seconds(15) {
                await events.heartbeat()
                lastHeartbeat = clock.now
            }
            var current = SourceSnapshot.take(root: options.root, folders: folders.current(root: options.root))
            guard current != snapshot else { continue }
            // A save older than `settle` is finished already: build at once, as every millisecond shows.
            let newest = current.latestModification(of: current.changes(since: snapshot)) ?? .infinity
            let age = Date().timeIntervalSince1970 - newest
            let settled = age >= Double(settle.components.seconds) + Double(settle.components.attoseconds) / 1e18
            for _ in 0..<(settled ? 0 : 40) {
                try await Task.sleep(for: settle)
                let again = SourceSnapshot.take(root: options.root, folders: folders.current(root: options.root))
                if again == current { break }
                current = again
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
