import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a port on an IPv4 address (127.0.0.1 unless --bind says otherwise) can be listened on, asked
/// before the first build so that a port in use fails at once instead of after a build into a folder
/// that another preview may be serving.
enum LoopbackPort {
    /// The `errno` of binding the port, or nil when it can be bound (or when the check itself cannot run,
    /// as for IPv6 addresses, whose problems the server itself then reports).
    static func bindError(_ port: Int, address: String = "127.0.0.1") -> Int32? {
        guard (1...65535).contains(port) else { return nil }
        var parsed = in_addr()
        guard inet_pton(AF_INET, address, &parsed) == 1 else { return nil }
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // The server sets SO_REUSEADDR too, so a port left in TIME_WAIT by the last run counts as free.
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
        socketAddress.sin_addr = parsed
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return bound == 0 ? nil : errno
    }
}
