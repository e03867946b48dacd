import Foundation
import Testing

/// A whole small site (two modules and a bilingual survey, with a pack, a worksheet, a callout, a table and a
/// template directive) built by the real binary and compared, file by file, with the site kept in Golden/.
/// Run with DOORSTEP_UPDATE_GOLDENS=1 to write the golden site again, then review its diff.
@Suite("The golden site")
struct SiteGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/golden-site")

    /// Files whose bytes are the built-in theme's own, or a workbook that the survey goldens compare as text:
    /// only their presence is compared.
    static func comparesBytes(_ path: String) -> Bool {
        if path.hasPrefix(".doorstep") || path.hasSuffix(".xlsx") { return false }
        return !path.hasPrefix("assets/") || path == "assets/search-index.js"
    }

    @Test func theBuiltSiteIsTheGoldenSite() throws {
        let project = try DoorstepRunner.project("golden-site")
        let result = try DoorstepRunner.run(["build", "--strict", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let site = DoorstepRunner.snapshot(project.appendingPathComponent("site"))
            .reduce(into: [String: Data]()) { $0[String($1.key.drop { $0 == "/" })] = $1.value }
        let listing = Data((site.keys.sorted().joined(separator: "\n") + "\n").utf8)
        let compared = site.filter { Self.comparesBytes($0.key) }

        if ProcessInfo.processInfo.environment["DOORSTEP_UPDATE_GOLDENS"] == "1" {
            try? FileManager.default.removeItem(at: Self.golden)
            for (path, data) in compared.merging(["files.txt": listing], uniquingKeysWith: { $1 }) {
                let url = Self.golden.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            return
        }
        let expectedListing = FileManager.default.contents(atPath: Self.golden.appendingPathComponent("files.txt").path)
        #expect(expectedListing == listing, """
            the site's files are not the golden site's; with DOORSTEP_UPDATE_GOLDENS=1 the test writes them again. Now: \
            \(String(decoding: listing, as: UTF8.self))
            """)
        for (path, data) in compared.sorted(by: { $0.key < $1.key }) {
            let expected = FileManager.default.contents(atPath: Self.golden.appendingPathComponent(path).path)
            #expect(expected == data, "\(path) differs from Golden/golden-site/\(path); run with DOORSTEP_UPDATE_GOLDENS=1, then review the diff")
        }
    }
}
