import ArgumentParser
import Diagnostics
import Foundation
import Preview
import Publish
import Toolkit

@main
struct Doorstep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doorstep",
        abstract: "Build the Doorstep community research toolkit: guides, surveys and printable packs.",
        discussion: """
        Start a site with 'doorstep init'. The other commands find the project from any folder inside it \
        (the nearest folder above that holds content/site.yml), or use --root.
        Exit status: 0 clean, 1 errors in your files (or warnings with --strict), 2 usage or environment problems.
        Shell completion: 'doorstep --generate-completion-script bash' (or zsh, fish) prints a script to load.
        """,
        subcommands: [Init.self, Build.self, Check.self, Serve.self, SurveyCommand.self, ResultsCommand.self, New.self,
                      Templates.self, Version.self],
        defaultSubcommand: Build.self
    )

    /// Usage mistakes exit with 2, like the other environment problems, rather than ArgumentParser's 64.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] {
            print(versionLine)
            Foundation.exit(0)
        }
        if let problem = unknownCommand(arguments) {
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
    static let version = DoorstepVersion.current
    /// "doorstep 1.0.0 (commit 0123abcd4567)"; `buildCommit` is written at build time by the EmbedCommit plugin.
    static var versionLine: String {
        "doorstep \(version) (" + (buildCommit.map { "commit \($0)" } ?? "commit unknown: not built from a git checkout") + ")"
    }
    static let commandNames = ["init", "build", "check", "serve", "survey", "results", "new", "templates", "version", "help"]

    /// `doorstep biuld` would otherwise be read as `build` with a stray argument; name the command meant.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) else { return nil }
        let hint = Suggestion.closest(to: first, in: commandNames).map { "did you mean '\($0)'?" }
            ?? "the commands are \(commandNames.joined(separator: ", "))"
        return "error: '\(first)' is not a doorstep command; \(hint)"
    }
}

struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder (default: the nearest folder, here or above, with content/site.yml).")
    var root: String?

    @Option(name: .long, help: "How to print problems: text for people, json for editors.")
    var format: DiagnosticFormatter.Style = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    var rootURL: URL { ProjectDiscovery.root(given: root) }
}

/// `--drafts` and `--base-url`, shared by build and serve.
struct SiteOverrides: ParsableArguments {
    @Option(name: .long, help: "The site's web address for this build, instead of base_url in content/site.yml.")
    var baseURL: String?

    func validate() throws {
        if let baseURL, let problem = SiteConfig.baseURLProblem(baseURL) {
            throw ValidationError("--base-url must be the site's web address, such as https://example.org/toolkit/: \(problem)")
        }
    }

    func options(drafts: Bool) -> SiteOptions {
        SiteOptions(includeDrafts: drafts, baseURL: baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" })
    }
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

    @Flag(name: .long, help: "Also publish pages whose front matter says 'draft: true'.")
    var drafts = false

    @OptionGroup var overrides: SiteOverrides

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
        options.site = overrides.options(drafts: drafts)
        options.directives = .standard
        options.keepsMemoryUntilExit = true
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

    @Flag(name: .long, help: "Check the site as 'build --drafts' makes it, with its draft pages.")
    var drafts = false

    func run() throws {
        throw ExitCode(Commands.check(root: project.rootURL, format: project.format, strict: project.strict,
                                         readability: readability, options: SiteOptions(includeDrafts: drafts),
                                         directives: .standard))
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it on 127.0.0.1, and rebuild and reload open pages when you save a file.",
        discussion: """
        Watches content/, toolkit-modules/ and templates/. A build with errors shows in the terminal and on the \
        open pages, and the last good site keeps being served. Draft pages are shown, marked "Draft". Your \
        site/ folder is not touched.
        """)

    @Option(name: .long, help: "The project folder (default: the nearest folder, here or above, with content/site.yml).")
    var root: String?

    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8000

    @Option(name: .long, help: ArgumentHelp(
        "The address to listen on: 127.0.0.1 (this computer only), or 0.0.0.0 to let phones on your network see the preview.",
        valueName: "address"))
    var bind: String = PreviewOptions.loopback

    @Flag(name: .long, help: "Open the preview in your web browser once it is ready.")
    var open = false

    @Option(name: .long, help: "Where to build the previewed site (default: a folder in the system's temporary folder).")
    var output: String?

    @Flag(name: .long, help: "Also make the PDFs of packs (slower; the print-ready HTML is always built).")
    var pdf = false

    @OptionGroup var overrides: SiteOverrides

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard PreviewOptions.isIPAddress(bind) else {
            throw ValidationError("--bind must be an IP address of this computer, such as 127.0.0.1 or 0.0.0.0, not '\(bind)'")
        }
    }

