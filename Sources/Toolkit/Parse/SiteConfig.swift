import Diagnostics
import Foundation
import Markdown

/// `content/site.yml`.
public struct SiteConfig: Sendable, Hashable {
    public enum ModuleSelection: Sendable, Hashable {
        case all
        case only([Located<String>])
    }

    public var title: String
    public var tagline: String?
    public var baseURL: String?
    public var language: String
    public var licence: String
    public var modules: ModuleSelection

    /// The group running the research: printed on forms, surveys and notices.
    public var group = GroupDetails()
    /// Programs run over the pages before they are parsed, in this order.
    public var preprocessors: [PreprocessorCommand] = []
    /// The folders that hold modules, in the order they are read: `toolkit-modules` unless `module_folders` says otherwise.
    public var moduleFolders: [Located<String>] = [Located("toolkit-modules", at: SourceLocation(file: "content/site.yml", line: 1, column: 1))]

    public static let `default` = SiteConfig(title: "Doorstep", tagline: nil, baseURL: nil, language: "en-GB",
                                             licence: "CC-BY-4.0", modules: .all)

    /// `results` is read by the results stage (`ResultsSettings`).
    static let keys = ["title", "tagline", "base_url", "language", "licence", "modules", "group", "results", "preprocessors", "module_folders"]

    public static func decode(_ file: SourceFile) -> (SiteConfig, [Diagnostic]) {
        let reader = YAMLReader(file: file.path)
        var diagnostics: [Diagnostic] = []
        let (node, syntax) = reader.compose(file.text)
        diagnostics += syntax
        guard let node, var map = reader.mapping(node, what: "site configuration", diagnostics: &diagnostics) else {
            if syntax.isEmpty {
                diagnostics.append(.error("key-missing", "site configuration is missing the required key 'title'",
                                          at: reader.location(line: 1, column: 1)))
            }
            return (.default, diagnostics)
        }
        diagnostics += map.unknownKeys(allowed: keys)
        var config = SiteConfig.default
        config.title = map.string("title", required: true, diagnostics: &diagnostics) ?? config.title
        config.tagline = map.string("tagline", diagnostics: &diagnostics)
        // Kept with one trailing slash, so every page address is simply `baseURL + ProjectPath.address(of:)`.
        if let written = map.string("base_url", diagnostics: &diagnostics) {
            if let problem = baseURLProblem(written) {
                diagnostics.append(.error("base-url-invalid", "'base_url' must be the site's web address, such as 'https://example.org/toolkit/': \(problem)",
                                          at: map.location(of: "base_url"), length: max(1, written.count)))
            } else {
                config.baseURL = written.hasSuffix("/") ? written : written + "/"
            }
        }
        config.language = map.string("language", diagnostics: &diagnostics) ?? config.language
        config.licence = map.string("licence", diagnostics: &diagnostics) ?? config.licence
        if let modules = map["modules"] {
            if modules.string == "all" {
                config.modules = .all
            } else if let list = map.stringList("modules", diagnostics: &diagnostics) {
                config.modules = .only(list)
            }
        }
        if let group = map["group"] {
            config.group = GroupDetails.decode(group, reader: reader, diagnostics: &diagnostics)
        }
        if let preprocessors = map["preprocessors"] {
            config.preprocessors = PreprocessorCommand.decodeList(preprocessors, reader: reader, diagnostics: &diagnostics)
        }
        if map["module_folders"] != nil, let folders = map.stringList("module_folders", diagnostics: &diagnostics) {
            let (valid, problems) = ModuleFolders.validate(folders)
            diagnostics += problems
            if folders.isEmpty {
                diagnostics.append(.error("module-folders-empty",
                    "module_folders lists no folders, so no module would be read",
                    at: map.location(of: "module_folders"), length: "module_folders".count,
                    notes: ["list at least one, such as 'module_folders: [toolkit-modules]', or leave the key out to read toolkit-modules/"]))
            }
            if !valid.isEmpty { config.moduleFolders = valid }
        }
        return (config, diagnostics)
    }

    /// Why `text` is not an absolute http(s) address with a host, or nil when it is one.
    public static func baseURLProblem(_ text: String) -> String? {
        guard let scheme = URLPolicy.scheme(of: text) else { return "it has no 'https://' at the start" }
        guard scheme == "http" || scheme == "https" else { return "'\(scheme):' addresses cannot be a website's address" }
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "\"'<>\\`".unicodeScalars.contains($0) }) else {
            return "it contains a space, a quote, a backslash or a control character"
        }
        guard text.lowercased().hasPrefix(scheme + "://"),
              let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            return "it has no host name after '\(scheme)://'"
        }
        guard components.query == nil, components.fragment == nil else { return "it must not have a '?' or '#' part" }
        return nil
    }
}
