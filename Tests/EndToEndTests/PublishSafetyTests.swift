import Foundation
import Testing

/// The published site is always whole: a build killed at any step, two builds at once, or an old marker
/// file never leave the output missing or half-written, and never lose a file the person put there.
@Suite("publishing is atomic and keeps people's files")
struct PublishSafetyTests {
    /// Builds the good site, adds the person's own files, changes a page, and returns the project with the
    /// site as it was before the change.
    func publishedProject() throws -> (URL, [String: Data]) {
        let project = try DoorstepRunner.project("good-site")
        let first = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(first.status == 0, "\(first.stderr)")
        let site = project.appendingPathComponent("site")
        try "toolkit.example.org\n".write(to: site.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try "mine\n".write(to: site.appendingPathComponent("notes/todo.txt"), atomically: true, encoding: .utf8)
        let before = DoorstepRunner.snapshot(site)
        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "Ask your neighbours.", with: "Ask the people next door.")
        return (project, before)
    }

    func expectPeoplesFilesKept(_ project: URL) throws {
        #expect(try DoorstepRunner.read(project, "site/CNAME") == "toolkit.example.org\n")
        #expect(try DoorstepRunner.read(project, "site/notes/todo.txt") == "mine\n")
    }

    @Test(arguments: ["locked", "staged", "marked", "exchanged", "cleaned"])
    func aBuildKilledAtAnyStepLeavesAWholeSite(_ step: String) throws {
        let (project, before) = try publishedProject()
        let killed = try DoorstepRunner.run(["build", "--no-pdf"], in: project, environment: ["DOORSTEP_TEST_KILL_AT": step])
        #expect(killed.status == 9, "the build should have been killed at '\(step)': \(killed.stderr)")
        let site = project.appendingPathComponent("site")
        let after = DoorstepRunner.snapshot(site)
        // Either the old site, whole, or the new one, whole (with the person's files in it).
        #expect(!after.isEmpty && after["/index.html"] != nil && after["/.doorstep-site"] != nil)
        let new = try DoorstepRunner.read(project, "site/beta/page/index.html").contains("Ask the people next door.")
        if !new { #expect(after == before, "killed at '\(step)', the old site must be exactly as it was") }
        try expectPeoplesFilesKept(project)
        let again = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try DoorstepRunner.read(project, "site/beta/page/index.html").contains("Ask the people next door."))
        try expectPeoplesFilesKept(project)
    }

    @Test func withoutExchangeAKilledSwapIsPutRightByTheNextBuild() throws {
        let (project, before) = try publishedProject()
        let killed = try DoorstepRunner.run(["build", "--no-pdf"], in: project,
                                            environment: ["DOORSTEP_TEST_KILL_AT": "retired", "DOORSTEP_TEST_NO_EXCHANGE": "1"])
        #expect(killed.status == 9)
        // Between the two renames the site is aside; a failed build must neither claim it is unchanged
        // nor lose it, and the next build puts it back before reading it.
        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "title: Beta page", with: "title: \"\"")
        let failed = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(failed.status == 1)
        #expect(DoorstepRunner.snapshot(project.appendingPathComponent("site")) == before, "\(failed.stderr)")
        try DoorstepRunner.edit(project, "toolkit-modules/beta/page.md", replacing: "title: \"\"", with: "title: Beta page")
        let good = try DoorstepRunner.run(["build", "--no-pdf"], in: project, environment: ["DOORSTEP_TEST_NO_EXCHANGE": "1"])
        #expect(good.status == 0, "\(good.stderr)")
        try expectPeoplesFilesKept(project)
    }

    @Test func twoBuildsAtOnceEachPublishAWholeSite() throws {
        let (project, _) = try publishedProject()
        let reference = try DoorstepRunner.project("good-site")
        try DoorstepRunner.edit(reference, "toolkit-modules/beta/page.md", replacing: "Ask your neighbours.", with: "Ask the people next door.")
        #expect(try DoorstepRunner.run(["build", "--no-pdf"], in: reference).status == 0)
        let expected = Set(DoorstepRunner.snapshot(reference.appendingPathComponent("site")).keys).union(["/CNAME", "/notes/todo.txt"])

        let results = try [0, 1].map { _ in try DoorstepRunner.start(["build", "--no-pdf"], in: project) }.map { $0.wait() }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        #expect(Set(DoorstepRunner.snapshot(project.appendingPathComponent("site")).keys) == expected)
        try expectPeoplesFilesKept(project)
    }

    @Test func aMarkerOfAnOlderFormatNeverLosesPeoplesFiles() throws {
        let (project, _) = try publishedProject()
        try "built by doorstep\n".write(to: project.appendingPathComponent("site/.doorstep-site"), atomically: true, encoding: .utf8)
        let result = try DoorstepRunner.run(["build", "--no-pdf"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        try expectPeoplesFilesKept(project)
        #expect(try DoorstepRunner.read(project, "site/beta/page/index.html").contains("Ask the people next door."))
    }
}
