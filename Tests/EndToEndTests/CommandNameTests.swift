import Foundation
import Testing

@Suite("mistyped commands")
struct CommandNameTests {
    @Test func aMistypedCommandNamesTheOneMeant() throws {
        let project = try DoorstepRunner.project("good-site")
        let result = try DoorstepRunner.run(["biuld"], in: project)
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: 'biuld' is not a doorstep command; did you mean 'build'?"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func versionAsACommandAndAsAnOption() throws {
        let project = try DoorstepRunner.project("good-site")
        let command = try DoorstepRunner.run(["version"], in: project)
        let option = try DoorstepRunner.run(["--version"], in: project)
        #expect(command.status == 0 && option.status == 0)
        #expect(command.stdout == option.stdout && command.stdout.hasPrefix("doorstep 1."))
    }

    @Test func aWordFarFromAnyCommandListsThem() throws {
        let project = try DoorstepRunner.project("good-site")
        let result = try DoorstepRunner.run(["publishing"], in: project)
        #expect(result.status == 2)
        #expect(result.stderr.contains("the commands are init, build, check, serve, survey, results, new, templates, version, help"))
    }
}
