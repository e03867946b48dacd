import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bare HTTP/1.1 client over a socket to 127.0.0.1, so a test can read a server-sent events stream as
/// it arrives. Every read waits at most 200 ms and every loop is bounded by a deadline.
final class LoopbackClient: @unchecked Sendable {
    private let descriptor: Int32
    private(set) var received = ""

    init?(port: Int, path: String) {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        guard connected == 0, request.withCString({ send(descriptor, $0, strlen($0), 0) }) > 0 else {
            close(descriptor)
            return nil
        }
    }

    deinit { close(descriptor) }

    /// Reads until `text` has arrived, the server closes, or `seconds` pass; true when `text` arrived.
    func read(until text: String?, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline {
            if let text, received.contains(text) { return true }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { break }
            if count > 0 { received += String(decoding: buffer[0..<count], as: UTF8.self) }
        }
        return text.map { received.contains($0) } ?? true
    }

    /// The same, off Swift's cooperative threads, which the server under test needs meanwhile.
    func waitFor(_ text: String?, within seconds: Double) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.read(until: text, within: seconds)) }
        }
    }

    /// One whole response, read until the server closes the connection.
    static func get(port: Int, path: String) async -> String {
        guard let client = LoopbackClient(port: port, path: path) else { return "" }
        _ = await client.waitFor(nil, within: 5)
        return client.received
    }
}
