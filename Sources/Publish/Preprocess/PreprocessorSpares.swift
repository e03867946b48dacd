import Foundation
import Synchronization
import Toolkit

/// The preview's preprocessors, started ahead. Starting a program (a Python interpreter and its imports)
/// takes longer than most preprocessors' work on a one-page edit, so while the preview waits for the next
/// save, one process of each configured preprocessor is already running, blocked reading its input.
/// A build hands it the pages instead of starting the program, and a new one is started after the build.
///
/// A spare is used only for the very program it was started as: the same arguments, and the same files
/// they name by content (as the preprocessor cache identifies a program). One that has ended before it
/// was given its input is never used. `doorstep build` has none: nothing changes there.
public final class PreprocessorSpares: Sendable {
    /// Seconds between the end of a build and the start of the spares. None is best: the page open in the
    /// browser is sent before the build ends (see `ViewedFirst`), so the spares take no core from its
    /// reload, while a later start, or a start at low priority, leaves them still starting when the next
    /// save comes (measured with scripts/preview-benchmark on two cores: a median of about 350 ms at once,
    /// 450–630 ms 0.1–0.3 s later, 430–490 ms at nice 10).
    public let delay: Double

    struct Spare {
        var arguments: [String]
        var identity: String
        var process: ProcessRunner.Started
    }

    struct State {
        var spares: [Spare] = []
        /// The preprocessors configured at the last build, and the project they run in.
        var wanted: [[String]] = []
        var root: URL?
        /// Counts builds started, so that spares due after one build are not started during the next.
        var builds = 0
        var stopped = false
    }

    private let state = Mutex(State())

    public init(delay: Double = 0) {
        self.delay = delay
    }

    /// The preprocessors the build found in site.yml, in their order: the ones to keep a spare of.
    func configured(_ commands: [PreprocessorCommand], root: URL) {
        state.withLock { state in
            state.wanted = commands.map { $0.arguments.map(\.value) }
            state.root = root
        }
    }

    /// The spare of this program, taken out of the pool, when one is waiting for its input. A spare of the same
    /// arguments whose files have since changed is stopped, as is a spare that has already ended.
    func take(_ arguments: [String], root: URL) -> ProcessRunner.Started? {
        guard state.withLock({ $0.spares.contains { $0.arguments == arguments } }) else { return nil }
        let identity = PreprocessorCache.identity(arguments, root: root)
        let (found, stale) = state.withLock { state -> (Spare?, [Spare]) in
            let stale = state.spares.filter { $0.arguments == arguments && $0.identity != identity }
            state.spares.removeAll { $0.arguments == arguments && $0.identity != identity }
            guard let index = state.spares.firstIndex(where: { $0.arguments == arguments }) else { return (nil, stale) }
            return (state.spares.remove(at: index), stale)
        }
        for spare in stale { ProcessRunner.stop(spare.process) }
        guard let found else { return nil }
        if ProcessRunner.hasEnded(found.process) {
            ProcessRunner.stop(found.process)
            return nil
        }
        return found.process
    }

    /// A build begins: spares due after the last one are not started while it runs.
    public func buildStarted() {
        state.withLock { $0.builds += 1 }
    }

    /// A build has ended: after `delay`, a spare of each configured preprocessor is started, unless another
    /// build has begun by then (it starts them when it ends).
    public func buildEnded() {
        let build = state.withLock { $0.builds }
        // Started at the build's own priority: a program inherits its thread's (Dispatch gives each quality of
        // service a nice value), and a spare at a lower one then also does its real work slower.
        DispatchQueue.global(qos: .userInitiated).asyncAfter(deadline: .now() + delay) { [self] in
            replenish(after: build)
        }
    }

    /// Starts the spares that are missing and stops those of programs no longer configured or since changed.
    func replenish(after build: Int) {
        guard let (wanted, root) = state.withLock({ state -> ([[String]], URL)? in
            guard !state.stopped, state.builds == build, let root = state.root else { return nil }
            return (state.wanted, root)
        }) else { return }
        let identities = wanted.map { PreprocessorCache.identity($0, root: root) }
        let (missing, unwanted) = state.withLock { state -> ([Int], [Spare]) in
            var kept: [Spare] = [], missing: [Int] = []
            var left = state.spares
            for (index, identity) in identities.enumerated() {
                if let match = left.firstIndex(where: { $0.identity == identity }) {
                    kept.append(left.remove(at: match))
                } else {
                    missing.append(index)
                }
            }
            state.spares = kept
            return (missing, left)
        }
        for spare in unwanted { ProcessRunner.stop(spare.process) }
        for index in missing {
            guard case .success(let process) = ProcessRunner.start(wanted[index], directory: root) else { continue }
            let spare = Spare(arguments: wanted[index], identity: identities[index], process: process)
            let kept = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.spares.append(spare)
                return true
            }
            if !kept { ProcessRunner.stop(process) }
        }
    }

    /// Stops every spare, with the processes each started; none is started after this. The preview calls it as it stops.
    public func stop() {
        let spares = state.withLock { state -> [Spare] in
            state.stopped = true
            defer { state.spares = [] }
            return state.spares
        }
        for spare in spares { ProcessRunner.stop(spare.process) }
    }
}
