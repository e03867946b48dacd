import CPlatform
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with its arguments as given (no shell), feeds it standard input, collects its output,
/// and stops it, with every process it started, when it runs past its time limit. The program leads a
/// process group of its own, so stopping the group reaches its children too. Starting and finishing are
/// apart so that the preview can start a program before its input is ready (see `PreprocessorSpares`).
enum ProcessRunner {
    struct Outcome: Sendable {
        enum Ending: Sendable, Equatable {
            case exited(Int32)
            case signalled(Int32)
            case timedOut
        }
        var ending: Ending
        var standardOutput: Data
        var standardError: Data
    }

    enum Failure: Error, Equatable {
        /// The program could not be found or started.
        case cannotStart(String)
    }

    /// A program started with its pipes, not yet given its input: it is blocked reading standard input
    /// (or doing whatever it does before that). `finish` gives it the input; `stop` ends it unused.
    struct Started: Sendable {
        let pid: pid_t
        /// Doorstep's ends of the program's standard input, output and error.
        let input: Int32
        let output: Int32
        let errors: Int32
    }

    /// Starts the program and runs it to the end on `input`: `start`, then `finish`.
    static func run(_ arguments: [String], input: Data, directory: URL, timeout: Double) -> Result<Outcome, Failure> {
        start(arguments, directory: directory).map { finish($0, input: input, timeout: timeout) }
    }

