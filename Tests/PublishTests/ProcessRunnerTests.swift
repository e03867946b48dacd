import Foundation
import Testing
@testable import Publish

/// How a preprocessor is fed and heard: its input given while its output is read, so a program that
/// answers as it reads never waits on doorstep, and doorstep never waits on it.
@Suite struct ProcessRunnerTests {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory())

    /// Bytes that are not all the same, so a chunk lost or given twice shows.
    static func sample(_ count: Int) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
    }

    @Test func aProgramThatAnswersAsItReadsGetsAllItsInputBack() {
        // `cat` writes each chunk as soon as it reads it: 8 MiB fills both pipes many times over, so doorstep
        // must read while it writes, or both would wait for ever.
        let input = Self.sample(8 << 20)
        guard case .success(let outcome) = ProcessRunner.run(["cat"], input: input, directory: folder, timeout: 60) else {
            Issue.record("cat could not start")
            return
        }
        #expect(outcome.ending == .exited(0))
        #expect(outcome.standardOutput.count == input.count)
        // Compared as a yes or no: a failing comparison of 8 MiB would otherwise be shown as a diff, which takes hours.
        let same = outcome.standardOutput == input
        #expect(same, "the output differs from the input")
        #expect(outcome.standardError.isEmpty)
    }

    @Test func bothOutputsAreKeptApartAndWhole() {
        // 1 MiB to each, before the input is read at all.
        let script = "head -c 1048576 /dev/zero; head -c 1048576 /dev/zero | tr '\\0' e >&2; wc -c"
        guard case .success(let outcome) = ProcessRunner.run(["sh", "-c", script], input: Self.sample(300_000),
                                                             directory: folder, timeout: 60) else {
            Issue.record("sh could not start")
            return
        }
        #expect(outcome.ending == .exited(0))
        #expect(outcome.standardOutput.count == 1_048_576 + "300000\n".count)
        #expect(outcome.standardOutput.suffix(7) == Data("300000\n".utf8))
        #expect(outcome.standardError.count == 1_048_576)
        let allE = outcome.standardError.allSatisfy { $0 == UInt8(ascii: "e") }
        #expect(allE, "standard error holds only what was written to it")
    }

    @Test func aProgramThatNeverReadsItsInputEndsTheRunWithItsStatus() {
        // More input than a pipe holds, to a program that ends without reading it: the write must give up.
        guard case .success(let outcome) = ProcessRunner.run(["sh", "-c", "echo gone; exit 4"], input: Self.sample(1 << 20),
                                                             directory: folder, timeout: 60) else {
            Issue.record("sh could not start")
            return
        }
        #expect(outcome.ending == .exited(4))
        #expect(outcome.standardOutput == Data("gone\n".utf8))
    }

    @Test func aProgramPastItsTimeIsStoppedWithWhatItWroteSoFar() {
        let started = Date()
        guard case .success(let outcome) = ProcessRunner.run(["sh", "-c", "echo begun; exec sleep 30"], input: Data(),
                                                             directory: folder, timeout: 0.5) else {
            Issue.record("sh could not start")
            return
        }
        #expect(outcome.ending == .timedOut)
        #expect(outcome.standardOutput == Data("begun\n".utf8))
        #expect(Date().timeIntervalSince(started) < 20, "the program is stopped, not waited for")
    }

    @Test func aProgramKilledBySignalIsToldApart() {
        guard case .success(let outcome) = ProcessRunner.run(["sh", "-c", "kill -KILL $$"], input: Data(),
                                                             directory: folder, timeout: 60) else {
            Issue.record("sh could not start")
            return
        }
        #expect(outcome.ending == .signalled(SIGKILL))
    }

    /// A program that ends and leaves a process running in its group: that process is stopped with it
    /// (the group is stopped before the program is reaped, so the signal can only reach its own group).
    @Test func whatAProgramLeftRunningIsStoppedWhenItEnds() throws {
        guard case .success(let outcome) = ProcessRunner.run(["sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!; exit 3"],
                                                             input: Data(), directory: folder, timeout: 60) else {
            Issue.record("sh could not start")
            return
        }
        #expect(outcome.ending == .exited(3))
        let pid = try #require(Int32(String(decoding: outcome.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        // Gone, or a zombie waiting for whoever adopted it: either way no longer running.
        func running() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return kill(pid, 0) == 0 }
            return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
        }
        let started = Date()
        while running() && Date().timeIntervalSince(started) < 5 { usleep(20_000) }
        #expect(!running(), "the sleep the program left behind is still running")
    }
}
