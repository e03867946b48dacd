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
    static func finish(_ started: Started, input: Data, timeout: Double) -> Outcome {
        let pid = started.pid
        let group = DispatchGroup()
        let output = Collected(), errors = Collected()
        for (fd, sink) in [(started.output, output), (started.errors, errors)] {
            group.enter()
            DispatchQueue.global().async {
                sink.readAll(from: fd)
                group.leave()
            }
        }
        group.enter()
        let writer = started.input
        DispatchQueue.global().async {
            input.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(writer, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { if errno == EINTR { continue }; break }
                    offset += written
                }
            }
            close(writer)
            group.leave()
        }

        // Wait for the program to end, checking often enough that a quick one is not held up.
        let deadline = Date().addingTimeInterval(timeout)
        var waitStatus: Int32 = 0
        var ending: Outcome.Ending?
        while ending == nil {
            let result = waitpid(pid, &waitStatus, WNOHANG)
            if result == pid {
                ending = Self.ending(waitStatus)
            } else if result < 0 && errno != EINTR {
                ending = .exited(-1)
            } else if Date() >= deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &waitStatus, 0)
                ending = .timedOut
            } else {
                usleep(2_000)
            }
        }
        // Whatever the program left running in its group stops with it, so its output pipes close.
        kill(-pid, SIGKILL)
        // A grandchild that left the group could keep a pipe open; it is not waited for.
        if group.wait(timeout: .now() + 2) == .timedOut {
            output.abandon()
            errors.abandon()
        }
        return Outcome(ending: ending ?? .timedOut, standardOutput: output.data, standardError: errors.data)
    }

    /// Whether a started program has ended before it was given its input: one that does not read its input,
    /// or failed at once. It is then reaped, and `stop(_:reaped:)` only closes what is left.
    static func hasEnded(_ started: Started) -> Bool {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(started.pid, &status, WNOHANG) } while result < 0 && errno == EINTR
        return result == started.pid || result < 0
    }

    /// Ends a started program that is not needed, with every process in its group, without reading its output.
    static func stop(_ started: Started, reaped: Bool = false) {
        kill(-started.pid, SIGKILL)
        if !reaped {
            var status: Int32 = 0
            while waitpid(started.pid, &status, 0) < 0 && errno == EINTR {}
        }
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

    /// Bytes read from one pipe on a background queue.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = Data()
        private var abandoned = false

        func readAll(from fd: Int32) {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                lock.lock()
                if !abandoned { bytes.append(contentsOf: buffer[0..<count]) }
                lock.unlock()
            }
            close(fd)
        }

        func abandon() {
            lock.lock()
            abandoned = true
            lock.unlock()
        }

        var data: Data {
            lock.lock()
            defer { lock.unlock() }
            return bytes
        }
    }
}
