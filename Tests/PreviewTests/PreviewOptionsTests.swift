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

@Suite struct BindAndOpenTests {
    @Test func onlyLoopbackAddressesCountAsPrivate() {
        var options = PreviewOptions(root: URL(fileURLWithPath: "/tmp/p"))
        #expect(options.isLoopback)
        for address in ["127.0.0.2", "::1"] {
            options.bind = address
            #expect(options.isLoopback, "\(address)")
        }
        for address in ["0.0.0.0", "192.168.1.20", "::", "127.example.org"] {
            options.bind = address
            #expect(!options.isLoopback, "\(address)")
        }
        #expect(PreviewOptions.isIPAddress("192.168.1.20") && PreviewOptions.isIPAddress("fe80::1"))
        #expect(!PreviewOptions.isIPAddress("localhost") && !PreviewOptions.isIPAddress("300.1.1.1"))
    }

    @Test func theBrowserIsSentToAnAddressThatWorksHere() {
        #expect(BrowserOpener.url(address: "0.0.0.0", port: 8000) == "http://127.0.0.1:8000/")
        #expect(BrowserOpener.url(address: "::", port: 80) == "http://[::1]:80/")
        #expect(BrowserOpener.url(address: "192.168.1.20", port: 8000) == "http://192.168.1.20:8000/")
        #expect(BrowserOpener.open("http://127.0.0.1:1/", environment: ["PATH": "/no/such/folder"])?
            .hasPrefix("there is no ") == true)
    }

    @Test func aDraftPageOpensWithItsBanner() {
        let page = "<!doctype html><html><body class=\"page\"><main>Text</main></body></html>"
        let marked = LiveReload.markDraft(page)
        #expect(marked.contains("<body class=\"page\">\n<p data-doorstep-draft"))
        #expect(marked.contains("Draft:"))
        let body = String(decoding: LiveReload.body(Data(page.utf8), path: "a/index.html", generation: 1, draft: false), as: UTF8.self)
        #expect(!body.contains("data-doorstep-draft"))
    }
}
