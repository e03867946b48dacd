import Diagnostics
import Foundation
import Toolkit

/// What the preview keeps in memory from one build for the next: every page as `PageParser` made it, by its
/// file (path and text), module and slug. An edit then parses the edited page alone. Nothing is kept that
/// depends on anything else, and the directive files are compared on every build (a change forgets every
/// page), so a build with the memory gives exactly the site a build without it gives. Pages no longer in the
/// project are forgotten at the next build, so the memory stays the size of the project.
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

    public init() {}

    /// Starts a build: the last build's pages are what may be used, and all of them go when the directives changed.
    public func begin(directiveFiles: [SourceFile]) {
        lock.withLock {
            if !used.isEmpty { kept = used }
            used = [:]
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
}
