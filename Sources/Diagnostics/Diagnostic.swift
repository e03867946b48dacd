public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// One finding about the user's files. Every stage returns these as values so that a run can report
/// all of them at once instead of stopping at the first.
public struct Diagnostic: Hashable, Sendable, Codable {
    public var severity: Severity
    /// A stable identifier (for example `S101` or `link-broken`) that people can search for and silence.
    public var code: String
    public var message: String
    public var location: SourceLocation?
    /// How many characters from `location` the caret underline covers.
    public var length: Int
    public var notes: [String]

    public init(
        _ severity: Severity, code: String, _ message: String,
        at location: SourceLocation? = nil, length: Int = 1, notes: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.length = max(1, length)
        self.notes = notes
    }

    public static func error(
        _ code: String, _ message: String, at location: SourceLocation? = nil, length: Int = 1, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.error, code: code, message, at: location, length: length, notes: notes)
    }

    public static func warning(
        _ code: String, _ message: String, at location: SourceLocation? = nil, length: Int = 1, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, message, at: location, length: length, notes: notes)
    }

    public var isError: Bool { severity == .error }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.isError } }
    public var errorCount: Int { filter(\.isError).count }
    public var warningCount: Int { count - errorCount }

    /// File order, then line and column, so that output reads top to bottom and is the same every run.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { a, b in
            switch (a.location, b.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return (a.severity, a.code, a.message) < (b.severity, b.code, b.message)
            }
        }
    }
}
