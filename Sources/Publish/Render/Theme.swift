import Diagnostics
import Foundation
import Mustache
import Toolkit

/// The Mustache templates and static assets pages are rendered with: the built-in theme, with the
/// site's `templates/` and each module's `templates/` laid over it.
public struct Theme: Sendable {
    /// The templates for swift-mustache, read the first time a page needs them: only for a theme the typed
    /// renderer cannot read, so most builds never read them at all.
    let mustache: SwiftMustacheTemplates
    let moduleMustache: [String: SwiftMustacheTemplates]
    /// The same templates read for the typed renderer, which writes the same pages without the casts;
    /// nil for a set of templates it cannot read, which swift-mustache then renders.
    let compiled: CompiledTemplates?
    let moduleCompiled: [String: CompiledTemplates]
    /// Built-in assets by file name (`style.css`, `favicon.svg`, …).
    public let assets: [String: Data]
    /// False only in tests, to show that the typed renderer wrote every page: what it cannot write is then empty.
    var fallsBack = true

    public static let templateNames = ["layout", "page", "nav-item", "home", "module", "list", "not-found", "survey", "survey-form", "survey-question", "survey-paper", "survey-paper-question", "pack", "results", "results-print"]

    /// Loads the built-in theme with the site's overrides and those of every module folder of `sources`,
    /// in the load stage; `LoadedTheme.resolved(for:)` keeps the modules a site uses.
    public static func load(_ sources: ProjectSources) -> LoadedTheme {
        var modules: [String: [SourceFile]] = [:]
        for module in sources.modules where modules[module.path] == nil { modules[module.path] = module.templates }
        return load(overrides: TemplateOverrides(site: sources.siteTemplates, modules: modules))
    }

    /// Loads the built-in theme and the overrides, the modules' keyed as `overrides` keys them; broken
    /// override templates are located errors.
    public static func load(overrides: TemplateOverrides) -> LoadedTheme {
        var diagnostics: [Diagnostic] = []
        func missing(_ message: String) -> LoadedTheme {
            LoadedTheme(theme: nil, diagnostics: [.error("theme-missing", message)], moduleDiagnostics: [:])
        }
        guard let themeURL = Bundle.module.url(forResource: "Theme", withExtension: nil) else {
            return missing("the built-in theme is missing from this installation of doorstep")
        }
        var builtIn: [String: String] = [:]
        for name in templateNames {
            let url = themeURL.appendingPathComponent("templates/\(name).mustache")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                return missing("the built-in template '\(name)' is missing from this installation")
            }
            builtIn[name] = text
        }
        var assets: [String: Data] = [:]
        let assetFolder = themeURL.appendingPathComponent("assets")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: assetFolder.path)) ?? []).sorted() {
            assets[name] = FileManager.default.contents(atPath: assetFolder.appendingPathComponent(name).path)
        }

        // Each override is checked once, where it is written: the site's over the built-in theme, then each
        // module's over the site's.
        func library(over base: [String: String], overrides: [SourceFile]) -> (SwiftMustacheTemplates, [String: String], CompiledTemplates?) {
            var registered = true
            var texts = base
            var written: [String: SourceFile] = [:]
            for file in overrides {
                let name = URL(fileURLWithPath: file.path).deletingPathExtension().lastPathComponent
                if builtIn[name] == nil {
                    diagnostics.append(.warning("template-unknown",
                        "'\(name).mustache' does not override any template; known templates: \(templateNames.joined(separator: ", "))",
                        at: SourceLocation(file: file.path, line: 1, column: 1),
                        notes: Suggestion.note(for: name, in: templateNames)))
                }
                let scan = TemplateCheck.scan(file)
                diagnostics += scan.diagnostics + TemplateCheck.safety(file, scan: scan, htmlVariables: TemplateReference.htmlVariables)
                // A template that cannot be read safely is left out; the errors above stop the build.
                guard scan.diagnostics.isEmpty else { continue }
                texts[name] = file.text
                written[name] = file
            }
            // The built-in templates (and the site's, under a module's) were checked where they were written.
            guard !written.isEmpty else { return (SwiftMustacheTemplates(texts), texts, CompiledTemplates(texts)) }
            // Includes ({{> name}}) must name a template and must never lead back to where they started,
            // or rendering would recurse until the stack runs out.
            var includes: [String: [TemplateCheck.Tag]] = [:]
            for (name, text) in texts {
                includes[name] = TemplateCheck.scan(SourceFile(path: written[name]?.path ?? name, text: text)).partials
            }

            for (name, file) in written.sorted(by: { $0.key < $1.key }) {
                for tag in includes[name] ?? [] where texts[tag.name] == nil {
                    diagnostics.append(.error("template-include",
                        "'\(name)' includes '\(tag.name)', which is not a template",
                        at: SourceLocation(file: file.path, line: tag.line, column: tag.column),
                        notes: Suggestion.note(for: tag.name, in: texts.keys.sorted())))

                }
            }
            while let found = TemplateCheck.cycle(in: includes) {
                let file = written[found.from]
                diagnostics.append(.error("template-cycle",
                    "templates include each other in a loop: \(found.names.map { "'\($0)'" }.joined(separator: " includes "))",
                    at: file.map { SourceLocation(file: $0.path, line: found.tag.line, column: found.tag.column) },
                    notes: ["a template cannot include itself, directly or through others"]))
                for name in found.names { texts[name] = texts[name].map { _ in "" }; includes[name] = [] }
            }
            for (name, file) in written.sorted(by: { $0.key < $1.key }) {
                guard let text = texts[name] else { continue }
                do {
                    _ = try MustacheTemplate(string: text)
                } catch let error as MustacheTemplate.ParserError {
                    registered = false
                    diagnostics.append(.error("template-syntax", "template '\(name)' could not be read: \(describe(error.error))",
                        at: SourceLocation(file: file.path, line: error.context.lineNumber, column: error.context.columnNumber)))
                } catch {
                    registered = false
                    diagnostics.append(.error("template-syntax", "template '\(name)' could not be read: \(error)",
                                              at: SourceLocation(file: file.path, line: 1, column: 1)))
                }
            }
            return (SwiftMustacheTemplates(texts), texts, registered ? CompiledTemplates(texts) : nil)
        }

        let (siteLibrary, siteTexts, siteCompiled) = library(over: builtIn, overrides: overrides.site)
        let siteDiagnostics = diagnostics
        var modules: [String: SwiftMustacheTemplates] = [:]
        var modulesCompiled: [String: CompiledTemplates] = [:]
        var moduleDiagnostics: [String: [Diagnostic]] = [:]
        for (key, files) in overrides.modules.sorted(by: { $0.key < $1.key }) where !files.isEmpty {
            diagnostics = []
            let (moduleLibrary, _, moduleCompiled) = library(over: siteTexts, overrides: files)
            modules[key] = moduleLibrary
            modulesCompiled[key] = moduleCompiled
            moduleDiagnostics[key] = diagnostics
        }
        return LoadedTheme(theme: Theme(mustache: siteLibrary, moduleMustache: modules, compiled: siteCompiled,
                                        moduleCompiled: modulesCompiled, assets: assets),
                           diagnostics: siteDiagnostics, moduleDiagnostics: moduleDiagnostics)
    }

    /// The same theme rendered by swift-mustache alone: what the typed renderer is checked against.
    var renderedBySwiftMustache: Theme {
        Theme(mustache: mustache, moduleMustache: moduleMustache, compiled: nil, moduleCompiled: [:], assets: assets)
    }

    /// The theme rendered by the typed renderer alone: a page it cannot write comes out empty.
    var renderedTypedOnly: Theme {
        var theme = self
        theme.fallsBack = false
        return theme
    }

    /// True when the typed renderer writes this theme's pages (for a page of `module`).
    func rendersTyped(module: String? = nil) -> Bool { compiled(for: module) != nil }

    /// The typed templates for a page of `module`: its own when it overrides any, else the site's.
    func compiled(for module: String?) -> CompiledTemplates? {
        if let module, moduleMustache[module] != nil { return moduleCompiled[module] }
        return compiled
    }

    /// The parser's error in words a template author can act on.
    static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not finished with '}}'"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section ({{#name}} or {{^name}}) is never closed with {{/name}}"
        default: return "\(error)"
        }
    }

    /// The templates for a page of `moduleID` (its own overrides if it has any).
    public func library(for moduleID: String?) -> MustacheLibrary {
        (moduleID.flatMap { moduleMustache[$0] } ?? mustache).library
    }

    /// Renders `template` with a typed view; the module's overrides are used for a page of that module.
    /// The typed renderer writes it when it can read the templates; otherwise swift-mustache does. The view
    /// goes in a box, since swift-mustache casts it for every name it looks up, copying a struct each time.
    public func render(_ view: some TemplateView, template: String, module: String? = nil) -> String {
        let box = Boxed(view)
        if let page = compiled(for: module)?.render(box, template: template) { return page }
        guard fallsBack else { return "" }
        return library(for: module).render(box, withTemplate: template) ?? ""
    }
}

