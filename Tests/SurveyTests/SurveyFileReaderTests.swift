import Diagnostics
import Foundation
import Testing
@testable import Survey

/// Reading the files `doorstep survey check` is given: survey YAML, and Markdown pages with survey blocks.
@Suite("Survey files")
struct SurveyFileReaderTests {
    static let survey = """
    id: park
    title: The park
    questions:
      - {id: used_park, type: yes_no, label: Used the park?}
      - {id: why, type: text, label: Why?, show_if: {used_prak: "yes"}}

    """

    /// A fresh folder holding `files`, by path relative to it.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("survey-files-\(UUID().uuidString)")
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static func read(_ paths: [String], in folder: URL) throws -> SurveyFileReader {
        var reader = SurveyFileReader(currentDirectory: folder.path)
        for path in paths {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
            reader.add(path: path, text: try String(contentsOf: url, encoding: .utf8))
        }
        return reader
    }

    func places(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.location?.description ?? "-") \($0.code)" }
    }

    @Test func blocksAreFoundWithoutFrontMatterAtTheirLines() {
        let page = "# Title\n\n```survey\nid: a\n```\n\n- item\n\n  ```survey extra\n  id: b\n  ```\n\n```yaml\nid: c\n```\n"
        let blocks = SurveyBlocks.find(in: page)
        #expect(blocks == [SurveyBlock(yaml: "id: a\n", fenceLine: 3, indent: 0), SurveyBlock(yaml: "id: b\n", fenceLine: 9, indent: 2)])
    }

    @Test func frontMatterCannotOpenAFence() {
        let page = "---\ntitle: T\nnotes: |\n  ```survey\n---\n\n```survey\nid: a\n```\n"
        #expect(SurveyBlocks.find(in: page) == [SurveyBlock(yaml: "id: a\n", fenceLine: 7, indent: 0)])
    }

    @Test func includeIsFoundWithWhereItsPathIs() {
        #expect(SurveyDecoder.include(yaml: "include: park.survey.yml\n")
                == SurveyInclude(path: "park.survey.yml", line: 1, column: 10, length: 15))
        #expect(SurveyDecoder.include(yaml: "\ninclude: \"a b.yml\"\n") == SurveyInclude(path: "a b.yml", line: 2, column: 10, length: 9))
    }

    @Test func anInlineBlockIsCheckedAtItsPlaceInThePage() throws {
        let folder = try Self.folder(["page.md": "Intro.\n\n```survey\n\(Self.survey)```\n"])
        let reader = try Self.read(["page.md"], in: folder)
        #expect(reader.surveys.map(\.id) == ["park"])
        let findings = reader.surveys.flatMap(SurveyValidator.validate).filter(\.isError)
        #expect(places(findings) == ["page.md:8:50 S014"])
    }

    @Test func anIncludeIsReadBesideAnAbsolutePage() throws {
        let folder = try Self.folder([
            "pages/page.md": "```survey\ninclude: ../surveys/park.survey.yml\n```\n",
            "surveys/park.survey.yml": Self.survey,
        ])
        let page = folder.appendingPathComponent("pages/page.md").path
        let reader = try Self.read([page], in: URL(fileURLWithPath: "/"))
        #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics)")
        let included = folder.appendingPathComponent("surveys/park.survey.yml").standardized.path
        #expect(reader.surveys.map(\.file) == [included])
        #expect(reader.texts[included] == Self.survey)
    }

    @Test func anIncludedFileIsNamedRelativeToTheCurrentFolderAndCheckedOnce() throws {
        let folder = try Self.folder([
            "pages/a.md": "```survey\ninclude: ../surveys/park.survey.yml\n```\n\n```survey\ninclude: '../surveys/park.survey.yml'\n```\n",
            "surveys/park.survey.yml": Self.survey,
        ])
        let reader = try Self.read(["pages/a.md", "surveys/park.survey.yml"], in: folder)
        #expect(reader.surveys.map(\.file) == ["surveys/park.survey.yml"])
        #expect(reader.diagnostics.isEmpty)
    }

    @Test func aMissingIncludeIsReportedAtItsLineInThePage() throws {
        let folder = try Self.folder(["page.md": "---\ntitle: T\n---\n\n  ```survey\n  include: gone.survey.yml\n  ```\n"])
        let reader = try Self.read(["page.md"], in: folder)
        #expect(reader.surveys.isEmpty)
        #expect(describe(reader.diagnostics) == ["6:12 error survey-include-missing the survey file 'gone.survey.yml' does not exist"])
        #expect(reader.diagnostics.first?.location?.file == "page.md")
        #expect(reader.diagnostics.first?.notes == ["looked for 'gone.survey.yml'"])
    }

    @Test func anIncludeThatIsAFolderIsReportedAtTheIncludeAndBadBytesWhereTheyAre() throws {
        let folder = try Self.folder(["page.md": "```survey\ninclude: sub\n```\n\n```survey\ninclude: bad.survey.yml\n```\n", "sub/x": ""])
        try Data("id: x\ntitle: Caf".utf8 + [0xE9, 0x0A]).write(to: folder.appendingPathComponent("bad.survey.yml"))
        let reader = try Self.read(["page.md"], in: folder)
        #expect(places(reader.diagnostics) == ["page.md:2:10 survey-include-missing", "bad.survey.yml:2:11 file-encoding"])
    }
}
