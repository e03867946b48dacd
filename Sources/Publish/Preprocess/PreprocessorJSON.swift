import Foundation

/// What a preprocessor reads on standard input and writes on standard output, version 1. Keys are
/// written in snake_case. docs/authoring.md describes it for people who write preprocessors.
public enum PreprocessorJSON {
    public static let version = 1

    public struct Input: Codable, Sendable, Equatable {
        public var version: Int
        /// The version of doorstep running the preprocessor.
        public var doorstep: String
        public var pages: [Page]
    }

    /// One Markdown page as it stands before this preprocessor (earlier ones may have changed it).
    public struct Page: Codable, Sendable, Equatable {
        /// Relative to the project: `toolkit-modules/ethics-and-consent/consent-form.md`, `content/about.md`.
        public var path: String
        /// The module folder the page belongs to; absent for site-wide pages in content/.
        public var module: String?
        /// The front matter's YAML, without its `---` lines; absent when the page has none.
        public var frontMatter: String?
        /// The Markdown after the front matter.
        public var markdown: String
        /// The line of the file on which `markdown` starts (1 for a page without front matter).
        public var markdownLine: Int
    }

    public struct Output: Codable, Sendable, Equatable {
        public var version: Int
        /// Only the pages that changed, each with its whole new Markdown.
        public var pages: [ChangedPage]?
        public var diagnostics: [Reported]?
    }

    public struct ChangedPage: Codable, Sendable, Equatable {
        public var path: String
        public var markdown: String
    }

    /// A problem the preprocessor found, reported with the build's own.
    public struct Reported: Codable, Sendable, Equatable {
        /// `error` (stops the build) or `warning`.
        public var severity: String
        public var message: String
        /// The page, and a line and column in its file (counted from the top of the file, front matter included).
        public var path: String?
        public var line: Int?
        public var column: Int?
        public var code: String?
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
