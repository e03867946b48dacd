import Foundation
import Diagnostics
import Markdown

/// Turns a Markdown file into a `Page`: front matter, the libcmark tree, headings and directive blocks.
public enum PageParser {
    public static func parse(_ file: SourceFile, moduleID: String?, slug: String,
                             directives: DirectiveRegistry) -> (Page?, [Diagnostic]) {
        let split = FrontMatterSplit.split(file.text)
        var (frontMatter, diagnostics) = FrontMatter.decode(split, file: file.path)
        let (document, problems) = MarkdownParser.parseReporting(split.body)
        for problem in problems {
            diagnostics.append(.warning(problem.code, problem.message,
                at: SourceLocation(file: file.path, line: problem.line + split.bodyLineOffset, column: problem.column)))
        }
        var blocks: [DecodedDirective] = []
        var tooDeep = false
        document.forEach { node in
            switch node {
            case .codeBlock(let info, let code, let span):
                let words = info.split(separator: " ", maxSplits: 1)
                guard let first = words.first.map(String.init) else { return }
                let fenceLine = span.startLine + split.bodyLineOffset
                let location = SourceLocation(file: file.path, line: fenceLine, column: span.startColumn)
                let block = DirectiveBlock(
                    name: first, argument: words.count > 1 ? String(words[1]).trimmingCharacters(in: .whitespaces) : "",
                    content: code, location: location, contentLineOffset: fenceLine)
                if let (decoded, found) = directives.decode(block) {
                    blocks.append(decoded)
                    diagnostics += found
                } else if let guess = Suggestion.closest(to: first, in: directives.names), guess != first {
                    diagnostics.append(.warning("directive-unknown",
                        "'\(first)' is not a directive, so this block is shown as code",
                        at: location.shifted(lines: 0, columns: 3), length: first.count, notes: ["did you mean '\(guess)'?"]))
                }
            case .htmlBlock(_, let span):
                diagnostics.append(.warning("raw-html", "raw HTML is not published; write it in Markdown instead",
                    at: SourceLocation(file: file.path, line: span.startLine + split.bodyLineOffset, column: span.startColumn)))
            case .tooDeep(let span):
                guard !tooDeep else { return }  // one error for one cause
                tooDeep = true
                diagnostics.append(.error("markdown-too-deep",
                    "lists, quotes or emphasis are nested more than \(MarkdownParser.maximumDepth) levels deep here; what is inside is not published",
                    at: SourceLocation(file: file.path, line: span.startLine + split.bodyLineOffset, column: max(1, span.startColumn))))
            default:
                break
            }
        }
        guard let matter = frontMatter else { return (nil, diagnostics) }
        frontMatter = matter
        var page = Page(sourcePath: file.path, moduleID: moduleID, slug: slug, frontMatter: matter, document: document,
                        bodyLineOffset: split.bodyLineOffset, headings: HTMLRenderer.headings(in: document),
                        directives: blocks)
        if matter.audience?.expectsPlainEnglish ?? true { page.readingLevel = ReadabilityCheck.measure(page) }
        return (page, diagnostics)
    }
}
