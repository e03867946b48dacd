import Foundation
import Markdown

/// A ```survey block of a Markdown page.
public struct SurveyBlock: Sendable, Equatable {
    public var yaml: String
    /// The line of the opening fence: line `k` of `yaml` is line `k + fenceLine` of the page.
    public var fenceLine: Int
    /// Columns before the fence, which the Markdown parser took off every line of `yaml`.
    public var indent: Int

    public init(yaml: String, fenceLine: Int, indent: Int) {
        self.yaml = yaml
        self.fenceLine = fenceLine
        self.indent = indent
    }
}

/// An embedded block that only names a survey file: `include: park.survey.yml`, relative to the page.
public struct SurveyInclude: Sendable, Equatable {
    public var path: String
    /// Where the path is written in the block's YAML, 1-based.
    public var line: Int
    public var column: Int
    /// Characters to underline, quotes included.
    public var length: Int
}

/// Finds the survey blocks of a Markdown page from its parsed tree; front matter plays no part in it.
public enum SurveyBlocks {
    public static func find(in page: String) -> [SurveyBlock] {
        var blocks: [SurveyBlock] = []
        MarkdownParser.parse(blankingFrontMatter(page)).forEach { node in
            guard case .codeBlock(let info, let code, let span) = node,
                  info.split(separator: " ", maxSplits: 1).first == "survey" else { return }
            blocks.append(SurveyBlock(yaml: code, fenceLine: span.startLine, indent: max(0, span.startColumn - 1)))
        }
        return blocks
    }

    /// The page with its front matter, if any, turned into blank lines: nothing in it can open a fence,
    /// and every later line keeps its number.
    static func blankingFrontMatter(_ page: String) -> String {
        var lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            return page
        }
        for index in 0...end { lines[index] = "" }
        return lines.joined(separator: "\n")
    }
}
