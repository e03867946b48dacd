import Diagnostics
import Foundation
import Testing
@testable import Toolkit

@Suite struct VersionRequirementTests {
    func satisfied(_ requirement: String, by version: String) -> Bool? {
        guard case .success(let parsed) = VersionRequirement.parse(requirement), let version = Version(version) else { return nil }
        return parsed.isSatisfied(by: version)
    }

    @Test func comparisonsJoinedByCommasMustAllHold() {
        #expect(satisfied(">= 1.2, < 2", by: "1.2.0") == true)
        #expect(satisfied(">= 1.2, < 2", by: "1.10") == true)
        #expect(satisfied(">= 1.2, < 2", by: "1.1.9") == false)
        #expect(satisfied(">= 1.2, < 2", by: "2.0.0") == false)
        #expect(satisfied("1.0", by: "1.0.0") == true)
        #expect(satisfied("== 1.0.1", by: "1.0.0") == false)
        #expect(satisfied("> 1, <= 1.5", by: "1.5") == true)
    }

    @Test func unreadableRequirementsSayWhy() {
        for written in [">= one", ">= 1.2,", "~> 1.2", "1.2.3.4", ""] {
            guard case .failure(let problem) = VersionRequirement.parse(written) else {
                Issue.record("'\(written)' should not be read")
                continue
            }
            #expect(!problem.text.isEmpty)
        }
    }

    @Test func aModuleForAnotherVersionIsALocatedError() {
        let location = SourceLocation(file: "../ours/m/module.yml", line: 6, column: 11)
        var manifest = ModuleManifest(id: "m", title: "M", summary: "", order: 1, requires: [], licence: "CC-BY-4.0",
                                      version: nil, packs: [], location: location)
        manifest.doorstep = Located(">= 2", at: location)
        let found = ModuleGraph.checkVersion(manifest, running: "1.0.0")
        #expect(found?.code == "module-doorstep-version")
        #expect(found?.location == location)
        #expect(found?.message == "module 'm' works with Doorstep >= 2, but this is Doorstep 1.0.0")
        manifest.doorstep = Located(">= 1.0, < 2", at: location)
        #expect(ModuleGraph.checkVersion(manifest, running: "1.0.0") == nil)
        manifest.doorstep = Located("at least 1", at: location)
        #expect(ModuleGraph.checkVersion(manifest, running: "1.0.0")?.code == "module-doorstep-invalid")
    }

    @Test func theManifestKeyIsRead() {
        let file = SourceFile(path: "toolkit-modules/m/module.yml", text: "id: m\ntitle: M\nsummary: S\ndoorstep: \">= 1.0\"\n")
        let (manifest, diagnostics) = ModuleManifest.decode(file, folder: "m")
        #expect(diagnostics.isEmpty)
        #expect(manifest?.doorstep?.value == ">= 1.0")
        #expect(manifest?.doorstep?.location.description == "toolkit-modules/m/module.yml:4:11")
    }
}

@Suite struct ModuleFoldersTests {
    func validate(_ entries: [String]) -> ([String], [String]) {
        let located = entries.enumerated().map { Located($0.element, at: SourceLocation(file: "content/site.yml", line: $0.offset + 1, column: 3)) }
        let (folders, diagnostics) = ModuleFolders.validate(located)
        return (folders.map(\.value), diagnostics.map { "\($0.location?.line ?? 0) \($0.code)" })
    }

    @Test func foldersInOrBesideTheProjectAreRead() {
        let (folders, problems) = validate(["toolkit-modules", "./local-modules/", "../our-modules", "../../shared"])
        #expect(folders == ["toolkit-modules", "local-modules", "../our-modules", "../../shared"])
        #expect(problems.isEmpty)
    }

