import Diagnostics
import Foundation
import Publish
import Survey
import Toolkit

/// A bounded mutation fuzzer over pages, manifests, surveys and templates. It takes the project's own
/// files as seeds, mutates them (bit flips, deletions, repeats that build deep nesting, splices and
/// tokens that have broken parsers before) and runs each result through parse → model → check → render
/// in memory, as a build would, and the text formatter over its diagnostics.
///
/// The parent process runs workers and counts what ends them: a worker killed by a signal is a crash, a
/// worker whose watchdog sees one input run longer than the limit is a hang. The input that did it is
/// kept in the findings folder. Usage:
///
///     doorstep-fuzz [--seconds N] [--seed N] [--root DIR] [--findings DIR]
///
/// Exit status 0 when nothing crashed or hung, 1 otherwise, 2 for bad arguments.

struct Options {
    var seconds = 60.0
    var seed: UInt64 = 1
    var root = FileManager.default.currentDirectoryPath
    var findings = "fuzz-findings"
    var worker = false
    var hangLimit = 10.0

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--seconds": guard let v = rest.popFirst().flatMap(Double.init), v > 0 else { return nil }; options.seconds = v
            case "--seed": guard let v = rest.popFirst().flatMap({ UInt64($0) }) else { return nil }; options.seed = v
            case "--root": guard let v = rest.popFirst() else { return nil }; options.root = v
            case "--findings": guard let v = rest.popFirst() else { return nil }; options.findings = v
            case "--hang-limit": guard let v = rest.popFirst().flatMap(Double.init), v > 0 else { return nil }; options.hangLimit = v
            case "--worker": options.worker = true
            default: return nil
            }
        }
        return options
    }
}

/// splitmix64: small, fast and the same on every machine, so a seed repeats a run exactly.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}

enum Kind: String, CaseIterable { case page, manifest, survey, siteConfig, template }

struct Seeds {
    var files: [Kind: [String]] = [:]

    static func load(root: URL) -> Seeds {
        var seeds = Seeds()
        let (sources, _) = ProjectLoader.load(root: root)
        seeds.files[.page] = (sources.contentPages + sources.modules.flatMap(\.pages)).map(\.text)
        seeds.files[.manifest] = sources.modules.compactMap { $0.manifest?.text }
        seeds.files[.survey] = sources.modules.flatMap(\.surveys).map(\.text)
        seeds.files[.siteConfig] = [sources.siteConfig?.text ?? "title: Fuzz\n"]
        seeds.files[.template] = [
            "{{<layout}}{{$main}}<h1>{{title}}</h1>{{{body}}}{{/main}}{{/layout}}\n",
            "<ul>{{#modules}}<li><a href=\"{{url}}\">{{title}}</a></li>{{/modules}}</ul>\n",
        ]
        for kind in Kind.allCases where seeds.files[kind, default: []].isEmpty { seeds.files[kind] = [""] }
        return seeds
    }
}

/// Tokens that have broken Markdown, YAML and Mustache readers before.
let tokens: [String] = [
    "[", "]", "](", "](javascript:alert(1))", "<javascript:x>", "[x]: data:text/html,", "&#106;", "&colon;", "\n- ", "\n> ",
    "*", "_", "`", "```", "```survey\n", "```session\n", "```lines 3\n", "\n---\n", "{{", "}}", "{{>layout}}", "{{#a}}", "{{/a}}",
    "{{{", "{{=<% %>=}}", "\u{0}", "\u{1B}[2J", "\u{FEFF}", "\u{202E}", "\r", "\t", ":", ": ", "- id: ", "  ", "|", "| --- |",
    "&", "*a", "&a ", "<<: *a", "!!binary", "? ", "%YAML 1.2\n", "'", "\"", "#", "\\", "../", "/etc/passwd", "show_if: {",
    "type: select_one ", "index.html", "2026-02-31", "null", "~", "9999999999999999999999", "-1", "1e400",
]

struct Mutator {
    var random: Random
    let seeds: Seeds

