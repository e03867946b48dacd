import Foundation
import Testing

/// A group's own modules in a folder beside the project, named by `module_folders` in content/site.yml.
@Suite("doorstep with extra module folders")
struct ModuleFolderTests {
    /// `<tmp>/project` (the good fixture, reading `toolkit-modules` and `../our-modules`) and `<tmp>/our-modules/gamma`.
    static func project(manifest: String = gamma) throws -> (project: URL, ours: URL) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-folders-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let project = parent.appendingPathComponent("project")
        try FileManager.default.copyItem(at: DoorstepRunner.fixtures.appendingPathComponent("good-site"), to: project)
        try DoorstepRunner.edit(project, "content/site.yml", replacing: "modules: all\n",
                                with: "modules: all\nmodule_folders: [toolkit-modules, ../our-modules]\n")
        let ours = parent.appendingPathComponent("our-modules")
        try PluginTests.write(ours, "gamma/module.yml", manifest)
        try PluginTests.write(ours, "gamma/street-stall.md", """
            ---
            title: Running a street stall
            ---

            Bring the [map](assets/map.txt), read the [other page](tips.md) and the [alpha guide](../alpha/guide.md), as if the modules sat side by side.
            """)
        try PluginTests.write(ours, "gamma/tips.md", "---\ntitle: Stall tips\n---\n\nSmile.\n")
        try PluginTests.write(ours, "gamma/assets/map.txt", "A map of the high street.\n")
        return (project, ours)
    }

    static let gamma = """
        id: gamma
        title: Gamma
        summary: Our own module.
        order: 30
        requires: [alpha]
        doorstep: ">= 1.0, < 2"
        packs:
          - id: stall-pack
            title: Stall pack
            items: [street-stall.md, tips.md]
        """

    @Test func aBuildNeverWritesIntoAnExtraModuleFolder() throws {
        let (project, ours) = try Self.project()
        let before = DoorstepRunner.snapshot(ours)
        let result = try DoorstepRunner.run(["build", "--no-pdf", "--output", "../our-modules/gamma/site"], in: project)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("is inside '../our-modules/', which the build reads"), "\(result.stderr)")
        #expect(DoorstepRunner.snapshot(ours) == before, "nothing may be written into a module folder")
    }

    @Test func anEmptyListOfModuleFoldersIsAnErrorNotASilentDefault() throws {
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(project, "content/site.yml", replacing: "modules: all\n", with: "modules: all\nmodule_folders: []\n")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("content/site.yml:"), "\(result.stderr)")
        #expect(result.stderr.contains("module_folders lists no folders, so no module would be read [module-folders-empty]"), "\(result.stderr)")
    }

    @Test func answersKeptInAnExtraModuleFolderAreNeverPublished() throws {
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(project, "content/site.yml", replacing: "modules: all\n",
                                with: "modules: all\nmodule_folders: [toolkit-modules, local-modules]\nresults: {folder: local-modules/delta/answers}\n")
        try PluginTests.write(project, "local-modules/delta/module.yml", "id: delta\ntitle: Delta\nsummary: Our own module.\norder: 40\n")
        try PluginTests.write(project, "local-modules/delta/answers/park-survey/answers.csv", "response_id,consent\nr1,yes\n")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("the results folder 'local-modules/delta/answers' is inside 'local-modules/', which is published"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func modulesFromAFolderBesideTheProjectArePublishedWithTheToolkit() throws {
        let (project, _) = try Self.project()
        let fixed = try DoorstepRunner.run(["build", "--no-pdf", "--strict"], in: project)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let page = try DoorstepRunner.read(project, "site/gamma/street-stall/index.html")
        #expect(page.contains("href=\"../assets/map.txt\""), "\(page)")
        #expect(page.contains("href=\"../tips/index.html\""))
        #expect(page.contains("href=\"../../alpha/guide/index.html\""))
        #expect(try DoorstepRunner.read(project, "site/gamma/assets/map.txt") == "A map of the high street.\n")
        #expect(try DoorstepRunner.read(project, "site/index.html").contains("Gamma"))
        #expect(try DoorstepRunner.read(project, "site/packs/stall-pack.html").contains("Stall tips"))
    }

    @Test func aLinkThatClimbsOutOfTheModuleFolderIsBroken() throws {
        let (project, ours) = try Self.project()
        try DoorstepRunner.edit(ours, "gamma/tips.md", replacing: "Smile.", with: "See [the guide](../../project/toolkit-modules/alpha/guide.md).")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("../our-modules/gamma/tips.md:5:"), "\(result.stderr)")
    }

    @Test func aModuleForAnotherDoorstepIsALocatedError() throws {
        let (project, _) = try Self.project(manifest: Self.gamma.replacingOccurrences(of: "\">= 1.0, < 2\"", with: "\">= 2.1\""))
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("../our-modules/gamma/module.yml:6:11: error: module 'gamma' works with Doorstep >= 2.1, but this is Doorstep 1.0.0"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site/index.html").path))
    }

    @Test func twoModulesWithOneIdAreALocatedErrorNamingBoth() throws {
        let (project, ours) = try Self.project()
        try PluginTests.write(ours, "alpha/module.yml", "id: alpha\ntitle: Our alpha\nsummary: A second alpha.\n")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("../our-modules/alpha/module.yml:1:1: error: there are two modules called 'alpha': 'toolkit-modules/alpha' and '../our-modules/alpha'"),
                "\(result.stderr)")
    }

    @Test func aLinkOutOfTheModuleFolderIsNotRead() throws {
        let (project, ours) = try Self.project()
        let secret = project.deletingLastPathComponent().appendingPathComponent("secret.txt")
        try "not for publishing\n".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: ours.appendingPathComponent("gamma/assets/secret.txt"), withDestinationURL: secret)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("../our-modules/gamma/assets/secret.txt:1:1: error: the asset '../our-modules/gamma/assets/secret.txt' is a link to"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site/gamma/assets/secret.txt").path))
    }

    @Test func aMissingModuleFolderIsLocatedInTheSiteConfiguration() throws {
        let (project, ours) = try Self.project()
        try FileManager.default.removeItem(at: ours)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/site.yml:6:35: error: the module folder '../our-modules' does not exist"), "\(result.stderr)")
    }
}
