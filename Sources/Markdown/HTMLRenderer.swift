/// Hooks through which the caller decides what the plain CommonMark renderer cannot:
/// directives in fenced blocks, where links point, and what raw HTML becomes.
public struct RenderHooks {
    /// HTML for a fenced block, or nil to render it as ordinary code.
    public var codeBlock: (_ info: String, _ code: String, _ span: SourceSpan) -> String?
    /// The URL to write for a link or image destination found in the source.
    public var destination: (_ destination: String, _ span: SourceSpan) -> String

    public init(
        codeBlock: @escaping (String, String, SourceSpan) -> String? = { _, _, _ in nil },
        destination: @escaping (String, SourceSpan) -> String = { destination, _ in destination }
    ) {
        self.codeBlock = codeBlock
        self.destination = destination
    }
}

/// A heading as it appears in the rendered page: for the "on this page" list and anchor checks.
public struct Heading: Hashable, Sendable {
    public var level: Int
    public var text: String
    public var id: String
}

/// Renders a `MarkdownNode` tree to HTML. Raw HTML from the source is never passed through.
public struct HTMLRenderer {
    public var hooks: RenderHooks
    /// Added to every heading level, so that a page's `#` headings sit below the page title.
    public var headingShift: Int
    /// Put before every heading id: Markdown nested in a directive gets ids apart from the page's own.
    public var idPrefix: String

    public init(hooks: RenderHooks = RenderHooks(), headingShift: Int = 0, idPrefix: String = "") {
        self.hooks = hooks
        self.headingShift = headingShift
        self.idPrefix = idPrefix
    }

    /// Headings with the ids `render` gives them.
    public static func headings(in document: MarkdownNode) -> [Heading] {
        var found: [(Int, String)] = []
        // Headings are blocks, found only among blocks: the walk does not go down into paragraphs and tables.
        func visit(_ node: MarkdownNode) {
            switch node {
            case .heading(let level, _, _): found.append((level, node.plainText))
            case .document(let blocks), .blockQuote(let blocks, _), .item(let blocks, _): blocks.forEach(visit)
            case .list(_, _, _, let items, _): items.forEach(visit)
            case .footnotes(let notes): for note in notes { note.content.forEach(visit) }
            default: break
            }
        }
        visit(document)
        let ids = HeadingSlug.uniqueSlugs(found.map(\.1))
        return zip(found, ids).map { Heading(level: $0.0, text: $0.1, id: $1) }
    }

    /// `headingIDs` are the ids `headings(in:)` gives the document's headings, when the caller already has
    /// them (a page keeps its headings), so that they are not found a second time.
    public func render(_ document: MarkdownNode, headingIDs ids: [String]? = nil) -> String {
        var headingIDs = (ids ?? Self.headings(in: document).map(\.id)).makeIterator()
        var output = ""
        render(document, into: &output, tight: false, headingIDs: &headingIDs)
        return output
    }

