import Foundation
import Testing

@Suite("doorstep templates")
struct TemplatesCommandTests {
    @Test func printsTheReferenceTheAuthoringGuideHolds() throws {
        let project = try DoorstepRunner.project("good-site")
        let result = try DoorstepRunner.run(["templates"], in: project)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("#### LayoutView\n"))
        #expect(result.stdout.contains("| `pagesHTML` | HTML, for `{{{ }}}` |"))
        let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/authoring.md")
        #expect(try String(contentsOf: guide, encoding: .utf8).contains(result.stdout))
    }
}
