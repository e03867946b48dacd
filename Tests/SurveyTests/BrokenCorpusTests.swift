import Diagnostics
import Foundation
import Testing
@testable import Survey

/// Every file in Fixtures/broken states the findings it must produce in its leading comments:
/// `# expect: LINE:COL SEVERITY CODE MESSAGE`, each optionally followed by `# note: NOTE` lines, or `# expect: none`.
@Suite("Broken survey corpus")
struct BrokenCorpusTests {
    static let files: [String] = {
        let urls = (try? Fixtures.files(in: "broken", suffix: ".survey.yml")) ?? []
        return urls.map(\.lastPathComponent)
    }()

    struct Expectation: Equatable, CustomStringConvertible {
        var place: String
        var severity: String
        var code: String
        var message: String
        var notes: [String]

        var description: String {
            "\(place) \(severity) \(code) \(message)" + notes.map { " | note: \($0)" }.joined()
        }
    }

    static func expectations(in text: String) -> (expected: [Expectation], declaredNone: Bool) {
        var result: [Expectation] = []
        var none = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#") else { break }
            if line.hasPrefix("# expect: none") {
                none = true
            } else if line.hasPrefix("# expect: ") {
                let parts = line.dropFirst("# expect: ".count).split(separator: " ", maxSplits: 3).map(String.init)
                guard parts.count == 4 else { continue }
                result.append(Expectation(place: parts[0], severity: parts[1], code: parts[2], message: parts[3], notes: []))
            } else if line.hasPrefix("# note: "), !result.isEmpty {
                result[result.count - 1].notes.append(String(line.dropFirst("# note: ".count)))
            }
        }
        return (result, none)
    }

    /// The order `sortedForDisplay` gives: by line and column, then severity, code and message.
    static func displayOrder(_ a: Expectation, _ b: Expectation) -> Bool {
        func key(_ e: Expectation) -> [Int] { e.place.split(separator: ":").compactMap { Int($0) } }
        if key(a) != key(b) { return key(a).lexicographicallyPrecedes(key(b)) }
        return (a.severity == "error" ? 0 : 1, a.code, a.message) < (b.severity == "error" ? 0 : 1, b.code, b.message)
    }

    @Test func corpusHasAtLeastFortyFiles() {
        #expect(Self.files.count >= 40)
    }

    @Test("each broken survey produces exactly its declared findings", arguments: files)
    func declaredFindings(file: String) throws {
        let path = "broken/\(file)"
        let text = try Fixtures.text(path)
        let (expected, declaredNone) = Self.expectations(in: text)
        #expect(declaredNone || !expected.isEmpty, "\(file) declares no expectations")
        let actual = check(yaml: text, file: path).sortedForDisplay().map { d in
            Expectation(place: d.location.map { "\($0.line):\($0.column)" } ?? "-", severity: d.severity.rawValue,
                        code: d.code, message: d.message, notes: d.notes)
        }
        for diagnostic in check(yaml: text, file: path) {
            #expect(diagnostic.location?.file == path)
        }
        #expect(actual.map(\.description) == expected.sorted(by: Self.displayOrder).map(\.description))
    }
}
