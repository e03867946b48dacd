import Diagnostics

/// `Suggestion.note`, plus swapped neighbouring letters ("lable" → "label"), the commonest typo,
/// which plain edit distance counts as two changes.
enum DidYouMean {
    static func note<S: Sequence>(for word: String, in candidates: S) -> [String] where S.Element == String {
        let list = Array(candidates)
        let note = Suggestion.note(for: word, in: list)
        if !note.isEmpty { return note }
        let target = Array(word.lowercased())
        for candidate in list {
            let other = Array(candidate.lowercased())
            guard other.count == target.count, other.count >= 2 else { continue }
            let differences = zip(target, other).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
            if differences.count == 2, differences[1] == differences[0] + 1,
               target[differences[0]] == other[differences[1]], target[differences[1]] == other[differences[0]] {
                return ["did you mean '\(candidate)'?"]
            }
        }
        return []
    }
}