/// The theme as the load stage read it: module overrides are kept by module folder, since which modules a
/// site uses, and their ids, are known only once the manifests are read.
public struct LoadedTheme: Sendable {
    public let theme: Theme?
    /// Problems with the built-in theme or the site's own overrides.
    let diagnostics: [Diagnostic]
    /// Problems with each module folder's overrides, by the folder's path.
    let moduleDiagnostics: [String: [Diagnostic]]

    /// The theme for the modules `site` uses, by module id, and the problems of the site's overrides and theirs.
    public func resolved(for site: Site) -> (Theme?, [Diagnostic]) {
        var found = diagnostics
        var libraries: [String: SwiftMustacheTemplates] = [:]
        var compiled: [String: CompiledTemplates] = [:]
        for module in site.modules.sorted(by: { $0.id < $1.id }) {
            found += moduleDiagnostics[module.path] ?? []
            if let library = theme?.moduleMustache[module.path] { libraries[module.id] = library }
            if let templates = theme?.moduleCompiled[module.path] { compiled[module.id] = templates }
        }
        return (theme.map { Theme(mustache: $0.mustache, moduleMustache: libraries, compiled: $0.compiled, moduleCompiled: compiled,
                                  assets: $0.assets) }, found)
    }
}

/// A theme's templates as swift-mustache reads them, read once, the first time they are asked for.
final class SwiftMustacheTemplates: @unchecked Sendable {
    private let texts: [String: String]
    private let lock = NSLock()
    private var read: MustacheLibrary?

    init(_ texts: [String: String]) { self.texts = texts }

    var library: MustacheLibrary {
        lock.withLock {
            if let read { return read }
            var library = MustacheLibrary()
            // A template that cannot be read was reported where it was written, and stops the build.
            for (name, text) in texts.sorted(by: { $0.key < $1.key }) { try? library.register(text, named: name) }
            read = library
            return library
        }
    }
}
