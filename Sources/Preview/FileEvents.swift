import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wakes the watcher as soon as a file in a watched folder is written, so a save is seen within a
/// millisecond instead of at the next poll. The events only say *when* to look: what changed is still
/// found by comparing snapshots, so a missed or unusual event (a network drive, a full watch table) only
/// means the change is seen at the next poll, never that it is lost. On Linux this is inotify; elsewhere,
/// or when the system refuses, `isActive` is false and the watcher polls as before.
final class FileEvents: @unchecked Sendable {
    #if os(Linux)
    private let descriptor: Int32
    /// Written to wake a wait early when the watcher stops.
    private let wakePipe: [Int32]
    private let lock = NSLock()
    /// Each watched folder by its watch number, and the numbers by folder.
    private var folders: [Int32: String] = [:]
    private var watched: [String: Int32] = [:]
    #endif
    /// Why events are not used, for one line in the terminal; nil when they are.
    private(set) var unavailable: String?

    init() {
        #if os(Linux)
        descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        wakePipe = fds
        if descriptor < 0 { unavailable = "file events are not available (\(String(cString: strerror(errno)))), so the sources are polled" }
        #else
        unavailable = "file events are not used on this system, so the sources are polled"
        #endif
    }

    deinit {
        #if os(Linux)
        if descriptor >= 0 { close(descriptor) }
        for fd in wakePipe where fd >= 0 { close(fd) }
        #endif
    }

    var isActive: Bool { unavailable == nil }

    /// Watches these folders (absolute paths) for changes to the files in them. A folder already watched
    /// costs nothing; a folder that has gone is dropped by the system. Folders are added as they appear,
    /// so call this with every snapshot's folders.
    func watch(_ folders: [String]) {
        #if os(Linux)
        guard descriptor >= 0 else { return }
        let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                          | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
        lock.lock()
        defer { lock.unlock() }
        for folder in folders where watched[folder] == nil {
            let number = inotify_add_watch(descriptor, folder, mask)
            if number >= 0 {
                watched[folder] = number
                self.folders[number] = folder
            } else if errno == ENOSPC || errno == ENOMEM {
                // The system's table of watches is full: poll instead, as on a system without events.
                unavailable = "the system's limit on watched folders was reached (fs.inotify.max_user_watches), so the sources are polled"
                return
            }
        }
        #endif
    }

    /// Waits up to `timeout` seconds for a file event, or until `stop()`. True when something happened in a
    /// watched folder; the events themselves are read and dropped. Blocks its thread: run it off Swift's own.
    func wait(timeout: Double) -> Bool {
        #if os(Linux)
        guard descriptor >= 0 else { usleep(useconds_t(max(0, timeout) * 1_000_000)); return false }
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakePipe[0], events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, nfds_t(wakePipe[0] >= 0 ? 2 : 1), Int32(max(0, timeout) * 1000))
        guard ready > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var happened = false
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            happened = true
            forgetRemoved(buffer[0..<count])
        }
        if wakePipe[0] >= 0 { while read(wakePipe[0], &buffer, buffer.count) > 0 {} }
        return happened
        #else
        usleep(useconds_t(max(0, timeout) * 1_000_000))
        return false
        #endif
    }

    #if os(Linux)
    /// A folder that was removed is no longer watched by the system (`IN_IGNORED`): forgetting it lets `watch`
    /// add the folder again if one is made under the same name.
    private func forgetRemoved(_ bytes: ArraySlice<UInt8>) {
        let header = MemoryLayout<inotify_event>.size
        var offset = bytes.startIndex
        while offset + header <= bytes.endIndex {
            let event = bytes.withUnsafeBytes { raw in raw.loadUnaligned(fromByteOffset: offset - bytes.startIndex, as: inotify_event.self) }
            if event.mask & UInt32(IN_IGNORED) != 0 {
                lock.withLock {
                    if let folder = folders.removeValue(forKey: event.wd) { watched[folder] = nil }
                }
            }
            offset += header + Int(event.len)
        }
    }
    #endif

    /// Ends a `wait` under way at once.
    func stop() {
        #if os(Linux)
        if wakePipe[1] >= 0 { var byte: UInt8 = 1; _ = write(wakePipe[1], &byte, 1) }
        #endif
    }
}
