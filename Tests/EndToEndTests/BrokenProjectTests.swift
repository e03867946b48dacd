import Foundation
import Testing

/// Each broken project gets its exact diagnostic, position and exit status, and leaves the last good site as it was.
@Suite("doorstep on broken projects")
struct BrokenProjectTests {
    /// Builds the good project, breaks one file, builds again, and returns what the second build printed.
    func breakAndBuild(_ path: String, replacing old: String, with new: String) throws -> DoorstepRunner.Result {
        let project = try DoorstepRunner.project("good-site")
        let first = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(first.status == 0, "\(first.stderr)")
        let before = DoorstepRunner.snapshot(project.appendingPathComponent("site"))
        #expect(!before.isEmpty)
        try DoorstepRunner.edit(project, path, replacing: old, with: new)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(DoorstepRunner.snapshot(project.appendingPathComponent("site")) == before,
                "a failed build must leave the previous site byte-for-byte intact")
        return result
    }

    @Test func badYAML() throws {
        let result = try breakAndBuild("toolkit-modules/beta/module.yml", replacing: "requires: [alpha]", with: "requires: [alpha")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "toolkit-modules/beta/module.yml:5:11: error: the '[' opened here is never closed [yaml-bracket-unclosed]"),
            "\(result.stderr)")
    }

    @Test func duplicateKeyIsShownWhereItIsWrittenTheSecondTime() throws {
        let result = try breakAndBuild("toolkit-modules/beta/page.md", replacing: "title: Beta page", with: "title: Beta page\ntitle: Again")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "toolkit-modules/beta/page.md:3:1: error: the key 'title' appears twice in the same map [yaml-duplicate-key]"),
            "\(result.stderr)")
    }

    @Test func unknownManifestKey() throws {
        let result = try breakAndBuild("toolkit-modules/beta/module.yml", replacing: "order: 20", with: "ordre: 20")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("""
            toolkit-modules/beta/module.yml:4:1: error: unknown key 'ordre' in module manifest [unknown-key]
                ordre: 20
                ^~~~~
            note: did you mean 'order'?
            """), "\(result.stderr)")
    }

    @Test func missingDependency() throws {
        let result = try breakAndBuild("toolkit-modules/beta/module.yml", replacing: "requires: [alpha]", with: "requires: [alpah, gamma]")
        #expect(result.status == 1)
        #expect(result.stderr.contains("""
            toolkit-modules/beta/module.yml:5:12: error: module 'beta' requires 'alpah', which does not exist [module-requires-missing]
                requires: [alpah, gamma]
                           ^~~~~
            note: did you mean 'alpha'?
            toolkit-modules/beta/module.yml:5:19: error: module 'beta' requires 'gamma', which does not exist [module-requires-missing]
            """), "\(result.stderr)")
    }

    @Test func dependencyCycle() throws {
        let result = try breakAndBuild("toolkit-modules/alpha/module.yml", replacing: "order: 10", with: "order: 10\nrequires: [beta]")
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "error: modules require each other in a cycle: alpha → beta → alpha [module-cycle]"), "\(result.stderr)")
        #expect(result.stderr.contains("toolkit-modules/beta/module.yml:5:12: error: modules require each other in a cycle"))
    }

    @Test func brokenLink() throws {
        let result = try breakAndBuild("toolkit-modules/alpha/guide.md", replacing: "../beta/page.md#", with: "../beta/pgae.md#")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("""
            toolkit-modules/alpha/guide.md:11:22: error: link to '../beta/pgae.md#who-to-ask' points at 'toolkit-modules/beta/pgae.md', which is not a page of this site [link-broken]
                Read [the beta page](../beta/pgae.md#who-to-ask) before you start.
                                     ^~~~~~~~~~~~~~~~~~~~~~~~~~
            note: did you mean '../beta/page.md#who-to-ask'?
            """), "\(result.stderr)")
    }

    @Test func brokenAnchor() throws {
        let result = try breakAndBuild("toolkit-modules/alpha/guide.md", replacing: "#who-to-ask", with: "#who-to-aks")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("""
            toolkit-modules/alpha/guide.md:11:22: error: 'toolkit-modules/beta/page.md' has no heading with the id 'who-to-aks' [anchor-broken]
            """), "\(result.stderr)")
        #expect(result.stderr.contains("note: did you mean 'who-to-ask'?"))
    }

    @Test func brokenLinkInsideACallout() throws {
        let result = try breakAndBuild("toolkit-modules/alpha/guide.md", replacing: "(session.md)", with: "(sesion.md)")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "toolkit-modules/alpha/guide.md:14:43: error: link to 'sesion.md' points at 'toolkit-modules/alpha/sesion.md'"),
            "\(result.stderr)")
    }

    @Test func unknownFrontMatterKey() throws {
        let result = try breakAndBuild("toolkit-modules/beta/page.md", replacing: "title: Beta page", with: "title: Beta page\nsumary: Oops")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("toolkit-modules/beta/page.md:3:1: error: unknown key 'sumary' in front matter [unknown-key]"),
                "\(result.stderr)")
        #expect(result.stderr.contains("note: did you mean 'summary'?"))
    }

    @Test func sessionTimingsThatDoNotAddUp() throws {
        let result = try breakAndBuild("toolkit-modules/alpha/session.md", replacing: "duration: 30", with: "duration: 45")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "toolkit-modules/alpha/session.md:9:11: error: the activities add up to 30 minutes, but the session lasts 45 minutes [session-timing]"),
            "\(result.stderr)")
    }

    @Test func missingHandout() throws {
        let result = try breakAndBuild("toolkit-modules/alpha/session.md", replacing: "[handouts/welcome.md]", with: "[handouts/welcom.md]")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "toolkit-modules/alpha/session.md:16:16: error: handout 'handouts/welcom.md' is not a page of this site [session-handout]"),
            "\(result.stderr)")
    }

    @Test func packNamingAMissingItem() throws {
        let result = try breakAndBuild("toolkit-modules/alpha/module.yml", replacing: "- handouts/welcome.md", with: "- handouts/welcome-pack.md")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "toolkit-modules/alpha/module.yml:13:9: error: pack 'alpha-pack' names 'handouts/welcome-pack.md', which is not a page of this site [pack-item-missing]"),
            "\(result.stderr)")
        #expect(result.stderr.contains("note: did you mean 'handouts/welcome.md'?"), "written as the pack writes it: from the module folder")
    }

    @Test func jsonDiagnosticsForEditors() throws {
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(project, "toolkit-modules/beta/module.yml", replacing: "order: 20", with: "ordre: 20")
        let result = try DoorstepRunner.run(["check", "--format", "json"], in: project)
        #expect(result.status == 1)
        let decoded = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let first = try #require(decoded?.first)
        #expect(first["code"] as? String == "unknown-key")
        #expect(first["severity"] as? String == "error")
        let location = try #require(first["location"] as? [String: Any])
        #expect(location["file"] as? String == "toolkit-modules/beta/module.yml")
        #expect(location["line"] as? Int == 4)
        #expect(location["column"] as? Int == 1)
    }

    @Test func strictTurnsWarningsIntoFailures() throws {
        let project = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "Ask your neighbours.", with: "Ask your neighbours.\n\n```sesion\nx\n```")
        let lenient = try DoorstepRunner.run(["check"], in: project)
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("warning: 'sesion' is not a directive, so this block is shown as code [directive-unknown]"))
        let strict = try DoorstepRunner.run(["check", "--strict"], in: project)
        #expect(strict.status == 1)
    }
}
