import Foundation
import Testing
@testable import Preview

@Suite struct LiveReloadTests {
    @Test func scriptGoesOnceJustBeforeTheClosingBody() {
        let html = "<html><body><p>Hi</p></body></html>"
        let injected = LiveReload.inject(into: html, generation: 3)
        #expect(injected.components(separatedBy: "<script data-doorstep-preview>").count == 2)
        #expect(injected.hasPrefix("<html><body><p>Hi</p><script data-doorstep-preview>"))
        #expect(injected.hasSuffix("</script>\n</body></html>"))
        #expect(injected.contains(#"var generation = "3";"#))
        #expect(LiveReload.inject(into: injected, generation: 4) == injected)
    }

    @Test func theLastClosingBodyIsUsedWhateverItsCase() {
        let html = "<html><BODY><pre>&lt;/body&gt; </body> in text</pre></BODY></html>"
        let injected = LiveReload.inject(into: html, generation: 1)
        #expect(injected.hasSuffix("</script>\n</BODY></html>"))
        #expect(injected.hasPrefix("<html><BODY><pre>&lt;/body&gt; </body> in text</pre><script"))
    }

    @Test func aPageWithoutBodyGetsTheScriptAtTheEnd() {
        let injected = LiveReload.inject(into: "<p>fragment</p>", generation: 1)
        #expect(injected.hasPrefix("<p>fragment</p><script data-doorstep-preview>"))
    }

    @Test func onlyHTMLIsChanged() {
        let css = Data("body { color: red } </body>".utf8)
        #expect(LiveReload.body(css, path: "assets/style.css", generation: 1) == css)
        let json = Data("{\"html\": \"</body>\"}".utf8)
        #expect(LiveReload.body(json, path: "search/index.json", generation: 1) == json)
        let page = Data("<body></body>".utf8)
        #expect(LiveReload.body(page, path: "alpha/guide/index.html", generation: 1) != page)
    }

    @Test func theOverlayIsSetAsTextNotHTML() {
        let script = LiveReload.script(generation: 1)
        #expect(script.contains("box.textContent ="))
        #expect(!script.contains("innerHTML"))
        #expect(script.contains("location.reload()"))
        #expect(script.contains(LiveReload.eventsPath))
    }

    @Test func eventsPutEachLineOfDataOnItsOwnLine() {
        #expect(BuildEvents.message(event: "failed", data: "a.md:1:1: error\r\n    ^\n\n1 error")
                == "event: failed\ndata: a.md:1:1: error\ndata:     ^\ndata: \ndata: 1 error\n\n")
        #expect(BuildEvents.message(event: "built", data: "2") == "event: built\ndata: 2\n\n")
    }

    @Test func aNewPageIsToldTheCurrentStateFirst() async {
        let events = BuildEvents()
        await events.succeeded()
        await events.failed("broken")
        var iterator = await events.subscribe().makeAsyncIterator()
        let first = await iterator.next()
        #expect(first == "retry: 1000\n\nevent: failed\ndata: broken\n\n")
        await events.succeeded()
        #expect(await iterator.next() == "event: built\ndata: 2\n\n")
        await events.finish()
        #expect(await iterator.next() == nil)
    }
}
