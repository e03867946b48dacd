import Foundation
import Publish
import Testing
@testable import Preview

/// The preview keeps surveys and the theme from one build for the next; an edit to either must show at
/// once, and every site it writes must be the one a cold build of the same files writes.
@Suite struct BuildMemoryTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../EndToEndTests/Fixtures/survey-theme").standardizedFileURL

    struct Project {
        let folder: URL
        var root: URL { folder.appendingPathComponent("project") }
        var output: URL { folder.appendingPathComponent("preview") }
        var survey: URL { root.appendingPathComponent("toolkit-modules/park/park.survey.yml") }
        var template: URL { root.appendingPathComponent("templates/survey-question.mustache") }

        func replace(_ old: String, with new: String, in file: URL) throws {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains(old), "the fixture has \(old)")
            try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
        }

        /// The site a build without any memory makes of the files as they are now.
        func cold() -> [String: Data] {
            let output = folder.appendingPathComponent("cold-\(UUID().uuidString)")
            var options = Pipeline.BuildOptions(root: root, output: output)
            options.makePDF = false
            #expect(Pipeline.build(options).built)
            return ViewedFirstTests.files(output)
        }

        func surveyPages() -> String {
            let folder = output.appendingPathComponent("surveys/park-theme")
            return (FileManager.default.subpaths(atPath: folder.path) ?? []).sorted().compactMap {
                FileManager.default.contents(atPath: folder.appendingPathComponent($0).path).map { String(decoding: $0, as: UTF8.self) }
            }.joined()
        }
    }

    static func project() throws -> Project {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-memory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let project = Project(folder: folder)
        try FileManager.default.copyItem(at: fixture, to: project.root)
        return project
    }

    @Test func anEditedSurveyAndAnEditedTemplateShowAtOnceAndNeverStale() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.folder) }
        var options = PreviewOptions(root: project.root, output: project.output)
        options.makePDF = false
        let builder = PreviewBuilder(options: options)
        #expect(builder.build().problems == nil)
        #expect(project.surveyPages().contains("best thing about it"))

        // A question's wording changed in the survey file.
        try project.replace("What's the best thing about it?", with: "What do you like most about it?", in: project.survey)
        #expect(builder.build().problems == nil)
        #expect(project.surveyPages().contains("What do you like most about it?"))
        #expect(!project.surveyPages().contains("best thing about it"))
        #expect(ViewedFirstTests.files(project.output) == project.cold())

        // A mistake in the survey is found, though the survey's checks passed on the last build.
        try project.replace("type: text", with: "type: txet", in: project.survey)
        let broken = builder.build()
        let problems = try #require(broken.problems, "the edited survey is checked again")
        #expect(problems.contains("park.survey.yml"))
        try project.replace("type: txet", with: "type: text", in: project.survey)
        #expect(builder.build().problems == nil)

        // The site's own question template changed.
        try project.replace("<p class=\"card-label\">", with: "<p class=\"card-label edited-template\">", in: project.template)
        #expect(builder.build().problems == nil)
        #expect(project.surveyPages().contains("edited-template"))
        #expect(ViewedFirstTests.files(project.output) == project.cold())

        // An unsafe template is refused at once, though the theme was fine on the last build.
        try project.replace("{{label}}</p>", with: "{{{label}}}</p>", in: project.template)
        let unsafe = builder.build()
        #expect(unsafe.problems?.contains("survey-question.mustache") == true)
        #expect(project.surveyPages().contains("edited-template"), "the last good site is kept")
    }
}
