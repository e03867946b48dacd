import Testing
@testable import Results

@Suite("Frequencies, suppression and feedback")
struct TablesTests {
    /// Generated answers with counts we know, read back through the whole chain.
    @Test func generatedAnswersGiveKnownFrequencies() {
        var generator = SeededGenerator(state: 42)
        var expected: [String: Int] = [:]
        var ticks: [String: Int] = [:]
        var rows = ["response_id,consent,used_park,visits,feel_safe,liked,age"]
        for n in 0..<1000 {
            let used = Bool.random(using: &generator) ? "yes" : "no"
            let safe = used == "yes" ? ["strongly_agree", "agree", "neither", "disagree", "dont_know"].randomElement(using: &generator) ?? "" : ""
            let liked = ["trees", "play", "cafe"].filter { _ in Bool.random(using: &generator) }
            let age = ["young", "middle", "older", "prefer_not_to_say"].randomElement(using: &generator) ?? ""
            expected["used_park=" + used, default: 0] += 1
            if !safe.isEmpty { expected["feel_safe=" + safe, default: 0] += 1 }
            expected["age=" + age, default: 0] += 1
            for code in liked { ticks[code, default: 0] += 1 }
            rows.append("id\(n),yes,\(used),\(used == "yes" ? "2" : ""),\(safe),\(liked.joined(separator: " ")),\(age)")
        }
        let result = findings(rows.joined(separator: "\n"))
        #expect(result.responses == 1000)
        for table in result.questions {
            for row in table.rows {
                let count = result.cells.count(row.cell)
                if table.id == "liked" {
                    #expect(count == ticks[row.code] ?? 0)
                } else if ["used_park", "feel_safe", "age"].contains(table.id) {
                    #expect(count == expected["\(table.id)=\(row.code)"] ?? 0, "\(table.id) \(row.code)")
                }
            }
        }
        let safe = result.question("feel_safe")
        let top = (expected["feel_safe=strongly_agree"] ?? 0) + (expected["feel_safe=agree"] ?? 0)
        #expect(safe.flatMap { $0.summary }.map { result.cells.count($0.cell) } == top)
        #expect(safe?.summary?.label == "agree or strongly agree")
        #expect(result.cells.count(safe?.notAsked ?? 0) == expected["used_park=no"])
    }

    /// An attacker who knows every published total and that "fewer than 5" means 1 to 4 narrows each hidden
    /// count by propagating all the sums together; no small count may come out exact.
    @Test func smallCountsCannotBeRecoveredFromTotals() {
        #expect(pinnedSmallCells(crossTab: false).isEmpty)
    }

    /// With a cross-tab, rows and columns are narrowed together too: the cells of a row and of a column
    /// tie the cross-tab to both frequency tables.
    @Test func smallCountsInACrossTabCannotBeRecovered() {
        #expect(pinnedSmallCells(crossTab: true).isEmpty)
    }

    /// Random tables of every shape, straight into the cell store: rows × columns of counts with their row,
    /// column and grand totals, the grand total always published. After suppression no count from 1 to
    /// threshold − 1 may be pinned, by an attacker who knows no count is above the grand total, unless the
    /// grand total alone gives it away; and no small count is shown.
    @Test func noSmallCellOfARandomTableCanBeRecoveredFromItsTotals() {
        var generator = SeededGenerator(state: 2026)
        var pinned: [String] = []
        var shown = 0, cellsTotal = 0
        for table in 0..<400 {
            let rowCount = Int.random(in: 1...5, using: &generator), columnCount = Int.random(in: 1...6, using: &generator)
            let threshold = Int.random(in: 3...6, using: &generator)
            let counts = (0..<rowCount).map { _ in
                (0..<columnCount).map { _ in
                    switch Int.random(in: 0..<10, using: &generator) {
                    case 0..<3: 0
                    case 3..<6: Int.random(in: 1..<threshold, using: &generator)
                    default: Int.random(in: threshold...60, using: &generator)
                    }
                }
            }
            var store = CellStore()
            let grand = store.add(counts.joined().reduce(0, +), fixed: true)
            let cells = counts.map { row in row.map { store.add($0) } }
            let rowTotals = counts.map { store.add($0.reduce(0, +)) }
            let columnTotals = (0..<columnCount).map { c in store.add(counts.reduce(0) { $0 + $1[c] }) }
            for r in 0..<rowCount { store.constrain(cells[r], total: rowTotals[r]) }
            for c in 0..<columnCount { store.constrain(cells.map { $0[c] }, total: columnTotals[c]) }
            store.constrain(rowTotals, total: grand)
            store.constrain(columnTotals, total: grand)
            store.suppress(threshold: threshold)
            let exact = attack(store, threshold: threshold, ceiling: store.count(grand)).union(attack(store, threshold: threshold))
            // What the grand total gives away whatever is hidden (a table of one row is the grand total).
            let given = attack(store, threshold: threshold, ceiling: store.count(grand), visibility: store.counts.indices.map { $0 == grand ? .shown : .hidden })
            for cell in store.counts.indices where !store.isShown(cell) && (1..<threshold).contains(store.count(cell)) && exact.contains(cell) && !given.contains(cell) {
                pinned.append("table \(table): cell \(cell) (\(store.count(cell)) of \(counts))")
            }
            for cell in store.counts.indices where store.isShown(cell) {
                #expect(!(1..<threshold).contains(store.count(cell)) || cell == grand, "a small count is shown")
                shown += 1
            }
            cellsTotal += store.counts.count
        }
        #expect(pinned.isEmpty, "\(pinned.prefix(5))")
        // Suppression that hid everything would pass the test above and tell a reader nothing.
        #expect(shown * 2 > cellsTotal, "\(shown) of \(cellsTotal) counts shown")
    }

