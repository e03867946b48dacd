import Foundation
import Toolkit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `doorstep serve` was asked to do.
public struct PreviewOptions: Sendable {
    public var root: URL
    public var output: URL
    public var port: Int
    public var makePDF: Bool
    /// The address to listen on; anything but loopback lets other machines on the network see the preview.
    public var bind = PreviewOptions.loopback
    /// Open the preview in the browser once it listens.
    public var openBrowser = false
    /// Drafts (shown, marked "Draft") and `--base-url`.
    public var site = SiteOptions(includeDrafts: true)

    public static let loopback = "127.0.0.1"

    public init(root: URL, output: URL? = nil, port: Int = 8000, makePDF: Bool = false) {
        self.root = root.standardizedFileURL
        self.output = output?.standardizedFileURL ?? Self.defaultOutput(for: root.standardizedFileURL)
        self.port = port
        self.makePDF = makePDF
    }

    /// A folder in the system's temporary folder, one per project, so the user's `site/` is never touched.
    public static func defaultOutput(for root: URL) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-preview-\(stableHash(root.path))")
    }

    /// True for 127.0.0.0/8 and ::1: only this computer can reach the preview.
    public var isLoopback: Bool {
        bind == "::1" || bind.hasPrefix("127.") && Self.isIPAddress(bind)
    }

    /// An IPv4 or IPv6 address written as numbers: host names are not accepted, so what is listened on is exact.
    public static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// FNV-1a, because Swift's `Hasher` is seeded per process and the folder must be the same every run.
    static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
