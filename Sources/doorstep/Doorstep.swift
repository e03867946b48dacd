import ArgumentParser
import Diagnostics
import Foundation
import Preview
import Publish

@main
struct Doorstep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doorstep",
        abstract: "Build the Doorstep community research toolkit: guides, surveys and printable packs.",
        discussion: """
        Run the commands from the folder that holds content/ and toolkit-modules/, or pass --root.
        Exit status: 0 clean, 1 errors in your files (or warnings with --strict), 2 usage or environment problems.
        """,
        version: Doorstep.version,
        subcommands: [Build.self, Check.self, Serve.self, SurveyCommand.self, ResultsCommand.self, New.self, Version.self],
        defaultSubcommand: Build.self
    )

    /// Usage mistakes exit with 2, like the other environment problems, rather than ArgumentParser's 64.
    static func main() {
        if let problem = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .failure ? 1 : 2)
        }
    }
}

extension Doorstep {
    static let version = "1.0.0"
    static let commandNames = ["build", "check", "serve", "survey", "new", "version", "help"]

    /// `doorstep biuld` would otherwise be read as `build` with a stray argument; name the command meant.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) else { return nil }
        let hint = Suggestion.closest(to: first, in: commandNames).map { "did you mean '\($0)'?" }
            ?? "the commands are \(commandNames.joined(separator: ", "))"
        return "error: '\(first)' is not a doorstep command; \(hint)"
    }
}

struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder (holding content/ and toolkit-modules/).")
    var root: String = "."

    @Option(name: .long, help: "How to print problems: text for people, json for editors.")
    var format: DiagnosticFormatter.Style = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    var rootURL: URL { URL(fileURLWithPath: root).standardizedFileURL }
}

extension DiagnosticFormatter.Style: ExpressibleByArgument {}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the project, then write the site (pages, surveys, packs) into site/.")

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "Where to write the site (default: site/ in the project folder).")
    var output: String?

    @Flag(name: .long, help: "Fail when WeasyPrint is missing instead of publishing packs as HTML only.")
    var requirePDF = false

    @Flag(name: .long, help: "Skip making PDFs of packs (faster; the print-ready HTML is still written).")
    var noPDF = false

    func validate() throws {
        if requirePDF && noPDF { throw ValidationError("--require-pdf and --no-pdf ask for opposite things; use one of them") }
    }

    func run() throws {
        let outputURL = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? project.rootURL.appendingPathComponent("site")
        var options = Pipeline.BuildOptions(root: project.rootURL, output: outputURL)
        options.strict = project.strict
        options.requirePDF = requirePDF
        options.makePDF = !noPDF
        let status = Commands.build(options, format: project.format)
        throw ExitCode(status)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every stage except writing, and report every problem found.")

    @OptionGroup var project: ProjectOptions

    @Flag(name: .long, help: "Also print the reading level of every page.")
    var readability = false

    func run() throws {
        throw ExitCode(Commands.check(root: project.rootURL, format: project.format, strict: project.strict,
                                         readability: readability))
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it on 127.0.0.1, and rebuild and reload open pages when you save a file.",
        discussion: """
        Watches content/, toolkit-modules/ and templates/. A build with errors shows in the terminal and on the \
        open pages, and the last good site keeps being served. Your site/ folder is not touched.
        """)

    @Option(name: .long, help: "The project folder (holding content/ and toolkit-modules/).")
    var root: String = "."

    @Option(name: .long, help: "The port to listen on, on 127.0.0.1 only.")
    var port: Int = 8000

    @Option(name: .long, help: "Where to build the previewed site (default: a folder in the system's temporary folder).")
    var output: String?

    @Flag(name: .long, help: "Also make the PDFs of packs (slower; the print-ready HTML is always built).")
    var pdf = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        let options = PreviewOptions(root: URL(fileURLWithPath: root).standardizedFileURL,
                                     output: output.map { URL(fileURLWithPath: $0).standardizedFileURL },
                                     port: port, makePDF: pdf)
        throw ExitCode(PreviewCommand.run(options))
    }
}

struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey", abstract: "Work with survey files on their own.", subcommands: [SurveyCheck.self, SurveyWording.self])
}

struct SurveyCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate survey files (*.survey.yml, or Markdown pages with survey blocks).")

    @Argument(help: "The files to check.")
    var files: [String]

    @Option(name: .long, help: "How to print problems: text for people, json for editors.")
    var format: DiagnosticFormatter.Style = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one survey file") }
    }

    func run() throws {
        throw ExitCode(Commands.checkSurveys(files, format: format, strict: strict))
    }
}

struct SurveyWording: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wording",
        abstract: "Print Doorstep's wording table for a language, to copy into wording/<language>.yml and translate.")

    @Argument(help: "A language code with a built-in table: en or cy.")
    var language: String = "en"

    func run() throws {
        throw ExitCode(Commands.printWording(language))
    }
}

struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Check returned answers against their surveys and sum up what the findings pages will show.",
        discussion: """
        Response files live outside the published content, in results/<survey-id>/ (or the folder named by \
        'results:' in content/site.yml): CSV from the web form, typed paper returns, KoboToolbox or ODK Central.
        """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "The folder that holds one folder of response files per survey (default: results).")
    var results: String?

    func run() throws {
        throw ExitCode(Commands.results(root: project.rootURL, folder: results, format: project.format, strict: project.strict))
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new toolkit module with a manifest and a first page.")

    @Argument(help: "The new module's id: lower-case letters, digits and hyphens.")
    var id: String

    @Option(name: .long, help: "The module's title.")
    var title: String?

    @Option(name: .long, help: "The project folder.")
    var root: String = "."

    func run() throws {
        throw ExitCode(Commands.newModule(id: id, title: title, root: URL(fileURLWithPath: root).standardizedFileURL))
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version of doorstep (the same as --version).")

    func run() throws {
        print(Doorstep.version)
    }
}