    func pinnedSmallCells(crossTab: Bool) -> [String] {
        var pinned: [String] = []
        for seed in 1...60 {
            var generator = SeededGenerator(state: UInt64(seed))
            var rows = ["response_id,consent,used_park,feel_safe,age"]
            let size = Int.random(in: 6...40, using: &generator)
            for n in 0..<size {
                let used = Int.random(in: 0..<10, using: &generator) < 8 ? "yes" : "no"
                let safe = used == "yes" ? (Int.random(in: 0..<10, using: &generator) < 7 ? "agree" : ["strongly_agree", "disagree"].randomElement(using: &generator) ?? "") : ""
                let age = Int.random(in: 0..<10, using: &generator) < 8 ? "middle" : "older"
                rows.append("id\(n),yes,\(used),\(safe),\(age)")
            }
            var options = Tabulate.Options()
            if crossTab { options.crossTab = SurveyResultsConfig.CrossTab(question: "feel_safe", by: "age") }
            let result = findings(rows.joined(separator: "\n"), options: options)
            let exact = attack(result.cells, threshold: 5)
            // Every count from 1 to 4 that is not shown, whether it reads "fewer than 5" or "hidden".
            for cell in result.cells.counts.indices where result.cells.visibility[cell] != .shown && (1..<5).contains(result.cells.count(cell)) && exact.contains(cell) {
                pinned.append("seed \(seed): cell \(cell) (\(result.cells.count(cell)))")
            }
        }
        return pinned
    }

    /// Interval propagation over every published sum at once; returns the hidden cells pinned to one value.
    /// `ceiling`: what the attacker takes as the most any hidden count can be (the number of responses, if they
    /// reason that far).
    /// `visibility` in place of the store's: what the attacker would see with other cells hidden.
    func attack(_ store: CellStore, threshold: Int, ceiling: Int = 100_000, visibility: [CellStore.Visibility]? = nil) -> Set<Int> {
        let visibility = visibility ?? store.visibility
        var low = store.counts.indices.map { visibility[$0] == .shown ? store.counts[$0] : visibility[$0] == .small ? 1 : 0 }
        var high = store.counts.indices.map { visibility[$0] == .shown ? store.counts[$0] : visibility[$0] == .small ? threshold - 1 : ceiling }
        var changed = true
        while changed {
            changed = false
            for constraint in store.constraints {
                let terms = constraint.members.map { ($0, 1) } + [(constraint.total, -1)]
                for (cell, sign) in terms {
                    var a = 0, b = 0
                    for (other, s) in terms where other != cell {
                        let values = [-s * low[other], -s * high[other]]
                        a += values.min() ?? 0
                        b += values.max() ?? 0
                    }
                    let (from, to) = sign == 1 ? (a, b) : (-b, -a)
                    if from > low[cell] { low[cell] = from; changed = true }
                    if to < high[cell] { high[cell] = to; changed = true }
                }
            }
        }
        return Set(store.counts.indices.filter { visibility[$0] != .shown && low[$0] == high[$0] })
    }

