import Diagnostics
import Foundation

/// Every text the survey outputs add (instructions, error messages, buttons, headings, built-in answers
/// and scales), per language. Doorstep ships complete English and Welsh tables; a project adds a language
/// or overrides any entry with `wording/<language>.yml`.
public struct Wording: Sendable, Equatable {
    /// One text, with the place it was written when it came from a project's file.
    public struct Entry: Sendable, Equatable {
        public var text: String
        public var location: SourceLocation?

        public init(_ text: String, location: SourceLocation? = nil) {
            self.text = text
            self.location = location
        }
    }

    /// Entries by language code, then by key (`web.choose_one`, `scale.agree5.agree`).
    public private(set) var tables: [String: [String: Entry]]

    public init(tables: [String: [String: Entry]] = [:]) {
        self.tables = tables
    }

    /// The tables shipped with Doorstep, read once from the package's resources.
    public static let builtIn: Wording = BuiltInWording.load()

    /// Every key a complete table has: the keys of the built-in English table.
    public static var allKeys: Set<String> { Set(builtIn.tables["en"]?.keys ?? [:].keys) }

    /// The language codes with a table, sorted.
    public var languages: [String] { tables.keys.sorted() }

    /// These tables with `other`'s entries added, replacing any with the same language and key.
    public func overriding(with other: Wording) -> Wording {
        var result = self
        for (language, entries) in other.tables {
            result.tables[language, default: [:]].merge(entries) { _, new in new }
        }
        return result
    }

    /// The entry for `key` in `language` itself or its base language (`en-GB` → `en`), with no other fallback.
    public func entry(_ key: String, in language: String) -> Entry? {
        if let entry = tables[language]?[key] { return entry }
        let base = Self.baseCode(language)
        return base == language ? nil : tables[base]?[key]
    }

    /// The keys of `needed` that `language` has no text for.
    public func missing(_ needed: [String], in language: String) -> [String] {
        needed.filter { entry($0, in: language) == nil }
    }

    /// The text of `key` in `language` (English when none is given or the table lacks it; the validator
    /// reports a missing entry before anything is published), with `{name}` placeholders filled in.
    public func text(_ key: WordingKey, in language: String?, _ values: [String: String] = [:]) -> String {
        text(named: key.rawValue, in: language, values)
    }

    public func text(named key: String, in language: String?, _ values: [String: String] = [:]) -> String {
        let found = language.flatMap { self.entry(key, in: $0) } ?? tables["en"]?[key]
        return Self.fill(found?.text ?? "", values)
    }

    /// A built-in text in each of the survey's languages; a survey without declared languages gets English.
    public func localized(_ key: String, languages: [Language], _ values: [String: String] = [:]) -> LocalizedText {
        guard !languages.isEmpty else { return LocalizedText(text(named: key, in: "en", values)) }
        return LocalizedText(entries: languages.map { LocalizedText.Entry(language: $0.code, text: text(named: key, in: $0.code, values)) })
    }

    /// `en-GB` → `en`.
    public static func baseCode(_ code: String) -> String {
        String(code.lowercased().split(separator: "-").first ?? Substring(code))
    }

    /// Replaces each `{name}` whose name is in `values`, in one pass; other braces stay as written.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(where: { $0 == "}" || $0 == "{" }), rest[close] == "}",
                  let value = values[String(rest[afterOpen..<close])] else {
                result.append("{")
                rest = rest[afterOpen...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The `{name}` placeholders a text uses.
    public static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(where: { $0 == "}" || $0 == "{" }) else { break }
            if rest[close] == "}" {
                let name = rest[afterOpen..<close]
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }) { names.insert(String(name)) }
                rest = rest[rest.index(after: close)...]
            } else {
                rest = rest[close...]
            }
        }
        return names
    }
}

extension Wording {
    /// The shipped YAML of a built-in table, comments and all, for `doorstep survey wording`.
    public static func builtInSource(_ language: String) -> String? {
        guard WordingFile.isLanguageCode(language), let folder = Bundle.module.url(forResource: "Tables", withExtension: nil),
              let data = FileManager.default.contents(atPath: folder.appendingPathComponent("\(language).yml").path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Reads the tables in `Sources/Survey/Wording/Tables/` from the package's resources.
enum BuiltInWording {
    static func load() -> Wording {
        var tables: [String: [String: Wording.Entry]] = [:]
        guard let folder = Bundle.module.url(forResource: "Tables", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return Wording() }
        for name in names.sorted() where name.hasSuffix(".yml") {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let language = String(name.dropLast(4))
            let (table, _) = WordingFile.decode(yaml: String(decoding: data, as: UTF8.self), file: name, knownKeys: nil)
            tables[language] = table.mapValues { Wording.Entry($0.text) }
        }
        return Wording(tables: tables)
    }
}
