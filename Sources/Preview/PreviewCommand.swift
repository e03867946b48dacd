import Foundation

/// The whole of `doorstep serve`, for a command line that is not itself async.
public enum PreviewCommand {
    /// Blocks until Ctrl-C; returns the exit status: 0 when stopped, 2 when the preview could not start.
    public static func run(_ options: PreviewOptions) -> Int32 {
        let status = StatusBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            do throws(PreviewError) {
                try await PreviewServer(options: options).run()
                PreviewServer.printToStandardError("stopped")
                status.set(0)
            } catch {
                PreviewServer.printToStandardError("error: \(error)")
                status.set(2)
            }
            done.signal()
        }
        done.wait()
        return status.value
    }

    /// Carries the status out of the task; the lock makes the hand-over safe across threads.
    private final class StatusBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Int32 = 0

        var value: Int32 { lock.withLock { stored } }

        func set(_ new: Int32) { lock.withLock { stored = new } }
    }
}