    @Test func tinyTableHidesTheTotalThatWouldGiveItAway() {
        // 9 yes, 2 no: "no" is small, and 11 − 9 would reveal it, so "yes" is hidden too.
        let rows = ["response_id,consent,used_park"] + (0..<9).map { "y\($0),yes,yes" } + ["n1,yes,no", "n2,yes,no"]
        let result = findings(rows.joined(separator: "\n"))
        let table = result.question("used_park")
        let yes = table?.rows.first { $0.code == "yes" }, no = table?.rows.first { $0.code == "no" }
        #expect(no.map { result.display($0.cell) } == "fewer than 5")
        #expect(yes.map { result.display($0.cell) } == "hidden")
        #expect(ReportHTML.body(result).contains("fewer than 5"))
    }

    @Test func aHiddenNumberOfPeopleReadsAsASentence() {
        // 12 people; 2 left "age" blank, so 12 − 2 would give away the number who answered it: that is hidden.
        let rows = ["response_id,consent,used_park,age"] + (0..<10).map { "r\($0),yes,yes,\($0 < 5 ? "young" : "middle")" }
            + ["b1,yes,yes,", "b2,yes,yes,"]
        let result = findings(rows.joined(separator: "\n"))
        let table = result.question("age")
        #expect(table.map { result.display($0.answeredCell) } == "hidden")
        let body = ReportHTML.body(result)
        #expect(body.contains("<p class=\"results-base\">A hidden number answered; fewer than 5 left it blank.</p>"), "\(body)")
        #expect(!body.contains("hidden answered"))
    }

    @Test func feedbackFiguresComeFromTheResultsInEveryLanguage() {
        let rows = ["response_id,consent,used_park"] + (0..<30).map { "y\($0),yes,\($0 < 24 ? "yes" : "no")" }
        let result = findings(rows.joined(separator: "\n"))
        let yaml = """
        items:
          - you_said: {en: "{used_park.yes%} of {responses} people use the park.", cy: "Mae {used_park.yes%} yn defnyddio'r parc."}
            we_will: {en: "Mend the gate.", cy: "Trwsio'r giât."}
            who: {en: "The council", cy: "Y cyngor"}
            by_when: {en: "June", cy: "Mehefin"}
        """
        let (feedback, problems) = Feedback.decode(yaml, file: "feedback.yml", survey: Fixtures.park)
        #expect(problems.isEmpty, "\(problems)")
        guard let feedback else { return }
        #expect(FeedbackHTML.body(feedback, findings: result, language: "en", poster: false).contains("80% of 30 people use the park."))
        #expect(FeedbackHTML.body(feedback, findings: result, language: "cy", poster: true).contains("Mae 80% yn defnyddio"))
        let (_, bad) = Feedback.decode("items:\n  - you_said: {en: \"{used_park.maybe%}\"}\n", file: "f.yml", survey: Fixtures.park)
        #expect(bad.map(\.code).contains("R082"))
        #expect(bad.map(\.code).contains("R063"))
    }

    @Test func populationNeedsCodesOrAMapAndFlagsGroups() {
        let rows = ["response_id,consent,used_park,age"] + (0..<40).map { "r\($0),yes,yes,\($0 < 26 ? "middle" : $0 < 38 ? "older" : "young")" }
        let yaml = """
        source: Made-up test figures
        margin: 5
        variables:
          age:
            counts: {"Aged 16 to 34": 300, middle: 400, older: 300}
            map: {"Aged 16 to 34": young}
        """
        let (profile, problems) = PopulationProfile.decode(yaml, file: "population.yml", survey: Fixtures.park)
        #expect(problems.isEmpty, "\(problems)")
        var options = Tabulate.Options()
        options.population = profile
        options.weightBy = "age"
        let result = findings(rows.joined(separator: "\n"), options: options)
        let flags = result.population?.groups.first?.rows.map { "\($0.code) \($0.flag.rawValue)" }
        #expect(flags == ["young under-represented", "middle over-represented", "older in line"])
        let young = result.question("age")?.rows.first { $0.code == "young" }
        #expect(abs((young?.weightedPercent ?? 0) - 30) < 0.01)
        let (_, unmapped) = PopulationProfile.decode("source: x\nvariables:\n  age:\n    percent: {\"16-34\": 30, middle: 70}\n",
                                                     file: "p.yml", survey: Fixtures.park)
        #expect(unmapped.map(\.code).contains("R073"))
    }
}

