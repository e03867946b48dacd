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

    /// Hides counts from 1 to `threshold − 1`, then hides more cells until, in every published sum, no small
    /// count can be worked out exactly from the others and the bounds a reader knows ("fewer than 5" means 1 to 4).
    /// Each round changes at least one cell for good, so there are at most twice as many rounds as cells:
    /// first one more shown count in a sum that gives a small count away; when none is left, the small count
    /// itself is shown as "hidden" instead of "fewer than 5", so the reader no longer knows it is at least 1;
    /// last, every shown count in those sums. What the published number of responses gives away by itself (a
    /// table of one row is that number) cannot be hidden, and is left as it is.
    public mutating func suppress(threshold: Int) {
        for cell in counts.indices where !fixed.contains(cell) && counts[cell] > 0 && counts[cell] < threshold {
            visibility[cell] = .small
        }
        let ceiling = max(counts.max() ?? 0, 1) * 2 + threshold
        var sums: [[Int]] = Array(repeating: [], count: counts.count)
        for (number, constraint) in constraints.enumerated() {
            for cell in constraint.members + [constraint.total] { sums[cell].append(number) }
        }
        while true {
            let all = pinned(threshold: threshold, ceiling: ceiling)
            let exact = all.filter { counts[$0] > 0 && counts[$0] < threshold }
            guard !exact.isEmpty else { return }
            // A small count is often given away through a larger hidden one that a reader can work out first.
            if hideOneMore(around: exact, sums: sums) || hideOneMore(around: all, sums: sums) { continue }
            let stillSmall = exact.filter { visibility[$0] == .small }
            if !stillSmall.isEmpty {
                for cell in stillSmall { visibility[cell] = .hidden }
                continue
            }
            if !hideOneMore(around: all, sums: sums, all: true) { return }
        }
    }

    /// For each pinned cell, hides the smallest shown count (or, with `all`, every shown count) in the sums
    /// through it, those with the fewest hidden terms first. False when there was nothing left to hide.
    mutating func hideOneMore(around pinned: [Int], sums: [[Int]], all: Bool = false) -> Bool {
        var hid = false
        for cell in pinned {
            let through = sums[cell].map { constraints[$0] }.sorted { hiddenTerms($0) < hiddenTerms($1) }
            for constraint in through {
                let candidates = (constraint.members + [constraint.total]).filter { visibility[$0] == .shown && !fixed.contains($0) }
                guard !candidates.isEmpty else { continue }
                hid = true
                if all {
                    for candidate in candidates { visibility[candidate] = .hidden }
                    continue
                }
                let nonZero = candidates.filter { counts[$0] > 0 }
                if let pick = (nonZero.isEmpty ? candidates : nonZero).min(by: { (counts[$0], $0) < (counts[$1], $1) }) {
                    visibility[pick] = .hidden
                }
                break
            }
        }
        return hid
    }

    /// How many terms of a sum a reader cannot see.
    func hiddenTerms(_ constraint: Constraint) -> Int {
        (constraint.members + [constraint.total]).count { visibility[$0] != .shown }
    }

    /// Hidden cells whose value a reader can pin down by narrowing every published sum together, knowing
    /// that "fewer than 5" means 1 to 4.
    func pinned(threshold: Int, ceiling: Int) -> [Int] {
        var low = counts.indices.map { visibility[$0] == .shown ? counts[$0] : visibility[$0] == .small ? 1 : 0 }
        var high = counts.indices.map { visibility[$0] == .shown ? counts[$0] : visibility[$0] == .small ? threshold - 1 : ceiling }
        let relevant = constraints.filter { c in (c.members + [c.total]).contains { visibility[$0] != .shown } }
        var changed = true
        var passes = 0
        // Narrowing stops when nothing changes; the cap only guards against a sum that narrows one step a pass.
        while changed && passes < 10_000 {
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
