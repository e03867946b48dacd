import Diagnostics

/// A language a survey is written in: `en: English` gives XLSForm's column suffix `English (en)`.
public struct Language: Sendable, Equatable {
    public var code: String
    public var name: String
    public var location: SourceLocation?

    public init(code: String, name: String, location: SourceLocation? = nil) {
        self.code = code
        self.name = name
        self.location = location
    }

    /// How XLSForm and ODK name the language in column headers and settings.
    public var xlsFormName: String { "\(name) (\(code))" }
}
