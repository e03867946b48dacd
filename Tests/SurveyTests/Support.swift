import Diagnostics
import Foundation
import Testing
@testable import Survey

/// Fixture files bundled with the tests.
enum Fixtures {
    static var root: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        }
    }

    static func url(_ path: String) throws -> URL { try root.appendingPathComponent(path) }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    static func files(in folder: String, suffix: String) throws -> [URL] {
        let folderURL = try url(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folderURL.path)
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { folderURL.appendingPathComponent($0) }
    }

    /// Decodes a fixture under a stable display name, so that messages do not carry machine paths.
    static func survey(_ path: String) throws -> (Survey?, [Diagnostic]) {
        let decoded = SurveyDecoder.decode(yaml: try text(path), file: path)
        return (decoded.survey, decoded.diagnostics)
    }

    static func validSurvey(_ name: String) throws -> Survey {
        let (survey, diagnostics) = try survey("valid/\(name).survey.yml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return try #require(survey)
    }
}

/// Decoding then validation, as `doorstep survey check` runs them.
func check(yaml: String, file: String = "test.survey.yml", lineOffset: Int = 0) -> [Diagnostic] {
    let decoded = SurveyDecoder.decode(yaml: yaml, file: file, lineOffset: lineOffset)
    return decoded.diagnostics + (decoded.survey.map(SurveyValidator.validate) ?? [])
}

func describe(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { d in
        let place = d.location.map { "\($0.line):\($0.column)" } ?? "-"
        return "\(place) \(d.severity.rawValue) \(d.code) \(d.message)"
    }
}
