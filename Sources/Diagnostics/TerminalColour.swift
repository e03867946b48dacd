import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Colour for diagnostics on a terminal: never when the output is piped or saved to a file, never when
/// `NO_COLOR` is set to anything (https://no-color.org), never on a `TERM=dumb` terminal.
public enum TerminalColour {
    public static func wanted(environment: [String: String], isTerminal: Bool) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTerminal
    }

    /// Whether this process should colour what it writes to standard error.
    public static var onStandardError: Bool {
        wanted(environment: ProcessInfo.processInfo.environment, isTerminal: isatty(STDERR_FILENO) == 1)
    }

    public enum Tone: String, Sendable {
        case error = "1;31", warning = "1;33", note = "36", bold = "1"
    }

    /// `text` in `tone` when `enabled`; as it is otherwise.
    public static func paint(_ text: String, _ tone: Tone, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(tone.rawValue)m\(text)\u{1B}[0m" : text
    }
}
