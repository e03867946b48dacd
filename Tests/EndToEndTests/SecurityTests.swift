import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hostile or careless module cannot run script in a reader's browser, publish files from outside the
/// project, crash the build or leave the maintainer without a whole site.
@Suite("doorstep against hostile and careless input")
struct SecurityTests {
    static let corpus = DoorstepRunner.fixtures.appendingPathComponent("adversarial")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// `path:line:column code` for every diagnostic printed.
    static func findings(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line -> String? in
            guard let match = line.firstMatch(of: /^(\S+:\d+:\d+): (?:error|warning): .*\[([a-z0-9-]+)\]$/) else { return nil }
            return "\(match.1) \(match.2)"
        }.sorted()
    }

    /// Each case in Fixtures/adversarial is laid over the good site; `check` must report exactly the
    /// findings its `expected` file lists, at those places, and `build` must write nothing.
    @Test(arguments: cases)
    func adversarialCase(_ name: String) throws {
        let project = try DoorstepRunner.project("good-site")
        let overlay = Self.corpus.appendingPathComponent(name)
        let expected = try String(contentsOf: overlay.appendingPathComponent("expected"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let enumerator = FileManager.default.enumerator(at: overlay, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let relative = String(url.path.dropFirst(overlay.path.count + 1))
            var isDirectory: ObjCBool = false
            guard relative != "expected", FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            let target = project.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: url, to: target)
        }
        let check = try DoorstepRunner.run(["check"], in: project)
        #expect("exit \(check.status)" == expected.first, "\(check.stderr)")
        #expect(Self.findings(check.stderr) == expected.dropFirst().sorted(), "\(check.stderr)")
        let build = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(build.status == check.status)
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func linksWithRefusedSchemesAreNeverPublishedLive() throws {
        // Even a warning-free page never carries a refused scheme into HTML: the renderer drops the link.
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "Ask your neighbours.",
                                with: "Ask [your neighbours](https://example.com/).")
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try DoorstepRunner.read(project, "site/beta/page/index.html")
        #expect(html.contains("<a href=\"https://example.com/\">your neighbours</a>"))
        for file in DoorstepRunner.snapshot(project.appendingPathComponent("site")).values {
            let text = String(decoding: file, as: UTF8.self).lowercased()
            #expect(!text.contains("href=\"javascript:"))
        }
    }

    @Test func filesLinkedFromOutsideTheProjectAreRefused() throws {
        let project = try DoorstepRunner.project("good-site")
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: secret, withIntermediateDirectories: true)
        try "---\ntitle: Secret\n---\n\nSECRET-PAGE-TEXT\n".write(to: secret.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        try "SECRET-ASSET".write(to: secret.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "id: secret\ntitle: Secret\nsummary: Outside.\n".write(to: secret.appendingPathComponent("module.yml"), atomically: true, encoding: .utf8)
        let manager = FileManager.default
        let modules = project.appendingPathComponent("toolkit-modules")
        try manager.createSymbolicLink(at: modules.appendingPathComponent("beta/linked.md"), withDestinationURL: secret.appendingPathComponent("page.md"))
        try manager.createDirectory(at: modules.appendingPathComponent("beta/assets"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(at: modules.appendingPathComponent("beta/assets/notes.txt"), withDestinationURL: secret.appendingPathComponent("notes.txt"))
        try manager.createSymbolicLink(at: modules.appendingPathComponent("secret"), withDestinationURL: secret)
        try manager.createDirectory(at: project.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(at: project.appendingPathComponent("templates/page.mustache"), withDestinationURL: URL(fileURLWithPath: "/etc/hostname"))
        // A link that stays inside the project is fine.
        try manager.createSymbolicLink(at: modules.appendingPathComponent("beta/again.md"), withDestinationURL: modules.appendingPathComponent("beta/page.md"))

        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1)
        #expect(Self.findings(result.stderr) == [
            "templates/page.mustache:1:1 file-outside-project",
            "toolkit-modules/beta/assets/notes.txt:1:1 file-outside-project",
            "toolkit-modules/beta/linked.md:1:1 file-outside-project",
            "toolkit-modules/secret:1:1 file-outside-project",
        ], "\(result.stderr)")
        #expect(!result.stderr.contains("SECRET"))
        #expect(!manager.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func aPipeWhereAPageShouldBeIsAnErrorNotAWait() throws {
        let project = try DoorstepRunner.project("good-site")
        // Reading a named pipe would wait for a writer for ever.
        #expect(mkfifo(project.appendingPathComponent("toolkit-modules/beta/pipe.md").path, 0o644) == 0)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(Self.findings(result.stderr) == ["toolkit-modules/beta/pipe.md:1:1 file-unreadable"], "\(result.stderr)")
        #expect(result.stderr.contains("is not a regular file"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func aFileOfMoreThanAGibibyteIsAnErrorNotACrash() throws {
        let project = try DoorstepRunner.project("good-site")
        let assets = project.appendingPathComponent("toolkit-modules/beta/assets")
        try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
        // A sparse file: it claims 8 GiB and takes no room on the disk.
        let huge = assets.appendingPathComponent("huge.bin").path
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 8 << 30) == 0)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1, "\(result.stderr.suffix(500))")
        #expect(Self.findings(result.stderr) == ["toolkit-modules/beta/assets/huge.bin:1:1 file-unreadable"], "\(result.stderr)")
        #expect(result.stderr.contains("is larger than 1 GiB"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func nestingThatWouldExhaustTheStackIsALocatedError() throws {
        let project = try DoorstepRunner.project("good-site")
        let deep = [
            String(repeating: "- ", count: 20_000) + "list",
            String(repeating: ">", count: 20_000) + " quote",
            String(repeating: "*", count: 20_000) + "stars" + String(repeating: "*", count: 20_000),
            String(repeating: "[", count: 20_000) + "brackets" + String(repeating: "]", count: 20_000),
        ]
        for (number, body) in deep.enumerated() {
            try "---\ntitle: Deep \(number)\n---\n\n\(body)\n".write(
                to: project.appendingPathComponent("toolkit-modules/beta/deep-\(number).md"), atomically: true, encoding: .utf8)
        }
        let templates = project.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try (String(repeating: "{{#a}}", count: 10_000) + String(repeating: "{{/a}}", count: 10_000))
            .write(to: templates.appendingPathComponent("list.mustache"), atomically: true, encoding: .utf8)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 1, "a crash would end with a signal: \(result.status) \(result.stderr.suffix(500))")
        let found = Self.findings(result.stderr)
        #expect(found.contains("toolkit-modules/beta/deep-0.md:5:99 markdown-too-deep"), "\(found)")
        #expect(found.contains { $0.hasPrefix("toolkit-modules/beta/deep-1.md:5:") && $0.hasSuffix("markdown-too-deep") }, "\(found)")
        #expect(found.contains("templates/list.mustache:1:301 template-too-deep"), "\(found)")
    }

    @Test func outputInsideTheSourcesIsRefused() throws {
        let project = try DoorstepRunner.project("good-site")
        let result = try DoorstepRunner.run(["build", "--no-pdf", "--output", "toolkit-modules/alpha/assets/site"], in: project)
        #expect(result.status == 2)
        #expect(result.stderr.contains("is inside 'toolkit-modules/', which the build reads"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("toolkit-modules/alpha/assets").path))
    }

    @Test func controlCharactersInSourceAreShownEscaped() throws {
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "Ask your neighbours.",
                                with: "Ask \u{1B}[2J\u{1B}]0;owned\u{07} [them](missing.md).")
        let result = try DoorstepRunner.run(["check"], in: project)
        #expect(result.status == 1)
        #expect(!result.stderr.contains("\u{1B}"), "an escape byte reached the terminal")
        #expect(!result.stderr.contains("\u{07}"))
        #expect(result.stderr.contains("Ask \\u{1B}[2J\\u{1B}]0;owned\\u{7} [them](missing.md)."), "\(result.stderr)")
    }

    @Test func surveyCheckLocatesBytesThatAreNotUTF8() throws {
        let project = try DoorstepRunner.project("good-site")
        let file = project.appendingPathComponent("bad.survey.yml")
        try Data("id: bad\ntitle: Caf\u{E9}\n".utf8.map { $0 } + [0x0A, 0x20, 0x20, 0xFF, 0x0A]).write(to: file)
        let result = try DoorstepRunner.run(["survey", "check", "bad.survey.yml"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.survey.yml:4:3: error: 'bad.survey.yml' is not UTF-8 text: the byte 0xFF"), "\(result.stderr)")
    }
}
