import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the file system says of a file without it being read: where it lies (device and inode), its size, and
/// the times of its last change of content (`mtime`) and of any change at all (`ctime`). No program can set
/// `ctime`, so a file cannot be written again and keep its stamp unless the change falls in the same tick of
/// the file system's clock; `isRacy(since:)` finds the files for which that could still happen.
public struct FileStamp: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: FileTime
    public var changed: FileTime

    public init(device: UInt64, inode: UInt64, size: Int64, modified: FileTime, changed: FileTime) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    init(_ info: stat) {
        #if canImport(Darwin)
        let modified = FileTime(seconds: Int64(info.st_mtimespec.tv_sec), nanoseconds: Int64(info.st_mtimespec.tv_nsec))
        let changed = FileTime(seconds: Int64(info.st_ctimespec.tv_sec), nanoseconds: Int64(info.st_ctimespec.tv_nsec))
        #else
        let modified = FileTime(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
        let changed = FileTime(seconds: Int64(info.st_ctim.tv_sec), nanoseconds: Int64(info.st_ctim.tv_nsec))
        #endif
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                  modified: modified, changed: changed)
    }

    /// True when the file was changed so close to `start` (a time read before the file's stamp was taken) that
    /// a later change might leave the same stamp. A file system that keeps whole seconds (nanoseconds of
    /// zero) is given three seconds, more than the coarsest in use (FAT's two); others 50 ms, far more than
    /// the lag of the kernel's coarse clock behind the real one. A time after `start` (a clock set back) is
    /// racy too. File systems whose times come from another machine are never trusted this way (see
    /// `BuildCache.isLocalFileSystem`).
    public func isRacy(since start: FileTime) -> Bool {
        [modified, changed].contains { time in
            let margin: Int64 = time.nanoseconds == 0 ? 3_000_000_000 : 50_000_000
            return time.totalNanoseconds > start.totalNanoseconds - margin
        }
    }
}

/// A time as the file system keeps it.
public struct FileTime: Sendable, Equatable {
    public var seconds: Int64
    public var nanoseconds: Int64

    public init(seconds: Int64, nanoseconds: Int64) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    var totalNanoseconds: Int64 { seconds &* 1_000_000_000 &+ nanoseconds }

    /// The real-time clock now.
    public static func now() -> FileTime {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return FileTime(seconds: Int64(time.tv_sec), nanoseconds: Int64(time.tv_nsec))
    }
}

/// A file a build reads, with its stamp as it was when the build read it (or, for `ProjectLoader.inputs`,
/// when it was looked at).
public struct InputFile: Sendable, Equatable {
    public var path: String
    public var stamp: FileStamp
    /// A module asset, whose bytes are copied, rather than text.
    public var isAsset: Bool

    public init(path: String, stamp: FileStamp, isAsset: Bool) {
        self.path = path
        self.stamp = stamp
        self.isAsset = isAsset
    }
}

/// Reading a whole file through its descriptor, so that the stamp is the one of the bytes read.
public enum FileReading {
    public enum Failure: Error {
        case cannotOpen
        case notRegular
        case tooLarge
    }

    /// The largest file read: 1 GiB. A sparse file can claim any size, and its bytes are never asked for.
    public static let largest = 1 << 30

    /// The file's stamp, taken before it is read, and its bytes. A pipe or device is refused rather than read,
    /// since reading one could wait for ever; so is a file over `largest`. With `noFollow`, a file that has
    /// become a link since it was found is refused too.
    public static func read(_ path: String, noFollow: Bool = false) -> Result<(FileStamp, Data), Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (noFollow ? O_NOFOLLOW : 0))
        guard descriptor >= 0 else { return .failure(.cannotOpen) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.cannotOpen) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        guard info.st_size <= largest else { return .failure(.tooLarge) }
        let stamp = FileStamp(info)
        var data = Data(count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == data.count {
                // The file grew while it was read.
                guard data.count <= largest else { return .failure(.tooLarge) }
                data.count += max(4096, data.count)
            }
            let count = data.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.cannotOpen)
            }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return .success((stamp, data))
    }

    /// Asks the system to start reading `paths` from the disk, all at once, so that the reads which follow,
    /// two at a time, find most of the bytes already in memory. When the files are in memory already this
    /// costs a few microseconds each; from a cold disk it halves the time to read a project. Only regular
    /// files are touched, opened as `read` opens them and never through a link; nothing is read here.
    /// The asking is shared by every core, a slice of the files each: with the files in memory, it costs as
    /// much as reading them, and done on one core it kept the others waiting.
    public static func prefetch(_ paths: [String]) {
        #if os(Linux)
        let slice = 64
        DispatchQueue.concurrentPerform(iterations: (paths.count + slice - 1) / slice) { part in
            for path in paths[(part * slice)..<min(paths.count, (part + 1) * slice)] {
                let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW)
                guard descriptor >= 0 else { continue }
                var info = stat()
                if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                    _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_WILLNEED)
                }
                close(descriptor)
            }
        }
        #endif
    }

    /// The stamp alone, as `read` would take it.
    public static func stamp(_ path: String) -> Result<FileStamp, Failure> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.cannotOpen) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        guard info.st_size <= largest else { return .failure(.tooLarge) }
        return .success(FileStamp(info))
    }
}

@inline(__always)
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
