import Foundation
import Testing
@testable import Publish

/// A fragment that several documents show (a paper questionnaire in both sizes of a pack, and on its survey's
/// page) is rendered once, even when the documents are made side by side.
@Suite struct RenderedOnceTests {
    final class Record: @unchecked Sendable {
        let lock = NSLock()
        var renders = 0
        var answers: [Int: String] = [:]
    }

    @Test func askersAtTheSameTimeShareOneRender() {
        let once = RenderedOnce()
        let record = Record()
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let answer = once.html(for: index % 2 == 0 ? "paper" : "large") {
                record.lock.withLock { record.renders += 1 }
                usleep(50_000)
                return index % 2 == 0 ? "<form>paper</form>" : "<form>large</form>"
            }
            record.lock.withLock { record.answers[index] = answer }
        }
        #expect(record.renders == 2, "each fragment is rendered once, not once for each document that shows it")
        #expect(once.renders == 2)
        #expect(record.answers.count == 16)
        #expect(record.answers.allSatisfy { $0.value == ($0.key % 2 == 0 ? "<form>paper</form>" : "<form>large</form>") })
    }
}
