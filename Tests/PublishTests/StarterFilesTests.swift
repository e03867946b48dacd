import Foundation
import Testing
import Toolkit
@testable import Publish

@Suite struct StarterFilesTests {
    /// The starter files as the loader would read them.
    static func sources(_ files: [StarterFiles.File]) -> ProjectSources {
        func file(_ path: String) -> SourceFile? { files.first { $0.path == path }.map { SourceFile(path: $0.path, text: $0.text) } }
        let module = "toolkit-modules/\(StarterFiles.firstModuleID)/"
        let pages = files.filter { $0.path.hasPrefix(module) && $0.path.hasSuffix(".md") }.map { SourceFile(path: $0.path, text: $0.text) }
        return ProjectSources(
            siteConfig: file("content/site.yml"),
            contentPages: [file("content/index.md")].compactMap { $0 },
            modules: [ModuleSources(folder: StarterFiles.firstModuleID, manifest: file(module + "module.yml"), pages: pages,
                                    surveys: [], assets: [], templates: [])],
            siteTemplates: [])
    }

    @Test func aNewSiteWithAPageAndASurveyHasOnlyStarterTextWarnings() {
        let files = StarterFiles.site(title: "Hillside: \"our\" research")
            + [StarterFiles.page(module: StarterFiles.firstModuleID, name: "first-visit", title: "First visit"),
               StarterFiles.survey(module: StarterFiles.firstModuleID, name: "park-survey", title: "Park survey")]
        let checked = Pipeline.check(Self.sources(files))
        #expect(checked.site?.config.title == "Hillside: \"our\" research")
        #expect(checked.site?.surveys.map(\.id) == ["park-survey"])
        let others = checked.diagnostics.filter { $0.code != "placeholder-text" }
        #expect(others.isEmpty, "\(others.map(\.message))")
        let marked = files.reduce(0) { $0 + $1.text.components(separatedBy: PlaceholderCheck.marker).count - 1 }
        #expect(checked.diagnostics.count == marked, "one warning for every piece of starter text")
        #expect(checked.diagnostics.allSatisfy { $0.severity == .warning && $0.location != nil })
    }

    @Test func namesFromTitlesAndFolders() {
        #expect(StarterFiles.fileName(fromTitle: "Who to ask? A résumé") == "who-to-ask-a-r-sum")
        #expect(StarterFiles.fileName(fromTitle: "Residents' views") == "residents-views")
        #expect(StarterFiles.fileName(fromTitle: "???") == "")
        #expect(StarterFiles.title(fromName: "hillside-research") == "Hillside research")
        #expect(StarterFiles.title(fromName: "---") == "Our community research")
    }
}

@Suite struct ProjectDiscoveryTests {
    @Test func walksUpToTheFolderWithSiteYML() {
        let present: Set<String> = ["/home/jo/site/content/site.yml"]
        let find = { (start: String) in ProjectDiscovery.find(from: URL(fileURLWithPath: start), exists: present.contains)?.path }
        #expect(find("/home/jo/site/toolkit-modules/a/b") == "/home/jo/site")
        #expect(find("/home/jo/site") == "/home/jo/site")
        #expect(find("/home/jo") == nil)
        #expect(ProjectDiscovery.root(given: "/elsewhere", current: URL(fileURLWithPath: "/home/jo/site")).path == "/elsewhere")
    }
}

@Suite struct ReadabilityTableTests {
    @Test func columnsLineUpWhateverTheWidths() {
        let lines = ReadabilityReport.columns([["grade", "words", "plain?", "page"], ["12.5", "1200", "yes", "a.md"],
                                               ["3.0", "7", "no", "content/long-name.md"]], rightAligned: [0, 1])
        #expect(lines == ["grade  words  plain?  page", " 12.5   1200  yes     a.md", "  3.0      7  no      content/long-name.md"])
    }
}
