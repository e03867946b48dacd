import Diagnostics

/// A misspelt key is read as the key it is closest to, so that one typo is one error: `lable:` is
/// reported, and the question still has its label.
public enum KeyTypos {
    /// Each unknown key of `keys` that stands for an allowed key the map lacks, mapped to that key.
    public static func corrections(keys: [String], allowed: [String]) -> [String: String] {
        // Most maps hold allowed keys only: nothing to correct, and no sets to make.
        guard keys.contains(where: { !allowed.contains($0) }) else { return [:] }
        let present = Set(keys)
        var taken = Set<String>()
        var result: [String: String] = [:]
        for key in keys where !allowed.contains(key) {
            guard let guess = Suggestion.closest(to: key, in: allowed), !present.contains(guess),
                  taken.insert(guess).inserted else { continue }
            result[key] = guess
        }
        return result
    }
}
