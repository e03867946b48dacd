import Foundation
import Testing
@testable import Publish

@Suite struct PrintLinkTests {
    @Test func webLinksGetTheirShortAddressInPrint() {
        let html = "<p>See <a href=\"https://www.ons.gov.uk/census/index.html\">the Census</a> and <a href=\"../x/index.html\">x</a>.</p>"
        #expect(PrintLinks.addShortURLs(html)
            == "<p>See <a href=\"https://www.ons.gov.uk/census/index.html\">the Census</a> <span class=\"print-url\">(ons.gov.uk/census)</span> and <a href=\"../x/index.html\">x</a>.</p>")
    }
}

@Suite struct FormattingTests {
    @Test func longDates() {
        #expect(Formatting.longDate("2026-11-20") == "20 November 2026")
        #expect(Formatting.longDate("2026-1-5") == "5 January 2026")
        #expect(Formatting.longDate("soon") == "soon")
    }
}

@Suite struct PDFPageCountTests {
    @Test func countsPageObjectsNotThePageTree() {
        let pdf = Data("<< /Type /Pages /Count 2 >> << /Type /Page /Parent 1 0 R >> << /Type /Page >>".utf8)
        #expect(PDFMaker.pageCount(pdf) == 2)
    }
}

@Suite struct OutputWriterTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func refusesAFolderItDidNotMake() throws {
        let folder = try temporaryFolder()
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        #expect(throws: OutputWriter.Failure.self) { try OutputWriter(output: folder) }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
    }

    @Test func swapsInTheNewSiteAndKeepsUnchangedFiles() throws {
        let parent = try temporaryFolder()
        let output = parent.appendingPathComponent("site")
        var first = try OutputWriter(output: output)
        try first.stage([RenderedFile(path: "a/index.html", text: "A"), RenderedFile(path: "gone.html", text: "old")])
        try first.commit()
        let before = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("a/index.html").path)

        var second = try OutputWriter(output: output)
        try second.stage([RenderedFile(path: "a/index.html", text: "A"), RenderedFile(path: "b.html", text: "B")])
        try second.commit()
        #expect(second.written == 1)
        #expect(second.unchanged == 1)
        let after = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("a/index.html").path)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("gone.html").path))
        #expect(try String(contentsOf: output.appendingPathComponent("b.html"), encoding: .utf8) == "B")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent.path)
        #expect(leftovers == ["site"])
    }

    @Test func abandoningLeavesThePreviousSite() throws {
        let parent = try temporaryFolder()
        let output = parent.appendingPathComponent("site")
        var first = try OutputWriter(output: output)
        try first.stage([RenderedFile(path: "index.html", text: "good")])
        try first.commit()
        var second = try OutputWriter(output: output)
        try second.stage([RenderedFile(path: "index.html", text: "half")])
        second.abandon()
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "good")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["site"])
    }
}
