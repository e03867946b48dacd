import Foundation

/// A one-off command (`doorstep build`) ends as soon as the site is written; freeing the whole site's
/// pages, trees and strings first would only keep the user waiting (about 5% of a 2,000-page build, all
/// on one core). Values handed here are left for the end of the process to take back, as compilers do
/// with their own trees (clang's `-disable-free`). The preview, which goes on running, never uses it.
public enum ProcessLifetime {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [Any] = []

    public static func keep(_ values: Any...) {
        lock.withLock { kept.append(contentsOf: values) }
    }
}
