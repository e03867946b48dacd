import Diagnostics
import Foundation
import Markdown
import Toolkit

/// The offline search: an index shipped as a script file (so it loads from `file://`), and the search page.
///
/// The index holds every page's full text, split at its headings so that a result opens at the right
/// section, and the Porter2 stem of every word whose stem differs from it. `assets/search.js` stems what
/// people type with the same rules, so "interviewing" finds "interviews".
struct SearchIndex {
    let site: Site

    /// One page, survey or session plan: title, module title, URL from the site root, kind.
    struct Document {
        var title: String
        var module: String
        var url: String
        var kind: String
    }

    /// A stretch of a page under one heading (or above the first): its heading's id and text, and its words.
    struct Section {
        var document: Int
        var anchor: String
        var heading: String
        var text: String
    }

    /// Headings at these levels start a section; deeper ones stay in the section above them.
    static let sectionLevels = 1...3

    func contents() -> (documents: [Document], sections: [Section]) {
        let pages = site.allPages
        var documents: [Document] = pages.map { page in
            let module = page.moduleID.flatMap(site.module(id:))
            return Document(title: page.title, module: module?.title ?? site.config.title,
                            url: page.outputPath, kind: page.frontMatter.kind.label)
        }
        // Pages are split into sections side by side; the index keeps the pages' order.
        var sections: [Section] = parallelMap(Array(pages.indices)) { number in
            Self.sections(of: pages[number], document: number)
        }.flatMap { $0 }
        for entry in site.surveys {
            let survey = entry.survey
            let language = survey.defaultLanguage
            documents.append(Document(title: entry.title, module: "Surveys", url: "\(entry.folder)/index.html", kind: "Survey"))
            let labels = survey.questions.map { $0.label.text(in: language) }
            let sectionTitles = survey.sections.compactMap { $0.title?.text(in: language) }
            sections.append(Section(document: documents.count - 1, anchor: "", heading: "",
                                    text: (sectionTitles + labels).joined(separator: " ")))
        }
        return (documents, sections)
    }

    /// A page split at its headings: the text above the first (with the summary), then one section per heading.
    static func sections(of page: Page, document: Int) -> [Section] {
        var sections: [Section] = []
        var current = Section(document: document, anchor: "", heading: "", text: page.frontMatter.summary ?? "")
        var headingNumber = 0
        let directives = Dictionary(page.directives.map { ($0.location.line, $0) }, uniquingKeysWith: { first, _ in first })
        func add(_ text: String) {
            let trimmed = Self.collapsingWhitespace(text)
            guard !trimmed.isEmpty else { return }
            current.text += current.text.isEmpty ? trimmed : " " + trimmed
        }
        func walk(_ node: MarkdownNode) {
            switch node {
            case .heading(let level, _, _):
                defer { headingNumber += 1 }
                guard sectionLevels.contains(level), headingNumber < page.headings.count else {
                    add(node.plainText)
                    return
                }
                if !current.text.isEmpty || !current.heading.isEmpty { sections.append(current) }
                current = Section(document: document, anchor: page.headings[headingNumber].id,
                                  heading: node.plainText, text: "")
            case .paragraph, .table:
                add(node.plainText)
            case .codeBlock(_, _, let span):
                if let directive = directives[span.startLine + page.bodyLineOffset] { add(directive.searchText) }
            case .htmlBlock, .thematicBreak, .tooDeep:
                break
            default:
                for child in node.children { walk(child) }
            }
        }
        walk(page.document)
        sections.append(current)
        return sections
    }