    private func render(
        _ node: MarkdownNode, into out: inout String, tight: Bool, headingIDs: inout IndexingIterator<[String]>
    ) {
        func children(_ nodes: [MarkdownNode], tight: Bool = false) {
            for child in nodes { render(child, into: &out, tight: tight, headingIDs: &headingIDs) }
        }
        switch node {
        case .document(let nodes):
            children(nodes)
        case .blockQuote(let nodes, _):
            out += "<blockquote>\n"; children(nodes); out += "</blockquote>\n"
        case .list(let ordered, let start, let isTight, let items, _):
            let startAttribute = ordered && start != 1 ? " start=\"\(start)\"" : ""
            let taskList = items.contains { if case .item(let nodes, _) = $0 { return FormFields.task(nodes) != nil } else { return false } }
            out += ordered ? "<ol\(startAttribute)\(taskList ? " class=\"task-list\"" : "")>\n" : taskList ? "<ul class=\"task-list\">\n" : "<ul>\n"
            children(items, tight: isTight)
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .item(var nodes, _):
            if let task = FormFields.task(nodes) {
                out += "<li class=\"task-item\">" + FormFields.taskBox(ticked: task.ticked)
                nodes = task.nodes
            } else {
                out += "<li>"
            }
            if tight {
                for (index, child) in nodes.enumerated() {
                    if case .paragraph(let inlines, _) = child {
                        children(inlines)
                        if index < nodes.count - 1 { out += "\n" }
                    } else {
                        if index == 0 { out += "\n" }
                        render(child, into: &out, tight: false, headingIDs: &headingIDs)
                    }
                }
            } else {
                out += "\n"; children(nodes)
            }
            out += "</li>\n"
        case .codeBlock(let info, let code, let span):
            if let html = hooks.codeBlock(info, code, span) {
                out += html
                if !html.hasSuffix("\n") { out += "\n" }
            } else {
                let language = info.split(separator: " ").first.map { " class=\"language-\(HTML.escape(String($0)))\"" } ?? ""
                out += "<pre><code\(language)>\(HTML.escape(code))</code></pre>\n"
            }
        case .htmlBlock, .inlineHTML, .tooDeep:
            break
        case .paragraph(let inlines, _) where FormFields.hasFillIn(inlines):
            renderFillIn(inlines, into: &out, headingIDs: &headingIDs)
        case .paragraph(let inlines, _):
            out += "<p>"; children(inlines); out += "</p>\n"
        case .heading(let level, let inlines, _):
            let shown = min(6, level + headingShift)
            let id = headingIDs.next() ?? HeadingSlug.slug(node.plainText)
            out += "<h\(shown) id=\"\(idPrefix)\(id)\">"; children(inlines); out += "</h\(shown)>\n"
        case .thematicBreak:
            out += "<hr>\n"
        case .table(let cells, let alignments, _):
            renderTable(cells, alignments: alignments, into: &out, headingIDs: &headingIDs)
        case .text(let text):
            out += HTML.escape(text)
        case .softBreak:
            out += "\n"
        case .lineBreak:
            out += "<br>\n"
        case .code(let code):
            out += "<code>\(HTML.escape(code))</code>"
        case .emphasis(let inlines):
            out += "<em>"; children(inlines); out += "</em>"
        case .strong(let inlines):
            out += "<strong>"; children(inlines); out += "</strong>"
        case .strikethrough(let inlines):
            out += "<del>"; children(inlines); out += "</del>"
        case .footnoteReference(_, let number, let occurrence):
            let back = occurrence > 1 ? "-\(occurrence)" : ""
            out += "<sup class=\"footnote-ref\"><a href=\"#\(idPrefix)fn-\(number)\" id=\"\(idPrefix)fnref-\(number)\(back)\" aria-label=\"Note \(number)\">\(number)</a></sup>"
        case .footnotes(let notes):
            out += "<section class=\"footnotes\" aria-label=\"Notes\">\n<ol>\n"
            for note in notes {
                var body = ""
                render(.document(note.content), into: &body, tight: false, headingIDs: &headingIDs)
                let links = (1...max(1, note.references)).map { occurrence in
                    let id = "\(idPrefix)fnref-\(note.number)\(occurrence > 1 ? "-\(occurrence)" : "")"
                    let label = note.references > 1 ? "Back to reference \(note.number) (\(occurrence))" : "Back to reference \(note.number)"
                    return "<a href=\"#\(id)\" class=\"footnote-back\" aria-label=\"\(label)\">↩</a>"
                }.joined(separator: " ")
                // The way back sits at the end of the note's last paragraph, as GitHub puts it.
                if body.hasSuffix("</p>\n") {
                    body = String(body.dropLast(5)) + " " + links + "</p>\n"
                } else {
                    body += "<p>" + links + "</p>\n"
                }
                out += "<li id=\"\(idPrefix)fn-\(note.number)\">\n" + body + "</li>\n"
            }
            out += "</ol>\n</section>\n"
        case .link(let destination, let title, let inlines, let span):
            let target = hooks.destination(destination, span)
            // The check stage reports refused schemes; whatever reaches here is never made a live link.
            guard !URLPolicy.classify(target).isRefused else { children(inlines); return }
            let href = HTML.escape(target)
            let titleAttribute = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            out += "<a href=\"\(href)\"\(titleAttribute)>"; children(inlines); out += "</a>"
        case .image(let source, let title, let alt, let span):
            let target = hooks.destination(source, span)
            guard !URLPolicy.classify(target).isRefused else { out += HTML.escape(alt.map(\.plainText).joined()); return }
            let src = HTML.escape(target)
            let titleAttribute = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            let altText = HTML.escape(alt.map(\.plainText).joined())
            out += "<img src=\"\(src)\" alt=\"\(altText)\"\(titleAttribute) loading=\"lazy\">"
        }
    }

    /// A paragraph with `____` blanks: each source line is a row of labels and lines to write on.
    private func renderFillIn(_ inlines: [MarkdownNode], into out: inout String, headingIDs: inout IndexingIterator<[String]>) {
        out += "<div class=\"fill-in-fields\">\n"
        for line in FormFields.lines(inlines) {
            var label = ""
            out += "<p class=\"fill-in-row\">"
            for inline in line {
                guard case .text(let text) = inline else {
                    render(inline, into: &label, tight: false, headingIDs: &headingIDs)
                    continue
                }
                for piece in FormFields.pieces(text) {
                    switch piece {
                    case .label(let words): label += HTML.escape(words)
                    case .blank(let length):
                        if !label.trimmingCharacters(in: .whitespaces).isEmpty { out += "<span class=\"fill-in-label\">\(label)</span>" }
                        label = ""
                        out += FormFields.blank(length)
                    }
                }
            }
            if !label.trimmingCharacters(in: .whitespaces).isEmpty { out += "<span class=\"fill-in-label\">\(label)</span>" }
            out += "</p>\n"
        }
        out += "</div>\n"
    }

    private func renderTable(
        _ cells: TableCells, alignments: [TableAlignment],
        into out: inout String, headingIDs: inout IndexingIterator<[String]>
    ) {
        func cell(_ tag: String, _ inlines: ArraySlice<MarkdownNode>, _ column: Int) {
            let alignment = column < alignments.count ? alignments[column] : .none
            let style = alignment == .none ? "" : " class=\"align-\(alignment.rawValue)\""
            let scope = tag == "th" ? " scope=\"col\"" : ""
            out += "<\(tag)\(scope)\(style)>"
            for inline in inlines { render(inline, into: &out, tight: false, headingIDs: &headingIDs) }
            out += "</\(tag)>"
        }
        // Focusable, so a table wider than a phone can be scrolled sideways with the keyboard too.
        out += "<div class=\"table-wrap\" role=\"group\" aria-label=\"Table\" tabindex=\"0\"><table>\n<thead>\n<tr>"
        for column in 0..<cells.columns { cell("th", cells.cell(row: 0, column: column), column) }
        out += "</tr>\n</thead>\n<tbody>\n"
        for row in 1..<max(1, cells.rowCount) {
            out += "<tr>"
            for column in 0..<cells.columns { cell("td", cells.cell(row: row, column: column), column) }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
    }
}
