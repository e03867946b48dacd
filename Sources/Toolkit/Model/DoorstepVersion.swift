/// The version of this doorstep, as `doorstep --version` prints it and as module manifests name it.
public enum DoorstepVersion {
    public static let current = "1.0.0"
}

/// A version such as `1.2` or `1.2.3`; missing parts count as 0, so `1.2` and `1.2.0` are equal.
public struct Version: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var parts: [Int]

    public init?(_ text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(pieces.count) else { return nil }
        var parts: [Int] = []
        for piece in pieces {
            guard !piece.isEmpty, piece.count <= 6, piece.allSatisfy(\.isASCII), let number = Int(piece), number >= 0 else { return nil }
            parts.append(number)
        }
        self.parts = parts + Array(repeating: 0, count: 3 - parts.count)
    }

    public var description: String { parts.map(String.init).joined(separator: ".") }

    public static func < (lhs: Version, rhs: Version) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }
}

/// The Doorstep versions a module works with, as its manifest states them: `">= 1.2, < 2"`.
public struct VersionRequirement: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        // Two-character operators first, so that `>=` is not read as `>` followed by `=1.2`.
        case atLeast = ">=", atMost = "<=", equal = "==", above = ">", below = "<", exactly = "="

        func holds(_ version: Version, against bound: Version) -> Bool {
            switch self {
            case .atLeast: version >= bound
            case .atMost: version <= bound
            case .equal, .exactly: version == bound
            case .above: version > bound
            case .below: version < bound
            }
        }
    }

    public var conditions: [(comparison: Comparison, version: Version)]
    public let text: String

    /// Reads the requirement, or says in plain words what is wrong with it.
    public static func parse(_ text: String) -> Result<VersionRequirement, RequirementProblem> {
        var conditions: [(Comparison, Version)] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let condition = piece.trimmedOfSpaces
            guard !condition.isEmpty else { return .failure(RequirementProblem(text: "there is an empty condition between commas")) }
            let comparison = Comparison.allCases.first { condition.hasPrefix($0.rawValue) }
            let rest = String(condition.dropFirst(comparison?.rawValue.count ?? 0)).trimmedOfSpaces
            guard let version = Version(rest) else {
                return .failure(RequirementProblem(text: "'\(condition)' is not a comparison such as '>= 1.2' or '< 2'"))
            }
            conditions.append((comparison ?? .exactly, version))
        }
        return .success(VersionRequirement(conditions: conditions, text: text))
    }

    public func isSatisfied(by version: Version) -> Bool {
        conditions.allSatisfy { $0.comparison.holds(version, against: $0.version) }
    }

    public var description: String { text }

    public static func == (lhs: VersionRequirement, rhs: VersionRequirement) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    init(conditions: [(Comparison, Version)], text: String) {
        self.conditions = conditions.map { (comparison: $0.0, version: $0.1) }
        self.text = text
    }
}

public struct RequirementProblem: Error, Sendable, Hashable {
    public var text: String
}

private extension StringProtocol {
    var trimmedOfSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(String(drop(while: isSpace).reversed().drop(while: isSpace).reversed()))
    }
}
