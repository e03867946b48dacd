/// Every count a report publishes, with the sums that tie them together, so that small counts can be
/// hidden and no total, margin or summary gives them back.
public struct CellStore: Sendable, Equatable {
    public enum Visibility: Sendable, Equatable {
        case shown
        /// Primary suppression: from 1 to threshold − 1, shown as "fewer than 5".
        case small
        /// Secondary suppression: hidden so that a published total cannot reveal a small count.
        case hidden
    }

    /// A published sum: the members add up to the total.
    public struct Constraint: Sendable, Equatable {
        public var members: [Int]
        public var total: Int
    }

    public private(set) var counts: [Int] = []
    public private(set) var visibility: [Visibility] = []
    public private(set) var constraints: [Constraint] = []
    /// Cells that are always published (the number of responses).
    var fixed: Set<Int> = []

    public init() {}

    public mutating func add(_ count: Int, fixed isFixed: Bool = false) -> Int {
        counts.append(count)
        visibility.append(.shown)
        if isFixed { fixed.insert(counts.count - 1) }
        return counts.count - 1
    }

    public mutating func constrain(_ members: [Int], total: Int) {
        constraints.append(Constraint(members: members, total: total))
    }

    public func count(_ cell: Int) -> Int { counts[cell] }
    public func isShown(_ cell: Int) -> Bool { visibility[cell] == .shown }

    /// Hides counts from 1 to `threshold − 1`, then hides more cells until, in every published sum, no hidden
    /// count can be worked out exactly from the others and the bounds a reader knows ("fewer than 5" means 1 to 4).
    public mutating func suppress(threshold: Int) {
        for cell in counts.indices where !fixed.contains(cell) && counts[cell] > 0 && counts[cell] < threshold {
            visibility[cell] = .small
        }
        let ceiling = max(counts.max() ?? 0, 1) * 2 + threshold
        var changed = true
        var rounds = 0
        while changed && rounds <= counts.count {
            changed = false
            rounds += 1
            for constraint in constraints where revealsHidden(constraint, threshold: threshold, ceiling: ceiling) {
                let candidates = (constraint.members + [constraint.total]).filter { visibility[$0] == .shown && !fixed.contains($0) }
                let nonZero = candidates.filter { counts[$0] > 0 }
                // Prefer a member with a count; a zero hidden beside a small count still leaves its range open.
                guard let pick = (nonZero.isEmpty ? candidates : nonZero).min(by: { (counts[$0], $0) < (counts[$1], $1) }) else { continue }
                visibility[pick] = .hidden
                changed = true
            }
        }
    }

    /// True when some hidden cell of the sum has only one value it could take.
    func revealsHidden(_ constraint: Constraint, threshold: Int, ceiling: Int) -> Bool {
        // members − total = 0, as terms with a sign.
        let terms = constraint.members.map { ($0, 1) } + [(constraint.total, -1)]
        let unknown = terms.filter { visibility[$0.0] != .shown }
        guard !unknown.isEmpty else { return false }
        func bounds(_ cell: Int) -> (Int, Int) {
            switch visibility[cell] {
            case .shown: (counts[cell], counts[cell])
            case .small: (1, threshold - 1)
            case .hidden: (0, ceiling)
            }
        }
        for (cell, sign) in unknown {
            // sign·x = −Σ others; the others' range gives x's range.
            var low = 0, high = 0
            for (other, otherSign) in terms where other != cell {
                let (a, b) = bounds(other)
                let values = [-otherSign * a, -otherSign * b]
                low += values.min() ?? 0
                high += values.max() ?? 0
            }
            let (ownLow, ownHigh) = bounds(cell)
            let range = sign == 1 ? (low, high) : (-high, -low)
            let from = max(range.0, ownLow), to = min(range.1, ownHigh)
            if from >= to { return true }
        }
        return false
    }
}
