import Foundation
import Publish
import Hummingbird

/// Maps a request path to a file of the built site, as a static web server would.
struct SiteFiles: Sendable {
    enum Lookup: Equatable {
        case file(path: String, data: Data)
        /// A folder asked for without its trailing slash: redirected, so the site's relative links resolve.
        case redirect(to: String)
        /// Carries the site's own 404 page when it has one.
        case notFound(page: Data?)
        /// No good build yet (the first one failed), or the site is being swapped in and is not back.
        case noSite
    }

    let output: URL

    func lookup(_ requestPath: String) -> Lookup {
        let decoded = requestPath.removingPercentEncoding ?? requestPath
        let parts = decoded.split(separator: "/").map(String.init)
        // Dot segments could climb out of the output folder; hidden names include the site's marker file.
        guard !parts.contains(where: { $0.hasPrefix(".") }) else { return notFound() }
        guard waitForSite() else { return .noSite }

        let relative = parts.joined(separator: "/")
        let url = relative.isEmpty ? output : output.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return notFound() }
        if isDirectory.boolValue {
            guard relative.isEmpty || decoded.hasSuffix("/") else { return .redirect(to: requestPath + "/") }
            let index = relative.isEmpty ? "index.html" : relative + "/index.html"
            guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(index).path) else {
                return notFound()
            }
            return .file(path: index, data: data)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return notFound() }
        return .file(path: relative, data: data)
    }

    /// The site file a browser's page address shows, as `lookup` finds it, without reading the disk: what an
    /// open page names when it listens for builds. Nil for an address that could climb out of the site.
    static func file(shownAt requestPath: String) -> String? {
        let decoded = requestPath.removingPercentEncoding ?? requestPath
        let parts = decoded.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0.hasPrefix(".") }) else { return nil }
        let relative = parts.joined(separator: "/")
        if relative.isEmpty { return "index.html" }
        return decoded.hasSuffix("/") ? relative + "/index.html" : relative
    }

    private func notFound() -> Lookup {
        .notFound(page: FileManager.default.contents(atPath: output.appendingPathComponent("404.html").path))
    }

    /// A build swaps the new site in with two renames; a request that falls between them waits a moment.
    private func waitForSite() -> Bool {
        for _ in 0..<20 {
            if FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path) { return true }
            if !FileManager.default.fileExists(atPath: staging.path) { return false }
            usleep(10_000)
        }
        return false
    }

    /// Where `OutputWriter` stages a build: while it exists, a missing site is only being swapped in.
    private var staging: URL { OutputWriter.staging(for: output) }

    /// The Content-Type header for a file: text types say UTF-8, which is what the build writes; the rest
    /// come from Hummingbird's table.
    static func contentType(for path: String) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json", "webmanifest": return "application/json; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "yml", "yaml": return "application/yaml; charset=utf-8"
        default: return MediaType.getMediaType(forExtension: ext)?.description ?? "application/octet-stream"
        }
    }
}
