import Diagnostics
import Foundation
import Testing
@testable import Toolkit

/// Front matter and module manifests read through the shared YAML layer: each file in Fixtures/broken-yaml
/// states in `# expect: LINE:COL SEVERITY CODE MESSAGE` comments (each perhaps followed by `# note: NOTE`)
/// exactly what it must produce.
@Suite("Broken front matter and manifests")
struct BrokenYAMLCorpusTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("broken-yaml")
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    static func expected(in text: String) -> [String] {
        var result: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# expect: ") {
                result.append(String(line.dropFirst("# expect: ".count)))
            } else if line.hasPrefix("# note: "), !result.isEmpty {
                result[result.count - 1] += " | note: " + line.dropFirst("# note: ".count)
            }
        }
        return result
    }

    static func found(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.sortedForDisplay().map { d in
            "\(d.location.map { "\($0.line):\($0.column)" } ?? "-") \(d.severity.rawValue) \(d.code) \(d.message)"
                + d.notes.map { " | note: \($0)" }.joined()
        }
    }

    @Test func corpusCoversFrontMatterAndManifests() {
        #expect(Self.files.filter { $0.hasSuffix(".md") }.count >= 8)
        #expect(Self.files.filter { $0.hasSuffix(".module.yml") }.count >= 5)
    }

    @Test("each broken file produces exactly its declared findings", arguments: files)
    func declaredFindings(file: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        let diagnostics: [Diagnostic]
        if file.hasSuffix(".md") {
            diagnostics = FrontMatter.decode(FrontMatterSplit.split(text), file: file).1
        } else {
            diagnostics = ModuleManifest.decode(SourceFile(path: file, text: text), folder: "example").1
        }
        #expect(!Self.expected(in: text).isEmpty, "\(file) declares no expectations")
        #expect(Self.found(diagnostics) == Self.expected(in: text))
        #expect(diagnostics.allSatisfy { $0.location?.file == file })
    }
}