    func run() throws {
        var options = PreviewOptions(root: ProjectDiscovery.root(given: root),
                                     output: output.map { URL(fileURLWithPath: $0).standardizedFileURL },
                                     port: port, makePDF: pdf)
        options.bind = bind
        options.openBrowser = open
        options.site = overrides.options(drafts: true)
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

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new site: settings with your group's details to fill in, a home page and a first module.",
        discussion: "Writes into DIR (made if missing), or the current folder. Never writes over a file that is there already.")

    @Argument(help: ArgumentHelp("The folder for the new site (default: the current folder).", valueName: "dir"))
    var folder: String = "."

    @Option(name: .long, help: "The site's title (default: made from the folder's name).")
    var title: String?

    func run() throws {
        throw ExitCode(Commands.initProject(folder: URL(fileURLWithPath: folder).standardizedFileURL, title: title))
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a module, a page or a page with a survey, from starter text to replace.",
        discussion: "'doorstep new ID' is short for 'doorstep new module ID'.",
        subcommands: [NewModule.self, NewPage.self, NewSurvey.self],
        defaultSubcommand: NewModule.self)
}

struct NewModule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "module", abstract: "Start a new toolkit module with a manifest and a first page.")

    @Argument(help: "The new module's id: lower-case letters, digits and hyphens.")
    var id: String

    @Option(name: .long, help: "The module's title.")
    var title: String?

    @Option(name: .long, help: "The project folder (default: the nearest folder, here or above, with content/site.yml).")
    var root: String?

    func run() throws {
        throw ExitCode(Commands.newModule(id: id, title: title, root: ProjectDiscovery.root(given: root)))
    }
}

/// `new page` and `new survey` take the same arguments.
struct NewPageArguments: ParsableArguments {
    @Argument(help: "The module to add it to (its folder name in toolkit-modules/).")
    var module: String

    @Argument(help: "The page's title, in quotes when it has spaces.")
    var title: String

    @Option(name: .long, help: "The file name without .md (default: made from the title).")
    var name: String?

    @Option(name: .long, help: "The project folder (default: the nearest folder, here or above, with content/site.yml).")
    var root: String?

    func run(_ kind: Commands.NewPageKind) -> Int32 {
        Commands.newPage(kind, module: module, title: title, name: name, root: ProjectDiscovery.root(given: root))
    }
}

struct NewPage: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "page", abstract: "Add a guide page to a module.")

    @OptionGroup var arguments: NewPageArguments

    func run() throws { throw ExitCode(arguments.run(.page)) }
}

struct NewSurvey: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey", abstract: "Add a page with a small survey (web form, paper and XLSForm) to a module.")

    @OptionGroup var arguments: NewPageArguments

    func run() throws { throw ExitCode(arguments.run(.survey)) }
}

struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every variable of every built-in template, as Markdown, for writing template overrides.")

    func run() throws {
        print(TemplateReference.markdown, terminator: "")
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the version of doorstep and the commit it was built from (the same as --version).")

    func run() throws {
        print(Doorstep.versionLine)
    }
}
