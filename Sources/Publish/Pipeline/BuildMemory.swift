import Diagnostics
import Foundation
import Survey
import Toolkit

/// What the preview keeps in memory from one build for the next: every page as `PageParser` made it, by its
/// file (path and text), module and slug. An edit then parses the edited page alone. Nothing is kept that
/// depends on anything else, and the directive files are compared on every build (a change forgets every
/// page), so a build with the memory gives exactly the site a build without it gives. Pages no longer in the
/// project are forgotten at the next build, so the memory stays the size of the project.
/// It keeps, the same way, each survey file as decoded, each survey's own check, and the theme as loaded
/// with the project's template overrides (used again while every override file is unchanged).
public final class BuildMemory: PageMemory, @unchecked Sendable {
    struct Key: Hashable {
        var file: SourceFile
        var moduleID: String?
        var slug: String
    }

    private let lock = NSLock()
    private var directiveFiles: [SourceFile]?
    private var kept: [Key: (Page?, [Diagnostic])] = [:]
    private var used: [Key: (Page?, [Diagnostic])] = [:]
    /// Pages parsed and pages taken from memory in the last build, for the tests and the terminal.
    public private(set) var parsedCount = 0
    public private(set) var reusedCount = 0

    private var surveysDecoded = Generations<SourceFile, (Survey?, [Diagnostic])>()
    /// By survey id; the few surveys that share an id are told apart by comparing them whole.
    private var surveysChecked = Generations<String, [(Survey, [Diagnostic])]>()
    private var theme: (inputs: ThemeInputs, theme: LoadedTheme)?

    /// What the theme is loaded from: the site's template overrides and each module folder's.
    struct ThemeInputs: Equatable {
        var site: [SourceFile]
        var modules: [[SourceFile]]
        var paths: [String]

        init(_ sources: ProjectSources) {
            site = sources.siteTemplates
            modules = sources.modules.map(\.templates)
            paths = sources.modules.map(\.path)
        }
    }

    /// The last build's entries, which may be used, and this build's, which the next build may use: an entry
    /// not used in a build is gone after it, so the memory stays the size of the project.
    struct Generations<Key: Hashable, Value> {
        var kept: [Key: Value] = [:]
        var used: [Key: Value] = [:]

        mutating func next() {
            kept = used
            used = [:]
        }
    }

    public init() {}

    /// Starts a build: the last build's pages are what may be used, and all of them go when the directives changed.
    public func begin(directiveFiles: [SourceFile]) {
        lock.withLock {
            if !used.isEmpty { kept = used }
            used = [:]
            surveysDecoded.next()
            surveysChecked.next()
            if self.directiveFiles != directiveFiles { kept = [:] }
            self.directiveFiles = directiveFiles
            parsedCount = 0
            reusedCount = 0
        }
    }

    public func parsed(_ file: SourceFile, moduleID: String?, slug: String, _ parse: () -> (Page?, [Diagnostic])) -> (Page?, [Diagnostic]) {
        let key = Key(file: file, moduleID: moduleID, slug: slug)
        if let found = lock.withLock({ () -> (Page?, [Diagnostic])? in
            guard let found = kept[key] else { return nil }
            used[key] = found
            reusedCount += 1
            return found
        }) {
            return found
        }
        let made = parse()
        lock.withLock {
            used[key] = made
            parsedCount += 1
        }
        return made
    }

    public func decodedSurvey(_ file: SourceFile, _ decode: () -> (Survey?, [Diagnostic])) -> (Survey?, [Diagnostic]) {
        if let found = lock.withLock({ () -> (Survey?, [Diagnostic])? in
            guard let found = surveysDecoded.kept[file] ?? surveysDecoded.used[file] else { return nil }
            surveysDecoded.used[file] = found
            return found
        }) {
            return found
        }
        let made = decode()
        lock.withLock { surveysDecoded.used[file] = made }
        return made
    }

    public func checkedSurvey(_ survey: Survey, _ check: () -> [Diagnostic]) -> [Diagnostic] {
        if let found = lock.withLock({ () -> [Diagnostic]? in
            let candidates = (surveysChecked.kept[survey.id] ?? []) + (surveysChecked.used[survey.id] ?? [])
            guard let found = candidates.first(where: { $0.0 == survey }) else { return nil }
            remember(survey, found.1)
            return found.1
        }) {
            return found
        }
        let made = check()
        lock.withLock { remember(survey, made) }
        return made
    }

    /// Called with the lock held.
    private func remember(_ survey: Survey, _ diagnostics: [Diagnostic]) {
        var entries = surveysChecked.used[survey.id] ?? []
        guard !entries.contains(where: { $0.0 == survey }) else { return }
        entries.append((survey, diagnostics))
        surveysChecked.used[survey.id] = entries
    }

    /// The theme loaded with these sources' template overrides: the last build's while they are unchanged.
    func theme(for sources: ProjectSources, _ load: () -> LoadedTheme) -> LoadedTheme {
        let inputs = ThemeInputs(sources)
        if let kept = lock.withLock({ theme }), kept.inputs == inputs { return kept.theme }
        let loaded = load()
        lock.withLock { theme = (inputs, loaded) }
        return loaded
    }
}