    /// Starts the program in a process group of its own, with its standard input, output and error on pipes.
    /// Doorstep's ends of the pipes close when it starts any other program, so each program is the only
    /// one holding its own input open and sees it close when doorstep goes, even when doorstep is killed.
    static func start(_ arguments: [String], directory: URL) -> Result<Started, Failure> {
        guard let program = arguments.first else { return .failure(.cannotStart("no program named")) }
        guard let executable = locate(program, directory: directory) else {
            return .failure(.cannotStart("'\(program)' was not found\(program.contains("/") ? "" : " on the PATH")"))
        }
        // A program that stops reading its input must not end the build with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var stdinPipe: [Int32] = [0, 0], stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
        guard makePipe(&stdinPipe) else { return .failure(.cannotStart("no pipe: \(String(cString: strerror(errno)))")) }
        guard makePipe(&stdoutPipe) else { closeAll(stdinPipe); return .failure(.cannotStart("no pipe")) }
        guard makePipe(&stderrPipe) else { closeAll(stdinPipe + stdoutPipe); return .failure(.cannotStart("no pipe")) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        for fd in stdinPipe + stdoutPipe + stderrPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // The child starts with SIGPIPE back at its default, as programs expect.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))

        let moved = doorstep_spawn_add_chdir(&actions, directory.path)
        guard moved == 0 else {
            closeAll(stdinPipe + stdoutPipe + stderrPipe)
            return .failure(.cannotStart("cannot start a program in '\(directory.path)': \(String(cString: strerror(moved)))"))
        }
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
        guard status == 0 else {
            closeAll([stdinPipe[1], stdoutPipe[0], stderrPipe[0]])
            return .failure(.cannotStart("'\(program)' could not be started: \(String(cString: strerror(status)))"))
        }
        return .success(Started(pid: pid, input: stdinPipe[1], output: stdoutPipe[0], errors: stderrPipe[0]))
    }

    /// Gives a started program its input, then closes its input, collects its output and waits for it to end,
    /// stopping it, with every process it started, when it runs past `timeout` seconds from now.
    ///
    /// All three pipes are served from this thread by `poll`, as a shell's pipeline would be. Threads from
    /// Dispatch's pool would be a trap here: the pool has one thread for each core, and a task blocked in `read`
    /// keeps its thread, so on two cores the two readers took both and the writer waited about a second for
    /// the pool to grow, while the program waited for its input.
    static func finish(_ started: Started, input: Data, timeout: Double) -> Outcome {
        let pid = started.pid
        let deadline = Date().addingTimeInterval(timeout)
        var pipes = Pipes(started, input: input)
        var waitStatus: Int32 = 0
        var ending: Outcome.Ending?
        // Once the program has ended, what it left in its pipes is read for up to 2 s: a grandchild that left
        // its group could keep a pipe open, and is not waited for.
        var drainDeadline = Date.distantFuture
        while true {
            if ending == nil {
                // The program is reaped only after its group is stopped: until then its number, which is its
                // group's, cannot be given to another program, so the signal reaches only what it started.
                let ended = doorstep_child_has_ended(pid)
                if ended < 0 {
                    ending = .exited(-1)
                } else if ended == 1 || Date() >= deadline {
                    // Whatever the program left running in its group stops with it, so its output pipes close.
                    kill(-pid, SIGKILL)
                    while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
                    ending = ended == 1 ? Self.ending(waitStatus) : .timedOut
                }
                if ending != nil {
                    pipes.closeInput()
                    drainDeadline = Date().addingTimeInterval(2)
                }
            }
            if ending != nil && (pipes.outputsClosed || Date() >= drainDeadline) { break }
            // A wait long enough not to spin, short enough that a program whose pipes have closed (it is
            // ending) is reaped at once, and never past the time limit.
            let limit = ending == nil ? deadline : drainDeadline
            let slice = pipes.outputsClosed ? 0.002 : 0.01
            let wait = max(0, min(slice, limit.timeIntervalSinceNow))
            pipes.serve(waitingAtMost: Int32((wait * 1000).rounded(.up)))
        }
        pipes.closeAll()
        return Outcome(ending: ending ?? .timedOut, standardOutput: pipes.output, standardError: pipes.errors)
    }

    /// Doorstep's ends of a program's pipes, while its input is written and its output read.
    private struct Pipes {
        var input: Int32
        var outputFD: Int32
        var errorsFD: Int32
        let bytes: Data
        var written = 0
        var output = Data()
        var errors = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)

        init(_ started: Started, input bytes: Data) {
            input = started.input
            outputFD = started.output
            errorsFD = started.errors
            self.bytes = bytes
            // Writes never block: poll says when the program has room for more.
            _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
            if bytes.isEmpty { closeInput() }
        }

        var outputsClosed: Bool { outputFD < 0 && errorsFD < 0 }

        mutating func closeInput() {
            if input >= 0 { close(input) }
            input = -1
        }

        mutating func closeAll() {
            closeInput()
            if outputFD >= 0 { close(outputFD) }
            if errorsFD >= 0 { close(errorsFD) }
            outputFD = -1
            errorsFD = -1
        }

        /// Waits up to `milliseconds` for a pipe to be ready, then writes what the program has room for and
        /// reads what it has written.
        mutating func serve(waitingAtMost milliseconds: Int32) {
            var fds: [pollfd] = []
            if input >= 0 { fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            if outputFD >= 0 { fds.append(pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)) }
            if errorsFD >= 0 { fds.append(pollfd(fd: errorsFD, events: Int16(POLLIN), revents: 0)) }
            let ready = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), milliseconds) }
            guard ready > 0 else { return }
            for entry in fds where entry.revents != 0 {
                if entry.fd == input {
                    writeSome()
                } else if entry.fd == outputFD {
                    if !Self.readSome(from: outputFD, into: &output, buffer: &buffer) { close(outputFD); outputFD = -1 }
                } else if entry.fd == errorsFD {
                    if !Self.readSome(from: errorsFD, into: &errors, buffer: &buffer) { close(errorsFD); errorsFD = -1 }
                }
            }
        }

        /// Writes as much of the input as the pipe takes now; closes the input when it is all written, or
        /// when the program has stopped reading (it then sees no more, as before).
        private mutating func writeSome() {
            let count = bytes.count
            let result = bytes.withUnsafeBytes { buffer in write(input, buffer.baseAddress! + written, count - written) }
            if result > 0 {
                written += result
                if written == count { closeInput() }
            } else if result < 0 && (errno == EINTR || errno == EAGAIN) {
                return
            } else {
                closeInput()
            }
        }

        /// Reads what is there into `data`; false at the end of the pipe or on an error.
        private static func readSome(from fd: Int32, into data: inout Data, buffer: inout [UInt8]) -> Bool {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
                return true
            }
            return count < 0 && (errno == EINTR || errno == EAGAIN)
        }
    }

    /// Whether a started program has ended before it was given its input: one that does not read its input,
    /// or failed at once. It is not reaped here: `stop(_:)` stops its group first, then reaps it.
    static func hasEnded(_ started: Started) -> Bool {
        doorstep_child_has_ended(started.pid) != 0
    }

    /// Ends a started program that is not needed, with every process in its group, without reading its output.
    /// The group is stopped before the program is reaped, while its number is still its own.
    static func stop(_ started: Started) {
        kill(-started.pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(started.pid, &status, 0) < 0 && errno == EINTR {}
        closeAll([started.input, started.output, started.errors])
    }

    static func ending(_ status: Int32) -> Outcome.Ending {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// The program's path: as written when it holds a '/' (relative to the project), else found on PATH.
    static func locate(_ program: String, directory: URL) -> String? {
        if program.contains("/") {
            let path = program.hasPrefix("/") ? program : directory.appendingPathComponent(program).path
            return access(path, X_OK) == 0 ? path : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    private static func closeAll(_ fds: [Int32]) { for fd in fds { close(fd) } }

    /// A pipe whose two ends close in any program doorstep starts (the spawn puts the child's ends in place).
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        fds.withUnsafeMutableBufferPointer { doorstep_pipe_cloexec($0.baseAddress!) } == 0
    }
}
