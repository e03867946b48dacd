import Diagnostics
import Survey

/// All responses to one survey, from every file and mode, each person once.
public struct ResponseSet: Sendable {
    /// People who were asked: completed responses and refusals. Visits where nobody was at home are
    /// counted in `notAtHome` and are not responses.
    public var responses: [Response]
    public var duplicates: Int
    public var files: Int
    public var notAtHome: Int = 0
    /// Responses whose file records an outcome for every visit, so rates can be worked out from them.
    public var outcomesRecorded: Int = 0

    /// Everyone the team tried to reach, when the files record outcomes: responses, refusals and nobody at home.
    public var visits: Int? { outcomesRecorded > 0 ? responses.count + notAtHome : nil }

    /// Keeps the first of responses that share an id. The same answers twice (a file exported twice, or
    /// from KoboToolbox and ODK Central both) is a warning; different answers under one id is an error.
    public static func merge(_ files: [[Response]]) -> (ResponseSet, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var seen: [String: Int] = [:]
        var kept: [Response] = []
        var duplicates = 0
        kept.reserveCapacity(files.reduce(0) { $0 + $1.count })
        for response in files.joined() {
            guard response.hasOwnID else {
                kept.append(response)
                continue
            }
            if let first = seen[response.id] {
                duplicates += 1
                let earlier = kept[first]
                let location = SourceLocation(file: response.file, line: response.line, column: 1)
                if earlier.values == response.values && earlier.refused == response.refused {
                    diagnostics.append(.warning("R050", "response '\(response.id)' is already in \(earlier.file):\(earlier.line); it is counted once",
                                                at: location))
                } else {
                    diagnostics.append(.error("R051", "response '\(response.id)' is also in \(earlier.file):\(earlier.line) with different answers; only the first is counted",
                                              at: location, notes: ["find out which is right and delete the other row"]))
                }
                continue
            }
            seen[response.id] = kept.count
            kept.append(response)
        }
        let notAtHome = kept.filter { $0.outcome == ResponseOutcome.notAtHome.rawValue }.count
        let recorded = kept.filter { !$0.outcome.isEmpty }.count
        var set = ResponseSet(responses: kept.filter { $0.outcome != ResponseOutcome.notAtHome.rawValue }, duplicates: duplicates, files: files.count)
        set.notAtHome = notAtHome
        set.outcomesRecorded = recorded
        return (set, diagnostics)
    }
}
