import Foundation
import Testing
@testable import Toolkit

/// A file's stamp stands for its contents only when no later change could leave the same stamp.
@Suite struct FileStampTests {
    func stamp(changedAt changed: FileTime, modifiedAt modified: FileTime? = nil) -> FileStamp {
        FileStamp(device: 1, inode: 2, size: 3, modified: modified ?? changed, changed: changed)
    }

    @Test func aFileChangedJustBeforeTheLookIsRacy() {
        let start = FileTime(seconds: 1_000, nanoseconds: 500_000_000)
        #expect(stamp(changedAt: FileTime(seconds: 1_000, nanoseconds: 490_000_000)).isRacy(since: start))
        #expect(stamp(changedAt: FileTime(seconds: 1_000, nanoseconds: 600_000_000)).isRacy(since: start), "a time after the look")
        #expect(!stamp(changedAt: FileTime(seconds: 1_000, nanoseconds: 100_000_000)).isRacy(since: start))
        #expect(!stamp(changedAt: FileTime(seconds: 999, nanoseconds: 1)).isRacy(since: start))
    }

    @Test func aFileSystemThatKeepsWholeSecondsIsGivenThreeSeconds() {
        // FAT keeps times to two seconds, so a change just after the look can be dated two seconds before it.
        let start = FileTime(seconds: 1_000, nanoseconds: 500_000_000)
        #expect(stamp(changedAt: FileTime(seconds: 999, nanoseconds: 0)).isRacy(since: start))
        #expect(stamp(changedAt: FileTime(seconds: 998, nanoseconds: 0)).isRacy(since: start))
        #expect(stamp(changedAt: FileTime(seconds: 998, nanoseconds: 600_000_000)).isRacy(since: start) == false)
        #expect(!stamp(changedAt: FileTime(seconds: 997, nanoseconds: 0)).isRacy(since: start))
    }

    @Test func eitherTimeMakesAFileRacy() {
        let start = FileTime(seconds: 1_000, nanoseconds: 0)
        let old = FileTime(seconds: 900, nanoseconds: 1)
        let recent = FileTime(seconds: 999, nanoseconds: 990_000_000)
        #expect(stamp(changedAt: recent, modifiedAt: old).isRacy(since: start))
        #expect(stamp(changedAt: old, modifiedAt: recent).isRacy(since: start))
    }

    @Test func theLoaderStampsEveryFileItReadsAndTheLookAloneFindsTheSame() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stamps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in [("content/site.yml", "title: Stamps\n"), ("content/index.md", "---\ntitle: Home\n---\n\nHello.\n"),
                             ("toolkit-modules/a/module.yml", "id: a\ntitle: A\nsummary: A.\n"),
                             ("toolkit-modules/a/page.md", "---\ntitle: Page\n---\n\nText.\n"),
                             ("toolkit-modules/a/assets/map.txt", "Map.\n")] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let (read, readProblems) = ProjectLoader.load(root: root)
        let (looked, lookProblems) = ProjectLoader.inputs(root: root)
        #expect(readProblems.isEmpty && lookProblems.isEmpty)
        #expect(read.inputs.map(\.path) == ["content/site.yml", "content/index.md", "toolkit-modules/a/module.yml",
                                            "toolkit-modules/a/assets/map.txt", "toolkit-modules/a/page.md"])
        #expect(read.inputs == looked.inputs)
        #expect(read.inputs.filter(\.isAsset).map(\.path) == ["toolkit-modules/a/assets/map.txt"])
        #expect(looked.modules.first?.pages.first?.text == "", "the look reads no page")
        #expect(looked.siteConfig?.text == "title: Stamps\n", "but it reads the settings, which name the module folders")
    }
}
