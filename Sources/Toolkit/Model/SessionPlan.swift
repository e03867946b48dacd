import Foundation
import Diagnostics
import Yams

/// A timed workshop plan from a ` ```session ` block.
public struct SessionPlan: Sendable, Hashable {
    public struct Activity: Sendable, Hashable {
        public var minutes: Int
        public var activity: String
        public var lead: String?
        public var notes: String?
        public var handouts: [Located<String>]
        public var isBreak: Bool
        public var location: SourceLocation
    }

    public var title: String
    public var duration: Int
    public var durationLocation: SourceLocation
    public var audience: String?
    public var objectives: [String]
    public var materials: [String]
    public var room: String?
    public var activities: [Activity]
    public var location: SourceLocation

    /// Minutes from the start at which each activity begins.
    public var startOffsets: [Int] {
        var offsets: [Int] = []
        var clock = 0
        for activity in activities {
            offsets.append(clock)
            clock += activity.minutes
        }
        return offsets
    }

    public var plannedMinutes: Int { activities.reduce(0) { $0 + $1.minutes } }

    /// `95` → `1:35`.
    public static func clock(_ minutes: Int) -> String {
        "\(minutes / 60):\(String(format: "%02d", minutes % 60))"
    }

    /// A day: longer plans are mistakes, and the cap keeps the sums far from overflowing.
    static let maximumMinutes = 1440

    static let keys = ["title", "duration", "audience", "objectives", "materials", "room", "activities"]
    static let activityKeys = ["minutes", "activity", "lead", "notes", "handouts", "break"]

    public static func decode(_ block: DirectiveBlock) -> (SessionPlan?, [Diagnostic]) {
        let reader = YAMLReader(file: block.location.file, lineOffset: block.contentLineOffset)
        var diagnostics: [Diagnostic] = []
        let (node, syntax) = reader.compose(block.content)
        diagnostics += syntax
        guard let node, var map = reader.mapping(node, what: "session plan", diagnostics: &diagnostics) else {
            if syntax.isEmpty {
                diagnostics.append(.error("session-empty", "the session block is empty", at: block.location))
            }
            return (nil, diagnostics)
        }
        diagnostics += map.unknownKeys(allowed: keys)
        let title = map.string("title", required: true, diagnostics: &diagnostics)
        var duration = map.int("duration", required: true, diagnostics: &diagnostics)
        if let value = duration, !(1...maximumMinutes).contains(value) {
            diagnostics.append(.error("session-minutes", "a session lasts 1 to \(maximumMinutes) minutes (a day), not \(value)",
                                      at: map.location(of: "duration")))
            duration = nil
        }
        var activities: [Activity] = []
        switch map["activities"] {
        case .sequence(let sequence)?:
            for item in sequence {
                guard var activity = reader.mapping(item, what: "activity", diagnostics: &diagnostics) else { continue }
                diagnostics += activity.unknownKeys(allowed: activityKeys)
                var minutes = activity.int("minutes", required: true, diagnostics: &diagnostics)
                if let value = minutes, !(1...maximumMinutes).contains(value) {
                    diagnostics.append(.error("session-minutes", "an activity lasts 1 to \(maximumMinutes) minutes, not \(value)",
                                              at: activity.location(of: "minutes")))
                    minutes = nil
                }
                let isBreak = activity.bool("break", diagnostics: &diagnostics) ?? false
                let what = activity.string("activity", required: true, diagnostics: &diagnostics)
                guard let minutes, let what else { continue }
                activities.append(Activity(
                    minutes: minutes, activity: what,
                    lead: activity.string("lead", diagnostics: &diagnostics),
                    notes: activity.string("notes", diagnostics: &diagnostics),
                    handouts: activity.stringList("handouts", diagnostics: &diagnostics) ?? [],
                    isBreak: isBreak, location: activity.location))
            }
        case nil:
            diagnostics.append(.error("key-missing", "session plan is missing the required key 'activities'", at: map.location))
            return (nil, diagnostics)
        default:
            diagnostics.append(.error("yaml-type", "'activities' must be a list", at: map.location(of: "activities")))
        }
        guard let title, let duration else { return (nil, diagnostics) }
        let plan = SessionPlan(
            title: title, duration: duration, durationLocation: map.location(of: "duration"),
            audience: map.string("audience", diagnostics: &diagnostics),
            objectives: map.stringList("objectives", diagnostics: &diagnostics)?.map(\.value) ?? [],
            materials: map.stringList("materials", diagnostics: &diagnostics)?.map(\.value) ?? [],
            room: map.string("room", diagnostics: &diagnostics),
            activities: activities, location: block.location)
        return (plan, diagnostics)
    }
}
