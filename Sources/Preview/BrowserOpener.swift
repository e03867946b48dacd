import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `serve --open`: hands the address to the desktop's opener (`open` on macOS, `xdg-open` elsewhere).
/// With no opener (a server, a container) the preview runs on and says where to go.
enum BrowserOpener {
    /// The address to open on this computer: a wildcard bind is reached through loopback.
    static func url(address: String, port: Int) -> String {
        let host: String
        switch address {
        case "0.0.0.0": host = "127.0.0.1"
        case "::": host = "[::1]"
        default: host = address.contains(":") ? "[\(address)]" : address
        }
        return "http://\(host):\(port)/"
    }

    /// Nil when the opener was started; otherwise what to tell the user.
    static func open(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        #if os(macOS)
        let name = "open"
        #else
        let name = "xdg-open"
        #endif
        guard let opener = find(name, path: environment["PATH"] ?? "") else {
            return "there is no '\(name)' here to open a browser; open \(url) in one yourself"
        }
        let process = Process()
        process.executableURL = opener
        process.arguments = [url]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return "could not start '\(opener.path)' (\(error.localizedDescription)); open \(url) in a browser yourself"
        }
        return nil
    }

    static func find(_ name: String, path: String) -> URL? {
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// Where other devices can reach a preview bound beyond loopback: this computer's IPv4 addresses for
/// 0.0.0.0, or the one address it was bound to.
enum NetworkAddresses {
    static func reachable(bind: String) -> [String] {
        guard bind == "0.0.0.0" else { return [bind] }
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var found: [String] = []
        var cursor = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            let ok = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer -> Bool in
                var raw = pointer.pointee.sin_addr
                return inet_ntop(AF_INET, &raw, &text, socklen_t(text.count)) != nil
            }
            let shown = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if ok, !shown.hasPrefix("127."), !found.contains(shown) { found.append(shown) }
        }
        return found
    }
}