    @Test func otherFoldersAreLocatedErrors() {
        let (folders, problems) = validate(["/home/me/modules", "vendor/modules", "content", "toolkit-modules", "./toolkit-modules", ".hidden", "../"])
        #expect(folders == ["toolkit-modules"])
        #expect(problems == ["1 module-folder-invalid", "2 module-folder-invalid", "3 module-folder-taken",
                             "5 module-folder-duplicate", "6 module-folder-invalid", "7 module-folder-invalid"])
    }

    @Test func siteConfigurationNamesTheFolders() {
        let file = SourceFile(path: "content/site.yml", text: "title: T\nmodule_folders: [toolkit-modules, ../ours]\n")
        let (config, diagnostics) = SiteConfig.decode(file)
        #expect(diagnostics.isEmpty)
        #expect(config.moduleFolders.map(\.value) == ["toolkit-modules", "../ours"])
        #expect(SiteConfig.decode(SourceFile(path: "content/site.yml", text: "title: T\n")).0.moduleFolders.map(\.value) == ["toolkit-modules"])
    }

    @Test func pathsInAFolderBesideTheProjectStayInIt() {
        #expect(ProjectPath.resolve("tips.md", from: "../ours/m/guide.md") == "../ours/m/tips.md")
        #expect(ProjectPath.resolve("../n/a.md", from: "../ours/m/guide.md") == "../ours/n/a.md")
        #expect(ProjectPath.resolve("../../../../etc/passwd", from: "../ours/m/guide.md") == nil)
        #expect(ProjectPath.resolve("handouts/a.md", inModuleOf: "../ours/m/sub/guide.md") == "../ours/m/handouts/a.md")
        #expect(ProjectPath.resolve("a.md", inModuleOf: "local-modules/m/module.yml") == "local-modules/m/a.md")
        #expect(ProjectPath.resolve("a.md", inModuleOf: "content/index.md") == "content/a.md")
        #expect(ProjectPath.assetOutputPath("../ours/m/assets/x.png") == "m/assets/x.png")
        #expect(ProjectPath.assetOutputPath("toolkit-modules/m/assets/x.png") == "m/assets/x.png")
    }
}

/// The loader on real folders: a module folder beside the project, a clash of ids, a link out of the folder.
@Suite struct ModuleFolderLoadingTests {
    static func write(_ root: URL, _ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func project() throws -> URL {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-load-\(UUID().uuidString)")
        let root = parent.appendingPathComponent("project")
        try write(root, "content/site.yml", "title: T\nmodule_folders:\n  - toolkit-modules\n  - ../ours\n")
        try write(root, "content/index.md", "---\ntitle: Home\n---\n")
        try write(root, "toolkit-modules/a/module.yml", "id: a\ntitle: A\nsummary: S\n")
        try write(root, "toolkit-modules/a/guide.md", "---\ntitle: G\n---\n")
        try write(parent, "ours/b/module.yml", "id: b\ntitle: B\nsummary: S\n")
        try write(parent, "ours/b/page.md", "---\ntitle: P\n---\n")
        try write(parent, "ours/b/assets/map.txt", "map\n")
        return root
    }

    @Test func modulesAreReadFromEveryFolderInOrder() throws {
        let root = try Self.project()
        let (sources, diagnostics) = ProjectLoader.load(root: root)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(sources.modules.map(\.path) == ["toolkit-modules/a", "../ours/b"])
        #expect(sources.modules.last?.pages.map(\.path) == ["../ours/b/page.md"])
        #expect(sources.assetData["../ours/b/assets/map.txt"] == Data("map\n".utf8))
        let (site, built) = SiteBuilder.build(sources)
        #expect(built.isEmpty, "\(built)")
        #expect(site.module(id: "b")?.pages.first?.outputPath == "b/page/index.html")
    }

    @Test func aClashOfIdsNamesBothPlaces() throws {
        let root = try Self.project()
        try Self.write(root.deletingLastPathComponent(), "ours/a/module.yml", "id: a\ntitle: A again\nsummary: S\n")
        let (sources, diagnostics) = ProjectLoader.load(root: root)
        #expect(diagnostics.map(\.code) == ["module-id-clash"])
        #expect(diagnostics.first?.location?.description == "../ours/a/module.yml:1:1")
        #expect(diagnostics.first?.message.contains("'toolkit-modules/a' and '../ours/a'") == true)
        #expect(sources.modules.map(\.path) == ["toolkit-modules/a", "../ours/b"])
    }

    @Test func aLinkOutOfAnOutsideFolderIsNotRead() throws {
        let root = try Self.project()
        let secret = root.deletingLastPathComponent().appendingPathComponent("secret.md")
        try "---\ntitle: Secret\n---\n".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: root.deletingLastPathComponent().appendingPathComponent("ours/b/secret.md"),
                                                   withDestinationURL: secret)
        let (sources, diagnostics) = ProjectLoader.load(root: root)
        #expect(diagnostics.map(\.code) == ["file-outside-module-folder"])
        #expect(sources.modules.last?.pages.map(\.path) == ["../ours/b/page.md"])
    }

    @Test func aMissingFolderIsLocatedAtItsEntry() throws {
        let root = try Self.project()
        try FileManager.default.removeItem(at: root.deletingLastPathComponent().appendingPathComponent("ours"))
        let (_, diagnostics) = ProjectLoader.load(root: root)
        #expect(diagnostics.map(\.code) == ["module-folder-missing"])
        #expect(diagnostics.first?.location?.description == "content/site.yml:4:5")
    }
}
