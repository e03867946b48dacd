import Diagnostics
import Yams

/// One entry of `preprocessors:` in `content/site.yml`: a program and its arguments, run without a shell,
/// with a time limit.
///
/// ```yaml
/// preprocessors:
///   - command: [python3, scripts/preprocessors/glossary_links.py]
///     timeout: 10
/// ```
public struct PreprocessorCommand: Sendable, Hashable {
    /// The program, then its arguments, exactly as written: nothing is split, expanded or interpolated.
    public var arguments: [Located<String>]
    /// Seconds the program may run before it and everything it started are stopped.
    public var timeout: Double
    /// Whether the build may reuse the program's last output when its input and the files its command names are unchanged.
    public var cache = true
    /// `each_page: true`: the program's output for a page depends only on that page and on the files in `reads`,
    /// so a build gives it only the pages that changed since their output was kept.
    public var eachPage = false
    /// `reads:` files the program reads besides its input, relative to the project. Their contents are part of what
    /// its kept output depends on; with `each_page`, those that are pages are given to it on every run.
    public var reads: [Located<String>] = []
    public var location: SourceLocation

    public static let defaultTimeout = 10.0
    public static let timeoutRange = 1.0...600.0
    static let keys = ["command", "timeout", "cache", "each_page", "reads"]

    /// How the command is named in messages: `python3 scripts/preprocessors/glossary_links.py`.
    public var display: String { arguments.map(\.value).joined(separator: " ") }

    static func flag(_ text: String) -> Bool? {
        switch text {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    static func decodeList(_ node: Node, reader: YAMLReader, diagnostics: inout [Diagnostic]) -> [PreprocessorCommand] {
        guard case .sequence(let sequence) = node else {
            diagnostics.append(.error("yaml-type", "'preprocessors' must be a list, each item with a 'command'",
                                      at: reader.location(of: node)))
            return []
        }
        return sequence.compactMap { decode($0, reader: reader, diagnostics: &diagnostics) }
    }

    static func decode(_ node: Node, reader: YAMLReader, diagnostics: inout [Diagnostic]) -> PreprocessorCommand? {
        guard var map = reader.mapping(node, what: "preprocessor", diagnostics: &diagnostics) else { return nil }
        diagnostics += map.unknownKeys(allowed: keys)
        guard let command = map["command"] else {
            diagnostics.append(.error("key-missing", "preprocessor is missing the required key 'command'", at: map.location))
            return nil
        }
        guard case .sequence(let words) = command else {
            diagnostics.append(.error("preprocessor-command",
                "'command' must be a list: the program, then each argument, such as [python3, scripts/preprocessors/glossary_links.py]",
                at: reader.location(of: command), notes: ["the command is not run through a shell, so it is never split at spaces"]))
            return nil
        }
        var arguments: [Located<String>] = []
        for word in words {
            guard case .scalar(let scalar) = word, !scalar.string.isEmpty else {
                diagnostics.append(.error("yaml-type", "each item of 'command' must be a word of text", at: reader.location(of: word)))
                return nil
            }
            arguments.append(Located(scalar.string, at: reader.location(of: word)))
        }
        guard !arguments.isEmpty else {
            diagnostics.append(.error("preprocessor-command", "'command' is empty: name the program to run", at: reader.location(of: command)))
            return nil
        }
        var timeout = defaultTimeout
        if let value = map["timeout"] {
            guard let seconds = value.string.flatMap(Double.init), timeoutRange.contains(seconds) else {
                diagnostics.append(.error("preprocessor-timeout",
                    "'timeout' is the number of seconds the preprocessor may run, from \(Int(timeoutRange.lowerBound)) to \(Int(timeoutRange.upperBound))",
                    at: reader.location(of: value)))
                return nil
            }
            timeout = seconds
        }
        var cache = true
        if let value = map["cache"] {
            guard let flag = value.string.flatMap(Self.flag) else {
                diagnostics.append(.error("yaml-type", "'cache' is true or false: false runs the preprocessor on every build",
                                          at: reader.location(of: value)))
                return nil
            }
            cache = flag
        }
        var eachPage = false
        if let value = map["each_page"] {
            guard let flag = value.string.flatMap(Self.flag) else {
                diagnostics.append(.error("yaml-type",
                    "'each_page' is true or false: true gives the preprocessor only the pages that changed, for one whose output for a page depends on nothing but that page and its 'reads' files",
                    at: reader.location(of: value)))
                return nil
            }
            eachPage = flag
        }
        var reads: [Located<String>] = []
        if let value = map["reads"] {
            guard case .sequence(let files) = value else {
                diagnostics.append(.error("yaml-type", "'reads' must be a list of files in the project, such as [content/glossary.md]",
                                          at: reader.location(of: value)))
                return nil
            }
            for file in files {
                guard case .scalar(let scalar) = file, !scalar.string.isEmpty, !scalar.string.hasPrefix("/") else {
                    diagnostics.append(.error("yaml-type", "each item of 'reads' is a file's path from the project folder, such as content/glossary.md",
                                              at: reader.location(of: file)))
                    return nil
                }
                reads.append(Located(scalar.string, at: reader.location(of: file)))
            }
        }
        return PreprocessorCommand(arguments: arguments, timeout: timeout, cache: cache, eachPage: eachPage, reads: reads,
                                   location: map.location)
    }
}
