import Diagnostics

/// Skip logic may only look back: at earlier questions, at codes they have, with values of the right type.
struct ConditionChecks {
    let survey: Survey

    func run(_ findings: inout Findings) {
        let questions = survey.questions
        let positions = Self.positions(questions)
        let cycleEdges = cycles(&findings)
        for (position, question) in questions.enumerated() {
            guard let condition = question.showIf else { continue }
            for test in condition.tests {
                let location = test.questionLocation
                guard let targetIndex = positions[test.question] else {
                    findings.error("S014", "'show_if' refers to '\(test.question)', which is not a question in this survey",
                                   at: location, length: test.question.count,
                                   notes: Suggestion.note(for: test.question, in: questions[..<position].map(\.id)))
                    continue
                }
                let target = questions[targetIndex]
                if targetIndex == position {
                    findings.error("S016", "'show_if' of '\(question.id)' refers to the question itself", at: location,
                                   length: test.question.count)
                    continue
                }
                if targetIndex > position, !cycleEdges.contains(Edge(from: question.id, to: target.id)) {
                    findings.error("S015", "'show_if' refers to '\(target.id)', which comes after this question", at: location,
                                   length: test.question.count)
                }
                checkValues(test, target: target, &findings)
            }
        }
    }

    func checkValues(_ test: ConditionTest, target: Question, _ findings: inout Findings) {
        let type = target.type
        let name = type.rawValue
        if type == .note {
            findings.error("S018", "'\(target.id)' is a note and has no answer to compare", at: test.questionLocation,
                           length: target.id.count)
            return
        }
        if test.comparison == .answered {
            for value in test.values where value.kind != .boolean || value.text.lowercased() == "yes" || value.text.lowercased() == "no" {
                findings.error("S018", "'answered' takes true or false, not '\(value.text)'", at: value.location, length: value.text.count)
            }
            return
        }
        if type == .date || type == .ranking {
            findings.error("S018", "'\(target.id)' is \(type.article) \(name) question; only 'answered' can be tested", at: test.questionLocation,
                           length: target.id.count)
            return
        }
        if test.comparison.isNumeric {
            guard type.isNumeric else {
                findings.error("S018", "'\(test.comparison.rawValue)' compares numbers, but '\(target.id)' is \(type.article) \(name) question",
                               at: test.questionLocation, length: target.id.count)
                return
            }
            for value in test.values where value.kind != .number {
                findings.error("S018", "'\(test.comparison.rawValue)' needs a number, not '\(value.text)'", at: value.location,
                               length: value.text.count)
            }
            return
        }
        if type.isNumeric {
            for value in test.values where value.kind != .number {
                findings.error("S018", "'\(target.id)' is \(type.article) \(name) question, so compare it with a number, not '\(value.text)'",
                               at: value.location, length: value.text.count)
            }
            return
        }
        for value in test.values where value.isUnquotedBoolean {
            findings.error("S023", "the value \(value.text) is not quoted, so YAML reads it as true or false; write \"\(value.text)\"",
                           at: value.location, length: value.text.count)
        }
        guard type.hasChoices else { return }
        let codes = survey.options(for: target).map(\.code)
        guard !codes.isEmpty else { return }
        for value in test.values where !codes.contains(value.text) {
            findings.error("S017", "'\(target.id)' has no choice with the code '\(value.text)'", at: value.location,
                           length: value.text.count, notes: Suggestion.note(for: value.text, in: codes))
        }
    }

    struct Edge: Hashable {
        let from: String
        let to: String
    }

    /// Reports each cycle once, at the first question in it, and returns its edges so they are not reported again as forward references.
    func cycles(_ findings: inout Findings) -> Set<Edge> {
        let questions = survey.questions
        let positions = Self.positions(questions)
        var edges: [String: [(String, SourceLocation?)]] = [:]
        for question in questions {
            guard let condition = question.showIf else { continue }
            for test in condition.tests where test.question != question.id && positions[test.question] != nil {
                if !(edges[question.id] ?? []).contains(where: { $0.0 == test.question }) {
                    edges[question.id, default: []].append((test.question, test.questionLocation))
                }
            }
        }
        var reported: Set<Set<String>> = []
        var cycleEdges: Set<Edge> = []
        for start in questions.map(\.id) {
            // Depth-first search for a path back to `start`. Each question is reached once, so the path to it is kept
            // as a link to the question it was reached from: copying whole paths made long surveys take minutes.
            var stack = [start]
            var cameFrom: [String: String] = [:]
            var visited: Set<String> = []
            func path(to node: String) -> [String] {
                var path = [node]
                while let previous = cameFrom[path[path.count - 1]] { path.append(previous) }
                return path.reversed()
            }
            while let node = stack.popLast() {
                for (next, _) in edges[node] ?? [] {
                    if next == start {
                        let path = path(to: node)
                        let members = Set(path)
                        guard !reported.contains(members) else { continue }
                        reported.insert(members)
                        for (from, to) in zip(path, path.dropFirst() + [start]) { cycleEdges.insert(Edge(from: from, to: to)) }
                        let first = path.min { (positions[$0] ?? 0) < (positions[$1] ?? 0) } ?? start
                        let rotated = rotate(path, toStartAt: first)
                        let location = edges[first]?.first { rotated.count > 1 && $0.0 == rotated[1] }?.1
                        findings.error("S019", "'show_if' conditions form a cycle: \((rotated + [first]).joined(separator: " → "))",
                                       at: location, length: rotated.count > 1 ? rotated[1].count : 1)
                    } else if !visited.contains(next) {
                        visited.insert(next)
                        cameFrom[next] = node
                        stack.append(next)
                    }
                }
            }
        }
        return cycleEdges
    }

    /// Where each question id first appears, looked up once rather than searched for every condition.
    static func positions(_ questions: [Question]) -> [String: Int] {
        Dictionary(questions.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    func rotate(_ path: [String], toStartAt first: String) -> [String] {
        guard let index = path.firstIndex(of: first) else { return path }
        return Array(path[index...] + path[..<index])
    }
}