    /// The text's words with one space between them, and none around them.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        // Plain ASCII, nearly every page's text, is read a byte at a time; the rest a character at a time,
        // since Unicode has more spaces than ASCII's.
        let collapsed: String? = text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { out in
                var length = 0
                var pendingSpace = false
                for byte in bytes {
                    switch byte {
                    case 0x80...: return nil
                    case 0x09...0x0D, 0x20: pendingSpace = length > 0
                    default:
                        if pendingSpace {
                            out[length] = 0x20
                            length += 1
                            pendingSpace = false
                        }
                        out[length] = byte
                        length += 1
                    }
                }
                return String(decoding: UnsafeBufferPointer(rebasing: out[..<length]), as: UTF8.self)
            }
        }
        return collapsed ?? text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Every word of the index whose stem differs from it, grouped by stem: `{"interview": "interviews interviewing"}`.
    /// Texts are split on both cores, and each distinct token is folded and stemmed once, however often it appears.
    static func stems(of texts: [String]) -> [String: String] {
        let chunk = 256
        let starts = Array(stride(from: 0, to: texts.count, by: chunk))
        let tokenSets = parallelMap(starts) { start -> Set<String> in
            var tokens = Set<String>()
            for text in texts[start..<min(start + chunk, texts.count)] { tokens.formUnion(SearchWords.tokens(in: text)) }
            return tokens
        }
        var tokens = Set<String>()
        for set in tokenSets { tokens.formUnion(set) }
        var words = Set<String>()
        for token in tokens { words.formUnion(SearchWords.forms(of: token)) }
        let list = Array(words)
        let stems = parallelMap(list) { EnglishStemmer.stem($0) }
        var groups: [String: [String]] = [:]
        for (word, stem) in zip(list, stems) where stem != word {
            groups[stem, default: []].append(word)
        }
        return groups.mapValues { $0.sorted().joined(separator: " ") }
    }

    /// The index as one script, written straight into its bytes field by field: a large site's index is
    /// megabytes, and joining lists of pieces, then copying the text into bytes, would hold it several times over.
    func script() -> Data {
        let (documents, sections) = contents()
        let stems = Self.stems(of: documents.map(\.title) + sections.flatMap { [$0.heading, $0.text] })
        var out = Data()
        out.reserveCapacity(sections.reduce(documents.count * 64) { $0 + $1.text.utf8.count + $1.heading.utf8.count + 16 })
        func add(_ text: String) { Self.append(text, to: &out) }
        add("window.DOORSTEP_SEARCH_INDEX = {\"version\":2,\n\"documents\":[")
        for (number, document) in documents.enumerated() {
            add(number == 0 ? "[" : ",\n[")
            add([document.title, document.module, document.url, document.kind].map(Self.json).joined(separator: ","))
            add("]")
        }
        add("],\n\"sections\":[")
        // Sections are written a few hundred at a time on every core, then joined in order.
        let chunk = 256
        let starts = Array(stride(from: 0, to: sections.count, by: chunk))
        let written = parallelMap(starts) { start -> Data in
            var part = Data()
            for number in start..<min(start + chunk, sections.count) {
                let section = sections[number]
                Self.append(number == 0 ? "[" : ",\n[", to: &part)
                Self.append("\(section.document),", to: &part)
                Self.append(Self.json(section.anchor), to: &part)
                Self.append(",", to: &part)
                Self.append(Self.json(section.heading), to: &part)
                Self.append(",", to: &part)
                Self.append(Self.json(section.text), to: &part)
                Self.append("]", to: &part)
            }
            return part
        }
        for part in written { out.append(part) }
        add("],\n\"stems\":{")
        for (number, entry) in stems.sorted(by: { $0.key < $1.key }).enumerated() {
            add((number == 0 ? "" : ",") + Self.json(entry.key) + ":" + Self.json(entry.value))
        }
        add("}};\n")
        return out
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// The text's bytes added to `data` in one copy: `Data.append(contentsOf:)` takes a string's UTF-8 view a
    /// byte at a time.
    static func append(_ text: String, to data: inout Data) {
        var text = text
        text.withUTF8 { data.append($0) }
    }

    /// A JSON string literal; `<` is escaped too, so page text can never close the script.
    static func json(_ text: String) -> String {
        var text = text
        // Plain ASCII goes byte by byte; text with other characters through the scalars below.
        let ascii: String? = text.withUTF8 { bytes in
            // Written into room on the stack (six bytes at most for each one read, as `\u001f`), then copied once.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count * 6 + 2) { out in
                var length = 0
                func append(_ byte: UInt8) {
                    out[length] = byte
                    length += 1
                }
                func escape(_ letter: UInt8) {
                    append(UInt8(ascii: "\\"))
                    append(letter)
                }
                append(UInt8(ascii: "\""))
                for byte in bytes {
                    switch byte {
                    case 0x80...: return nil
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape(byte)
                    case UInt8(ascii: "\n"): escape(UInt8(ascii: "n"))
                    case UInt8(ascii: "\r"): escape(UInt8(ascii: "r"))
                    case UInt8(ascii: "\t"): escape(UInt8(ascii: "t"))
                    case UInt8(ascii: "<"): for letter in "\\u003c".utf8 { append(letter) }
                    case ..<0x20:
                        for letter in "\\u00".utf8 { append(letter) }
                        append(Self.hexDigits[Int(byte >> 4)])
                        append(Self.hexDigits[Int(byte & 0xF)])
                    default: append(byte)
                    }
                }
                append(UInt8(ascii: "\""))
                return String(decoding: UnsafeBufferPointer(rebasing: out[..<length]), as: UTF8.self)
            }
        }
        if let ascii { return ascii }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    func files(theme: Theme) -> [RenderedFile] {
        [RenderedFile(path: "assets/search-index.js", data: script()),
         RenderedFile(path: "search/index.html", text: page(theme: theme))]
    }

    private func page(theme: Theme) -> String {
        let path = "search/index.html"
        let layout = LayoutContext(site: site).view(
            outputPath: path, title: "Search", description: "Search the toolkit's guides, surveys and session plans.",
            bodyClass: "search", breadcrumbs: [("Home", "index.html"), ("Search", nil)],
            scripts: ["search-index.js", "search.js"])
        let body = """
        <form class="search-form" role="search" action="index.html" method="get">
        <label for="search-input">Search the toolkit</label>
        <div class="search-row"><input id="search-input" name="q" type="search" autocomplete="off" aria-describedby="search-hint search-status">
        <button type="submit">Search</button></div>
        <p id="search-hint" class="hint">Search every guide, handout, session plan and survey. Words are matched in any form ("interviewing" finds "interviews"), and small typing slips are forgiven.</p>
        </form>
        <p id="search-status" role="status" aria-live="polite"></p>
        <ol id="search-results" class="search-results"></ol>
        <noscript><p>Search needs JavaScript. Without it, browse the <a href="../index.html#modules">modules</a> or the <a href="../surveys/index.html">surveys</a>.</p></noscript>
        """
        return theme.render(ListView(layout: layout, body: body), template: "list")
    }
}
