import Foundation
import Publish

/// The latest build's outcome, sent to every open page as server-sent events. A page that connects
/// (or reconnects) is told the current state at once, so it never misses a build made while it loaded.
actor BuildEvents {
    enum State: Equatable, Sendable {
        /// The site in the output folder is build number `generation`.
        case built(generation: Int)
        /// The last build failed; the site of build `generation` is still served.
        case failed(generation: Int, problems: String)

        var generation: Int {
            switch self {
            case .built(let generation), .failed(let generation, _): return generation
            }
        }

        var message: String {
            switch self {
            case .built(let generation): return BuildEvents.message(event: "built", data: String(generation))
            case .failed(_, let problems): return BuildEvents.message(event: "failed", data: problems)
            }
        }
    }

    private(set) var state: State = .built(generation: 0)
    /// Output paths of the draft pages in the site being served, marked "Draft" when served.
    private(set) var drafts: Set<String> = []
    private var subscribers: [UUID: AsyncStream<String>.Continuation] = [:]
    /// The site file each open page shows (`start-here/planning-a-project/index.html`), when it said.
    private var viewing: [UUID: String] = [:]
    /// Pages of the build under way, made before the rest of the site and served from here until it ends.
    private(set) var ahead: [String: Data] = [:]
    private var finished = false

    var generation: Int { state.generation }
    var subscriberCount: Int { subscribers.count }

    /// The generation a served page is told it shows: the coming one for a page made ahead of its build.
    func generation(serving path: String) -> Int {
        ahead[path] == nil ? state.generation : state.generation + 1
    }

    /// The site files the open pages show, so the build can make them first.
    var viewed: Set<String> { Set(viewing.values) }

    /// Serves these pages of the build under way at once, and reloads the open pages that show them; the
    /// coming generation keeps them from reloading again when the whole build is in.
    func madeAhead(_ files: [RenderedFile]) {
        for file in files { ahead[file.path] = file.data }
        let message = BuildEvents.message(event: "built", data: String(state.generation + 1))
        for (id, continuation) in subscribers where viewing[id].map({ ahead[$0] != nil }) == true {
            continuation.yield(message)
        }
    }

    /// A stream of messages for one page, starting with the current state.
    func subscribe(page: String? = nil) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(8))
        guard !finished else {
            continuation.finish()
            return stream
        }
        // Browsers reconnect after this many milliseconds when the preview restarts.
        // A page made ahead of the build under way is already the coming generation's.
        let current = page.map { ahead[$0] != nil } == true ? State.built(generation: state.generation + 1) : state
        continuation.yield("retry: 1000\n\n" + current.message)
        let id = UUID()
        subscribers[id] = continuation
        viewing[id] = page
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    func succeeded(drafts: Set<String> = []) {
        self.drafts = drafts
        ahead = [:]
        publish(.built(generation: state.generation + 1))
    }

    /// A build that failed after it made pages ahead uses up their generation, so the next good build
    /// reloads them too.
    func failed(_ problems: String) {
        let generation = ahead.isEmpty ? state.generation : state.generation + 1
        ahead = [:]
        publish(.failed(generation: generation, problems: problems))
    }

    /// A comment line: it keeps nothing alive, but finds pages that were closed, whose writes then fail.
    func heartbeat() {
        for continuation in subscribers.values { continuation.yield(": still here\n\n") }
    }

    /// Ends every stream, so that open pages do not hold the server open when it stops.
    func finish() {
        finished = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    private func publish(_ new: State) {
        state = new
        for continuation in subscribers.values { continuation.yield(new.message) }
    }

    private func remove(_ id: UUID) {
        subscribers[id] = nil
        viewing[id] = nil
    }

    /// One event in the text/event-stream format: each line of `data` on its own `data:` line.
    static func message(event: String, data: String) -> String {
        let lines = data.replacingOccurrences(of: "\r", with: "").split(separator: "\n", omittingEmptySubsequences: false)
        return "event: \(event)\n" + lines.map { "data: \($0)\n" }.joined() + "\n"
    }
}
