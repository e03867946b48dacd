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
        var rounds = 0
        while rounds <= counts.count {
            rounds += 1
            let exact = pinned(threshold: threshold, ceiling: ceiling)
            guard !exact.isEmpty else { return }
            // Hide one more member of a sum that holds a pinned cell; failing that, of any sum with a hidden cell.
            var hid = false
            let pinnedSet = Set(exact)
            let holding = constraints.filter { c in c.members.contains(where: pinnedSet.contains) || pinnedSet.contains(c.total) }
            let touched = constraints.filter { c in (c.members + [c.total]).contains { visibility[$0] != .shown } }
            for constraint in holding + touched {
                let candidates = (constraint.members + [constraint.total]).filter { visibility[$0] == .shown && !fixed.contains($0) }
                let nonZero = candidates.filter { counts[$0] > 0 }
                guard let pick = (nonZero.isEmpty ? candidates : nonZero).min(by: { (counts[$0], $0) < (counts[$1], $1) }) else { continue }
                visibility[pick] = .hidden
                hid = true
                break
            }
            if !hid { return }
        }
    }

    /// Hidden cells whose value a reader can pin down by narrowing every published sum together, knowing
    /// that "fewer than 5" means 1 to 4.
    func pinned(threshold: Int, ceiling: Int) -> [Int] {
        var low = counts.indices.map { visibility[$0] == .shown ? counts[$0] : visibility[$0] == .small ? 1 : 0 }
        var high = counts.indices.map { visibility[$0] == .shown ? counts[$0] : visibility[$0] == .small ? threshold - 1 : ceiling }
        let relevant = constraints.filter { c in (c.members + [c.total]).contains { visibility[$0] != .shown } }
        var changed = true
        var passes = 0
        while changed && passes < 50 {
            changed = false
            passes += 1
            for constraint in relevant {
                let terms = constraint.members.map { ($0, 1) } + [(constraint.total, -1)]
                var sumLow = 0, sumHigh = 0
                for (cell, sign) in terms {
                    sumLow += sign == 1 ? low[cell] : -high[cell]
                    sumHigh += sign == 1 ? high[cell] : -low[cell]
                }
                for (cell, sign) in terms where visibility[cell] != .shown {
                    // Others' range: the whole range less this term's own part.
                    let ownLow = sign == 1 ? low[cell] : -high[cell], ownHigh = sign == 1 ? high[cell] : -low[cell]
                    let restLow = sumLow - ownLow, restHigh = sumHigh - ownHigh
                    let (from, to) = sign == 1 ? (-restHigh, -restLow) : (restLow, restHigh)
                    if from > low[cell] { low[cell] = from; changed = true }
                    if to < high[cell] { high[cell] = to; changed = true }
                }
            }
        }
        return counts.indices.filter { visibility[$0] != .shown && low[$0] >= high[$0] }
    }
}
