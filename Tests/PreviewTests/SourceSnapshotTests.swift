import Foundation
import Testing
@testable import Preview

@Suite struct SourceSnapshotTests {
    /// A small project in a fresh temporary folder.
    func project() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("toolkit-modules/alpha"),
                                                withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try Data("title: T\n".utf8).write(to: root.appendingPathComponent("content/site.yml"))
        try Data("# Guide\n".utf8).write(to: root.appendingPathComponent("toolkit-modules/alpha/guide.md"))
        return root
    }

    /// Moves a file's modification time forward, as a save a moment later would.
    func touch(_ url: URL, secondsLater: Double = 2) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let modified = (attributes[.modificationDate] as? Date) ?? Date()
        try FileManager.default.setAttributes([.modificationDate: modified.addingTimeInterval(secondsLater)], ofItemAtPath: url.path)
    }

    @Test func nothingTouchedIsNoChange() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = SourceSnapshot.take(root: root)
        let after = SourceSnapshot.take(root: root)
        #expect(before == after)
        #expect(after.changes(since: before).isEmpty)
        #expect(before.files.keys.sorted() == ["content/site.yml", "toolkit-modules/alpha/guide.md"])
    }

    @Test func aTouchedFileIsDetected() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = SourceSnapshot.take(root: root)
        try touch(root.appendingPathComponent("toolkit-modules/alpha/guide.md"))
        let after = SourceSnapshot.take(root: root)
        #expect(after != before)
        #expect(after.changes(since: before) == ["toolkit-modules/alpha/guide.md"])
    }

    @Test func addedAndRemovedFilesAreDetected() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = SourceSnapshot.take(root: root)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("{{title}}".utf8).write(to: root.appendingPathComponent("templates/page.mustache"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/site.yml"))
        let after = SourceSnapshot.take(root: root)
        #expect(after.changes(since: before) == ["content/site.yml", "templates/page.mustache"])
    }

    @Test func editorScratchFilesAndOtherFoldersAreIgnored() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = SourceSnapshot.take(root: root)
        try Data("x".utf8).write(to: root.appendingPathComponent("toolkit-modules/alpha/.guide.md.swp"))
        try Data("x".utf8).write(to: root.appendingPathComponent("toolkit-modules/alpha/guide.md~"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("site/index.html"))
        #expect(SourceSnapshot.take(root: root) == before)
    }

    @Test func theModuleFoldersSiteYmlNamesAreWatchedToo() throws {
        let root = try project()
        try Data("title: T\nmodule_folders: [toolkit-modules, ../our-modules-\(root.lastPathComponent)]\n".utf8)
            .write(to: root.appendingPathComponent("content/site.yml"))
        let ours = root.deletingLastPathComponent().appendingPathComponent("our-modules-\(root.lastPathComponent)/gamma")
        try FileManager.default.createDirectory(at: ours, withIntermediateDirectories: true)
        try Data("# Stall\n".utf8).write(to: ours.appendingPathComponent("stall.md"))
        let before = SourceSnapshot.take(root: root)
        #expect(before.files["../our-modules-\(root.lastPathComponent)/gamma/stall.md"] != nil, "\(before.files.keys.sorted())")
        #expect(before.files["toolkit-modules/alpha/guide.md"] != nil)
        try Data("# Stall, changed\n".utf8).write(to: ours.appendingPathComponent("stall.md"))
        #expect(SourceSnapshot.take(root: root).changes(since: before) == ["../our-modules-\(root.lastPathComponent)/gamma/stall.md"])
    }

    @Test func theSettingsAreReadAgainOnlyWhenSiteYmlChanges() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        var folders = SourceSnapshot.Folders()
        #expect(folders.current(root: root) == SourceSnapshot.watchedFolders)
        #expect(folders.current(root: root) == SourceSnapshot.watchedFolders)
        #expect(folders.reads == 1, "an unchanged site.yml is not decoded on every poll")
        let siteYAML = root.appendingPathComponent("content/site.yml")
        try Data("title: T\nmodule_folders: [toolkit-modules, local-modules]\n".utf8).write(to: siteYAML)
        try touch(siteYAML)
        #expect(folders.current(root: root).contains("local-modules"))
        #expect(folders.reads == 2)
    }

    @Test func latestModificationIsTheNewestOfTheChangedFiles() {
        let snapshot = SourceSnapshot(files: ["a.md": .init(modified: 10, size: 1), "b.md": .init(modified: 20, size: 1)])
        #expect(snapshot.latestModification(of: ["a.md", "b.md", "gone.md"]) == 20)
        #expect(snapshot.latestModification(of: ["gone.md"]) == nil)
    }
}

@Suite struct NetworkPreviewTests {
    @Test func problemsReachPagesOnlyOverLoopback() throws {
        let root = try SourceSnapshotTests().project()
        var options = PreviewOptions(root: root, output: root.deletingLastPathComponent()
            .appendingPathComponent("doorstep-network-\(UUID().uuidString)"))
        let local = PreviewBuilder(options: options).build()
        #expect(local.problems?.contains("module-manifest-missing") == true, "\(local.problems ?? "")")
        options.bind = "0.0.0.0"
        let shared = PreviewBuilder(options: options).build()
        #expect(shared.diagnosticsText.contains("module-manifest-missing"), "the terminal still shows every problem")
        #expect(shared.problems?.contains("module-manifest-missing") == false)
        #expect(shared.problems?.contains("listed in the terminal") == true, "\(shared.problems ?? "")")
    }
}
