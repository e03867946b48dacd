import Foundation
import Diagnostics

/// Splits a page into its YAML front matter and Markdown body.
public struct FrontMatterSplit: Sendable {
    public var yaml: String?
    /// Lines before the YAML starts (the opening `---`).
    public var yamlLineOffset: Int
    public var body: String
    /// Lines before the body starts, to turn body line numbers back into file line numbers.
    public var bodyLineOffset: Int
    /// True when the file opens front matter with `---` but never closes it.
    public var isUnterminated = false

    /// Lines end where `text.split(separator: "\n")` would end them: at a "\n" that is a character of its own,
    /// so not the "\n" of a "\r\n". Only the lines up to the closing `---` are looked at; the body is taken whole.
    /// Whether the line is `---`, with any white space around it. An ASCII line is looked at byte by byte
    /// (its only white space is spaces and tabs); any other goes through Foundation's trimming.
    static func isFenceLine(_ line: Substring) -> Bool {
        let bytes = line.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return line.trimmingCharacters(in: .whitespaces) == "---" }
        var dashes = 0, seenAfter = false
        for byte in bytes {
            switch byte {
            case 0x20, 0x09: if dashes > 0 { seenAfter = true }
            case UInt8(ascii: "-"):
                if seenAfter { return false }
                dashes += 1
            default: return false
            }
        }
        return dashes == 3
    }

    public static func split(_ text: String) -> FrontMatterSplit {
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var previousLineEnd = utf8.startIndex
        var yamlStart = utf8.startIndex
        var number = 0
        var previous: UInt8 = 0
        var index = utf8.startIndex
        while true {
            let atEnd = index == utf8.endIndex
            let byte = atEnd ? 0 : utf8[index]
            if atEnd || (byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r")) {
                let isFence = isFenceLine(text[lineStart..<index])
                if number == 0, !isFence {
                    return FrontMatterSplit(yaml: nil, yamlLineOffset: 0, body: text, bodyLineOffset: 0)
                }
                if number > 0, isFence {
                    let yaml = number == 1 ? "" : String(text[yamlStart..<previousLineEnd])
                    let body = atEnd ? "" : String(text[utf8.index(after: index)...])
                    return FrontMatterSplit(yaml: yaml, yamlLineOffset: 1, body: body, bodyLineOffset: number + 1)
                }
                if atEnd {
                    return FrontMatterSplit(yaml: nil, yamlLineOffset: 0, body: text, bodyLineOffset: 0, isUnterminated: true)
                }
                number += 1
                previousLineEnd = index
                lineStart = utf8.index(after: index)
                if number == 1 { yamlStart = lineStart }
            }
            previous = byte
            index = utf8.index(after: index)
        }
    }
}

public enum PageKind: String, Sendable, CaseIterable, Hashable {
    case guide, handout, worksheet, consentForm = "consent-form", session, template, page

    /// How the kind is named to readers (badges, pack contents).
    public var label: String {
        switch self {
        case .guide: return "Guide"
        case .handout: return "Handout"
        case .worksheet: return "Worksheet"
        case .consentForm: return "Consent form"
        case .session: return "Session plan"
        case .template: return "Template"
        case .page: return "Page"
        }
    }
}

public enum Audience: String, Sendable, CaseIterable, Hashable {
    case residents, researchers, trainers, professionals

    /// Pages for professionals are not held to the plain-English reading level.
    public var expectsPlainEnglish: Bool { self != .professionals }
}

public struct FrontMatter: Sendable, Hashable {
    public var title: String
    public var summary: String?
    public var order: Int?
    public var kind: PageKind
    public var audience: Audience?
    public var timeNeeded: String?
    public var tags: [String]
    public var updated: String?
    /// A page still being written: left out of the site unless the build is asked for drafts.
    public var draft = false

    static let keys = ["title", "summary", "order", "kind", "audience", "time_needed", "tags", "updated", "draft"]

    /// Decodes the front matter of `file`; a page without front matter is an error since it has no title.
    public static func decode(_ split: FrontMatterSplit, file: String) -> (FrontMatter?, [Diagnostic]) {
        guard let yaml = split.yaml else {
            if split.isUnterminated {
                return (nil, [.error("front-matter-unclosed",
                    "the front matter opened on line 1 is never closed: add a line with '---' after it",
                    at: SourceLocation(file: file, line: 1, column: 1), length: 3)])
            }
            return (nil, [.error("front-matter-missing",
                "page has no front matter: start it with '---', a 'title:' line and '---'",
                at: SourceLocation(file: file, line: 1, column: 1))])
        }
        if let matter = plain(yaml) { return (matter, []) }
        return decodeThroughYAML(yaml, lineOffset: split.yamlLineOffset, file: file)
    }

