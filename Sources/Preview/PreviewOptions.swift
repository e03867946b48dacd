import Foundation

/// What `doorstep serve` was asked to do.
public struct PreviewOptions: Sendable {
    public var root: URL
    public var output: URL
    public var port: Int
    public var makePDF: Bool

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