    mutating func mutate(_ text: String, kind: Kind) -> String {
        var bytes = Array(text.utf8)
        for _ in 0...random.below(4) {
            switch random.below(7) {
            case 0 where !bytes.isEmpty:  // flip a bit
                let i = random.below(bytes.count)
                bytes[i] ^= UInt8(1 << random.below(8))
            case 1 where !bytes.isEmpty:  // delete a range
                let i = random.below(bytes.count)
                bytes.removeSubrange(i..<min(bytes.count, i + 1 + random.below(64)))
            case 2:  // insert a token
                bytes.insert(contentsOf: Array(tokens[random.below(tokens.count)].utf8), at: random.below(bytes.count + 1))
            case 3:  // repeat a token many times: deep nesting and long runs
                let token = Array(tokens[random.below(tokens.count)].utf8)
                let times = [10, 100, 1_000, 20_000][random.below(4)]
                bytes.insert(contentsOf: Array([[UInt8]](repeating: token, count: times).joined()), at: random.below(bytes.count + 1))
            case 4 where !bytes.isEmpty:  // duplicate a range
                let i = random.below(bytes.count)
                let slice = Array(bytes[i..<min(bytes.count, i + 1 + random.below(256))])
                bytes.insert(contentsOf: slice, at: random.below(bytes.count + 1))
            case 5:  // splice in part of another seed of the same kind
                let other = Array(pick(kind).utf8)
                if !other.isEmpty {
                    let i = random.below(other.count)
                    bytes.insert(contentsOf: other[i..<min(other.count, i + 1 + random.below(512))], at: random.below(bytes.count + 1))
                }
            default:  // a random byte
                bytes.insert(UInt8(random.below(256)), at: random.below(bytes.count + 1))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func pick(_ kind: Kind) -> String {
        let list = seeds.files[kind] ?? [""]
        return list[random.below(list.count)]
    }
}

/// One fuzz input: a small project in memory, one of whose files was mutated.
struct Input {
    var kind: Kind
    var siteConfig: String
    var manifest: String
    var page: String
    var survey: String?
    var template: String?

    var sources: ProjectSources {
        let module = ModuleSources(
            folder: "fuzz",
            manifest: SourceFile(path: "toolkit-modules/fuzz/module.yml", text: manifest),
            pages: [SourceFile(path: "toolkit-modules/fuzz/guide.md", text: page)],
            surveys: survey.map { [SourceFile(path: "toolkit-modules/fuzz/form.survey.yml", text: $0)] } ?? [],
            assets: [],
            templates: template.map { [SourceFile(path: "toolkit-modules/fuzz/templates/page.mustache", text: $0)] } ?? [])
        return ProjectSources(
            siteConfig: SourceFile(path: "content/site.yml", text: siteConfig),
            contentPages: [SourceFile(path: "content/index.md", text: "---\ntitle: Home\n---\n\nHello.\n")],
            modules: [module], siteTemplates: [])
    }

    var text: String {
        "# kind: \(kind.rawValue)\n## content/site.yml\n\(siteConfig)\n## module.yml\n\(manifest)\n## guide.md\n\(page)\n"
            + (survey.map { "## form.survey.yml\n\($0)\n" } ?? "") + (template.map { "## templates/page.mustache\n\($0)\n" } ?? "")
    }
}

func makeInput(_ mutator: inout Mutator) -> Input {
    let kind = Kind.allCases[mutator.random.below(Kind.allCases.count)]
    var input = Input(kind: kind, siteConfig: mutator.pick(.siteConfig),
                      manifest: "id: fuzz\ntitle: Fuzz\nsummary: Fuzzed pages.\n",
                      page: mutator.pick(.page), survey: nil, template: nil)
    switch kind {
    case .page: input.page = mutator.mutate(input.page, kind: .page)
    case .manifest: input.manifest = mutator.mutate(mutator.pick(.manifest).replacingOccurrences(of: "\nid: ", with: "\nid: fuzz\nold_id: "), kind: .manifest)
    case .survey: input.survey = mutator.mutate(mutator.pick(.survey), kind: .survey)
    case .siteConfig: input.siteConfig = mutator.mutate(input.siteConfig, kind: .siteConfig)
    case .template: input.template = mutator.mutate(mutator.pick(.template), kind: .template)
    }
    return input
}

/// Everything a build does short of writing files.
func run(_ input: Input) -> Int {
    let sources = input.sources
    let checked = Pipeline.check(sources)
    _ = DiagnosticFormatter(sourceText: { path in sources.allFiles[path] }).text(checked.diagnostics)
    guard !checked.diagnostics.hasErrors, let site = checked.site, let theme = checked.theme else { return checked.diagnostics.count }
    _ = try? SiteRenderer(site: site, theme: theme, withPDFs: false).render()
    return checked.diagnostics.count
}

/// A worker: runs inputs until its time is up, keeping the one in hand on disk so a crash leaves it behind.
func worker(_ options: Options) -> Never {
    let seeds = Seeds.load(root: URL(fileURLWithPath: options.root))
    var mutator = Mutator(random: Random(state: options.seed), seeds: seeds)
    let current = URL(fileURLWithPath: options.findings).appendingPathComponent("current-\(getpid()).txt")
    let started = Date()
    let lastStart = Atomic(Date())
    let watchdog = Thread {
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            if Date().timeIntervalSince(lastStart.value) > options.hangLimit {
                FileHandle.standardError.write(Data("hang: one input ran longer than \(options.hangLimit) s\n".utf8))
                exit(3)
            }
        }
    }
    watchdog.start()
    var tried = 0
    while Date().timeIntervalSince(started) < options.seconds {
        let input = makeInput(&mutator)
        try? Data(input.text.utf8).write(to: current)
        lastStart.value = Date()
        _ = run(input)
        tried += 1
    }
    try? FileManager.default.removeItem(at: current)
    print("tried \(tried)")
    exit(0)
}

final class Atomic<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

/// The parent: starts workers one after another until the time is up and counts how they ended.
func supervise(_ options: Options) -> Int32 {
    let findings = URL(fileURLWithPath: options.findings)
    try? FileManager.default.createDirectory(at: findings, withIntermediateDirectories: true)
    let started = Date()
    var tried = 0, crashes = 0, hangs = 0, workers = 0
    var seed = options.seed
    while true {
        let remaining = options.seconds - Date().timeIntervalSince(started)
        if remaining < 0.5 { break }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
            process.executableURL = Bundle.main.executableURL
        }
        process.arguments = ["--worker", "--seconds", String(remaining), "--seed", String(seed), "--root", options.root,
                             "--findings", options.findings, "--hang-limit", String(options.hangLimit)]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch {
            FileHandle.standardError.write(Data("cannot start a worker: \(error)\n".utf8))
            return 2
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        workers += 1
        let text = String(decoding: data, as: UTF8.self)
        if let line = text.split(separator: "\n").last(where: { $0.hasPrefix("tried ") }), let count = Int(line.dropFirst(6)) {
            tried += count
        }
        let current = findings.appendingPathComponent("current-\(process.processIdentifier).txt")
        let kept = findings.appendingPathComponent("\(process.terminationReason == .uncaughtSignal ? "crash" : "hang")-seed-\(seed).txt")
        if process.terminationReason == .uncaughtSignal {
            crashes += 1
            try? FileManager.default.moveItem(at: current, to: kept)
            print("crash (signal \(process.terminationStatus)); the input is in \(kept.path)")
        } else if process.terminationStatus == 3 {
            hangs += 1
            try? FileManager.default.moveItem(at: current, to: kept)
            print("hang; the input is in \(kept.path)")
        } else if process.terminationStatus != 0 {
            print("a worker failed with status \(process.terminationStatus)")
            crashes += 1
        }
        seed &+= 1
    }
    let seconds = Date().timeIntervalSince(started)
    print("fuzz: \(tried) inputs tried in \(String(format: "%.0f", seconds)) s (\(String(format: "%.0f", Double(tried) / max(seconds, 1))) a second, \(workers) worker\(workers == 1 ? "" : "s")); \(crashes) crashes, \(hangs) hangs")
    return crashes + hangs == 0 ? 0 : 1
}

guard let options = Options.parse(CommandLine.arguments) else {
    FileHandle.standardError.write(Data("usage: doorstep-fuzz [--seconds N] [--seed N] [--root DIR] [--findings DIR] [--hang-limit S]\n".utf8))
    exit(2)
}
if options.worker { worker(options) }
exit(supervise(options))
