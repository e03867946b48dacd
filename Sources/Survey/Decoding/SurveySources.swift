import Diagnostics

/// A survey a page holds: written in its ```survey block, or named there with `include:`.
public enum SurveySource: Sendable, Equatable {
    /// YAML whose line `k` is line `k + lineOffset` of the page, with `columnOffset` columns taken off.
    case embedded(yaml: String, lineOffset: Int, columnOffset: Int)
    /// A file named relative to the page; `location` is where its path is written in the page.
    case include(path: String, location: SourceLocation, length: Int)
}

/// The one way to find the surveys of a page, used by `doorstep build` (from the page's directive
/// blocks) and by `doorstep survey check` (from the page's text), so that both find the same surveys.
public enum SurveySources {
    public static func sources(of blocks: [SurveyBlock], page: String) -> [SurveySource] {
        blocks.map { block in
            if let include = SurveyDecoder.include(yaml: block.yaml) {
                return .include(path: include.path,
                                location: SourceLocation(file: page, line: include.line + block.fenceLine,
                                                         column: include.column + block.indent),
                                length: include.length)
            }
            return .embedded(yaml: block.yaml, lineOffset: block.fenceLine, columnOffset: block.indent)
        }
    }

    /// The surveys of a page's text.
    public static func sources(inPage text: String, page: String) -> [SurveySource] {
        sources(of: SurveyBlocks.find(in: text), page: page)
    }

    /// The error for an `include:` that names no survey file, said the same way by both commands.
    public static func missingInclude(path: String, at location: SourceLocation, length: Int, lookedFor: String,
                                      suggestions: [String] = []) -> Diagnostic {
        .error("survey-include-missing", "the survey file '\(path)' does not exist", at: location, length: length,
               notes: ["looked for '\(lookedFor)'"] + suggestions)
    }
}
