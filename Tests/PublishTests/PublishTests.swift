import Foundation
import Testing
@testable import Publish

@Suite struct FormattingTests {
    @Test func longDates() {
        #expect(Formatting.longDate("2026-11-20") == "20 November 2026")
        #expect(Formatting.longDate("2026-1-5") == "5 January 2026")
        #expect(Formatting.longDate("soon") == "soon")
    }
}

@Suite struct OutputWriterTests {
    @Test func aFilesFolderIsFoundAsNSStringFindsIt() {
        // Plain relative paths (no slash at either end, none doubled) are read as bytes; they must come out as
        // NSString's deletingLastPathComponent gives them. (Foundation on Linux stops the program on a few other
        // paths, "a" and "a/" among them, which no build writes; "a" is a file at the root, in no folder.)
        var generator = SystemRandomNumberGenerator()
        let letters = Array("ab/./é")
        let random = (0..<3000).map { _ in String((0..<Int.random(in: 2...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! }) }
        let plain = (["index.html", "a/index.html", "m/p/index.html", "assets/search-index.js", "café/é/index.html", "a/./b",
                      "./a/b", "../a/b", "a/b.c/d.e", "ü/x"] + random)
            .filter { !$0.hasPrefix("/") && !$0.hasSuffix("/") && !$0.contains("//") }
        #expect(plain.count > 1000)
        for path in plain {
            #expect(OutputWriter.folder(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
        }
        #expect(OutputWriter.folder(of: "a") == "")
        #expect(OutputWriter.folder(of: "a//b/index.html") == "a/b")
    }

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

    @Test func keepsFilesThePersonAddedToTheSite() throws {
        let parent = try temporaryFolder()
        let output = parent.appendingPathComponent("site")
        var first = try OutputWriter(output: output)
        try first.stage([RenderedFile(path: "index.html", text: "one"), RenderedFile(path: "a/index.html", text: "A")])
        try first.commit()
        try FileManager.default.createDirectory(at: output.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("ref".utf8).write(to: output.appendingPathComponent(".git/HEAD"))
        try Data("example.org".utf8).write(to: output.appendingPathComponent("CNAME"))
        try Data("notes".utf8).write(to: output.appendingPathComponent("a/notes.txt"))

        var second = try OutputWriter(output: output)
        try second.stage([RenderedFile(path: "index.html", text: "two"), RenderedFile(path: "a/index.html", text: "A")])
        try second.commit()
        #expect(try String(contentsOf: output.appendingPathComponent(".git/HEAD"), encoding: .utf8) == "ref")
        #expect(try String(contentsOf: output.appendingPathComponent("CNAME"), encoding: .utf8) == "example.org")
        #expect(try String(contentsOf: output.appendingPathComponent("a/notes.txt"), encoding: .utf8) == "notes")
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "two")
    }

    @Test func aPersonsFileInTheWayStopsTheBuildAndIsKept() throws {
        let parent = try temporaryFolder()
        let output = parent.appendingPathComponent("site")
        var first = try OutputWriter(output: output)
        try first.stage([RenderedFile(path: "index.html", text: "one")])
        try first.commit()
        try Data("mine".utf8).write(to: output.appendingPathComponent("about.html"))
        var second = try OutputWriter(output: output)
        try second.stage([RenderedFile(path: "index.html", text: "two"), RenderedFile(path: "about.html", text: "generated")])
        #expect(throws: OutputWriter.Failure.self) { try second.commit() }
        second.abandon()
        #expect(try String(contentsOf: output.appendingPathComponent("about.html"), encoding: .utf8) == "mine")
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "one")
    }

    @Test func refusesAFileAsOutputAndTwoOutputsForOnePath() throws {
        let parent = try temporaryFolder()
        let file = parent.appendingPathComponent("site")
        try Data("x".utf8).write(to: file)
        #expect(throws: OutputWriter.Failure.self) { try OutputWriter(output: file) }
        var writer = try OutputWriter(output: parent.appendingPathComponent("other"))
        #expect(throws: OutputWriter.Failure.self) {
            try writer.stage([RenderedFile(path: "a.html", text: "1"), RenderedFile(path: "a.html", text: "2")])
        }
    }

    @Test func followsASymlinkedOutputFolder() throws {
        let parent = try temporaryFolder()
        let real = parent.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = parent.appendingPathComponent("site")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        var writer = try OutputWriter(output: link)
        try writer.stage([RenderedFile(path: "index.html", text: "hello")])
        try writer.commit()
        #expect(try String(contentsOf: real.appendingPathComponent("index.html"), encoding: .utf8) == "hello")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != nil)
    }
}