    /// Front matter of the commonest kind, read without the YAML parser, which gives the same answer for it:
    /// each line `key: words`, the key one that pages have and given once (with a title), the words ASCII text
    /// that YAML can only read as that text. They are letters, digits, spaces and `.,'-?!()/&`, and start with
    /// a letter (or with a digit when a word follows a space, as in `20 minutes`); no space at the end; not a
    /// word YAML reads as true, false or null; a kind or audience that exists. nil for anything else, which then
    /// goes through the YAML parser and its checks.
    static func plain(_ yaml: String) -> FrontMatter? {
        var title: String?, summary: String?, timeNeeded: String?, kind: PageKind?, audience: Audience?
        var yaml = yaml
        let ok: Bool = yaml.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                // The key: lower-case letters and `_`, then `: `.
                let keyStart = index
                while index < count, (bytes[index] >= UInt8(ascii: "a") && bytes[index] <= UInt8(ascii: "z")) || bytes[index] == UInt8(ascii: "_") {
                    index += 1
                }
                let keyEnd = index
                guard keyEnd > keyStart, index + 1 < count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: " ") else {
                    return false
                }
                index += 2
                let valueStart = index
                guard index < count, isPlainTextByte(bytes[index]), bytes[index] != UInt8(ascii: " ") else { return false }
                // A number, a date or a word such as `.inf` may start with a digit or a sign, but none of them has
                // a letter after a space, as `20 minutes` has.
                let startsWithLetter = isLetter(bytes[index])
                var wordAfterSpace = false
                while index < count, bytes[index] != UInt8(ascii: "\n") {
                    guard isPlainTextByte(bytes[index]) else { return false }
                    if isLetter(bytes[index]), bytes[index - 1] == UInt8(ascii: " ") { wordAfterSpace = true }
                    index += 1
                }
                guard startsWithLetter || (wordAfterSpace && isDigit(bytes[valueStart])) else { return false }
                guard bytes[index - 1] != UInt8(ascii: " ") else { return false }
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<index]), as: UTF8.self)
                if index < count { index += 1 }
                if index == count, bytes[count - 1] == UInt8(ascii: "\n") { return false }
                guard !readAsOtherThanText.contains(value.lowercased()) else { return false }
                switch String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd]), as: UTF8.self) {
                case "title" where title == nil: title = value
                case "summary" where summary == nil: summary = value
                case "time_needed" where timeNeeded == nil: timeNeeded = value
                case "kind" where kind == nil:
                    guard let known = PageKind(rawValue: value) else { return false }
                    kind = known
                case "audience" where audience == nil:
                    guard let known = Audience(rawValue: value) else { return false }
                    audience = known
                default: return false
                }
            }
            return true
        }
        guard ok, let title else { return nil }
        return FrontMatter(title: title, summary: summary, order: nil, kind: kind ?? .guide, audience: audience,
                           timeNeeded: timeNeeded, tags: [], updated: nil)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isPlainTextByte(_ byte: UInt8) -> Bool {
        if isLetter(byte) || isDigit(byte) { return true }
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "'"), UInt8(ascii: "-"), UInt8(ascii: "?"),
             UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "/"), UInt8(ascii: "&"):
            return true
        default:
            return false
        }
    }

    /// Words that YAML may read as a true or false value or as nothing, in any case.
    private static let readAsOtherThanText: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]

    /// Front matter read by the YAML parser, with every check and located message.
    static func decodeThroughYAML(_ yaml: String, lineOffset: Int, file: String) -> (FrontMatter?, [Diagnostic]) {
        let reader = YAMLReader(file: file, lineOffset: lineOffset)
        var diagnostics: [Diagnostic] = []
        let (node, syntax) = reader.compose(yaml)
        diagnostics += syntax
        guard let node else {
            if syntax.isEmpty {
                diagnostics.append(.error("key-missing", "front matter is missing the required key 'title'",
                                          at: SourceLocation(file: file, line: 1, column: 1)))
            }
            return (nil, diagnostics)
        }
        guard var map = reader.mapping(node, what: "front matter", diagnostics: &diagnostics) else { return (nil, diagnostics) }
        diagnostics += map.unknownKeys(allowed: keys)
        let title = map.string("title", required: true, diagnostics: &diagnostics)
        let kind = map.enumValue("kind", PageKind.self, diagnostics: &diagnostics) ?? .guide
        let audience = map.enumValue("audience", Audience.self, diagnostics: &diagnostics)
        let updated = map.string("updated", diagnostics: &diagnostics)
        if let updated, !isISODate(updated) {
            diagnostics.append(.error("date-format", "'updated' must be a real date written as YYYY-MM-DD, not '\(updated)'",
                                      at: map.location(of: "updated"), length: updated.count))
        }
        guard let title else { return (nil, diagnostics) }
        var matter = FrontMatter(
            title: title,
            summary: map.string("summary", diagnostics: &diagnostics),
            order: map.int("order", diagnostics: &diagnostics),
            kind: kind,
            audience: audience,
            timeNeeded: map.string("time_needed", diagnostics: &diagnostics),
            tags: map.stringList("tags", diagnostics: &diagnostics)?.map(\.value) ?? [],
            updated: updated
        )
        matter.draft = map.bool("draft", diagnostics: &diagnostics) ?? false
        return (matter, diagnostics)
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month) else { return false }
        // A day that the month has: 2026-02-31 is no date.
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}

extension YAMLMapping {
    /// A value that must be one of an enum's raw values; otherwise a located error listing them.
    func enumValue<E: RawRepresentable & CaseIterable>(
        _ key: String, _ type: E.Type, diagnostics: inout [Diagnostic]
    ) -> E? where E.RawValue == String {
        guard let raw = string(key, diagnostics: &diagnostics) else { return nil }
        if let value = E(rawValue: raw) { return value }
        let allowed = E.allCases.map(\.rawValue)
        diagnostics.append(.error("value-unknown", "'\(raw)' is not a valid \(key); use one of: \(allowed.joined(separator: ", "))",
                                  at: location(of: key), length: raw.count, notes: Suggestion.note(for: raw, in: allowed)))
        return nil
    }
}
