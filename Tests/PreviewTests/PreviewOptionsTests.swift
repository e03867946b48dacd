import Foundation
import Testing
@testable import Preview

@Suite struct PreviewOptionsTests {
    @Test func defaultOutputIsStablePerProjectAndOutsideIt() {
        let root = URL(fileURLWithPath: "/tmp/some-project")
        let first = PreviewOptions(root: root).output
        #expect(first == PreviewOptions(root: root).output)
        #expect(first != PreviewOptions(root: URL(fileURLWithPath: "/tmp/other-project")).output)
        #expect(!first.path.hasPrefix(root.path))
    }
}
