import Diagnostics

/// A label, hint or other text that a survey shows, in one or several languages.
public struct LocalizedText: Sendable, Equatable {
    /// Text by language code, in the order written; a plain string is stored under `nil`.
    public var entries: [Entry]
    public var location: SourceLocation?

    public struct Entry: Sendable, Equatable {
        public var language: String?
        public var text: String
        public var location: SourceLocation?

        public init(language: String?, text: String, location: SourceLocation? = nil) {
            self.language = language
            self.text = text
            self.location = location
        }
    }

    public init(entries: [Entry], location: SourceLocation? = nil) {
        self.entries = entries
        self.location = location
    }

    /// A single-language text, as written without a language map.
    public init(_ text: String, location: SourceLocation? = nil) {
        self.init(entries: [Entry(language: nil, text: text, location: location)], location: location)
    }

    /// True when the text was written as a plain string rather than a language map.
    public var isPlain: Bool { entries.count == 1 && entries[0].language == nil }

    public var languages: [String] { entries.compactMap(\.language) }

    /// The text in `language`, else the plain text, else the first one written.
    public func text(in language: String?) -> String {
        if let language, let entry = entries.first(where: { $0.language == language }) { return entry.text }
        if let plain = entries.first(where: { $0.language == nil }) { return plain.text }
        return entries.first?.text ?? ""
    }

    /// The text for one language only when it was actually given (a plain string counts for the default).
    public func exactText(in language: String?, isDefault: Bool) -> String? {
        if let entry = entries.first(where: { $0.language == language }) { return entry.text }
        if isDefault || language == nil, let plain = entries.first(where: { $0.language == nil }) { return plain.text }
        return nil
    }
}
