import Diagnostics
import Yams

/// The one way the generator reads YAML: the node tree, or a located error in plain words; aliases that
/// would stand for too many values are refused at the alias; ` #` that cuts unquoted text short is warned of.
public struct YAMLDocument {
    /// The tree, nil when the text holds no value or cannot be read.
    public let root: Node?
    public let diagnostics: [Diagnostic]

    /// Most values a file may hold once its aliases are expanded.
    public static let maxValues = 100_000

    /// - Parameters:
    ///   - locate: maps a 1-based line and column of `text` to the file.
    ///   - textKeys: keys whose plain values are prose (labels, titles), where ` #` starts a comment by surprise.
    public init(_ text: String, textKeys: Set<String> = [], maxValues: Int = YAMLDocument.maxValues,
                locate: (Int, Int) -> SourceLocation) {
        // The reader compares keys by their whole value, so an alias standing for millions of values used
        // as a key would take hours before any count could stop it; no Doorstep file needs such a key.
        if let place = Self.keyThatIsNotAWord(in: text) {
            root = nil
            diagnostics = [.error(YAMLCode.complexKey, "this key is a list, a map or an alias, not a word",
                                  at: locate(place.line, place.column),
                                  notes: ["keys are words such as 'label'; with aliases in the file, other keys are refused"])]
            return
        }
        // The parser owns the anchors the tree points to weakly, so it stays alive while the tree is walked.
        let parser: Parser
        let node: Node?
        do {
            // The encoding is named rather than left to `.default`, which reads the whole environment on every
            // call. Values are read as the text they are written as (`order: 3` is read by the key that wants a
            // number), so no scalar needs its type guessed: `.basic` takes every plain scalar as a string, where
            // `.default` would try seven regular expressions on each (about 2% of a build). Keys are then
            // compared as text, so `1:` and `'1':` in one mapping are the same key.
            parser = try Parser(yaml: text, resolver: .basic, constructor: Self.constructor, encoding: .utf8)
            node = try parser.singleRoot()
        } catch {
            root = nil
            diagnostics = [YAMLSyntax.diagnostic(error, yaml: text, locate: locate)]
            return
        }
        guard let node else {
            root = nil
            diagnostics = []
            return
        }
        var walk = YAMLWalk(limit: maxValues, textKeys: textKeys, lines: textKeys.isEmpty ? nil : YAMLLines(text))
        walk.visit(node, key: nil)
        withExtendedLifetime(parser) {}
        if walk.total > maxValues {
            root = nil
            if let alias = walk.culprit, let place = Self.alias(alias.name, occurrence: alias.occurrence, in: text) {
                diagnostics = [.error(YAMLCode.aliasLimit,
                    "the alias *\(alias.name) here makes the file stand for more than \(maxValues) values",
                    at: locate(place.line, place.column), length: alias.name.count + 1,
                    notes: ["aliases that repeat other aliases multiply; write the values out instead"])]
            } else {
                diagnostics = [.error(YAMLCode.tooLarge, "the file holds more than \(maxValues) values",
                                      at: locate(node.mark?.line ?? 1, node.mark?.column ?? 1),
                                      notes: ["split it into smaller files"])]
            }
            return
        }
        root = node
        diagnostics = walk.comments.map { place in
            .warning(YAMLCode.commentInText,
                     "the text after ' #' is left out: in YAML it starts a comment",
                     at: locate(place.line, place.column), length: place.length,
                     notes: ["put the whole text in quotes to keep it: \"…\""])
        }
    }

    /// Yams's `.default` makes a new constructor, with three new tables, for every file read; its tables are
    /// constants and never changed, so one serves every file, on every thread.
    nonisolated(unsafe) private static let constructor = Constructor()

    /// In a text that uses aliases, the first key that is not a plain word: `? …`, `*name:`, `[…]:` or `{…}:`.
    static func keyThatIsNotAWord(in text: String) -> (line: Int, column: Int)? {
        // Only a text with an alias is looked at, and an alias starts with `*`: most files have none.
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        let lines = YAMLLines(text)
        var hasAlias = false
        var first: (line: Int, column: Int)?
        for number in 1...lines.count {
            let chars = lines.line(number)
            let shape = lines.shape(number)
            YAMLLines.forEachOutsideQuotes(chars) { i in
                let c = chars[i]
                let afterSpace = i == 0 || " \t[{,:?".unicodeScalars.contains(chars[i - 1])
                func followedByColon(_ from: Int) -> Bool {
                    var j = from
                    while j < chars.count, chars[j] == " " { j += 1 }
                    return j < chars.count && chars[j] == ":" && (j + 1 == chars.count || YAMLLines.isSpace(chars[j + 1]))
                }
                let isIndicator = i + 1 == chars.count || YAMLLines.isSpace(chars[i + 1])
                if c == "?", isIndicator, i == shape.start || (i > 0 && "{,".unicodeScalars.contains(chars[i - 1]))
                    || (i > 1 && chars[i - 1] == " " && "{,".unicodeScalars.contains(chars[i - 2])) {
                    first = first ?? (number, i + 1)
                }
                if c == "]" || c == "}", followedByColon(i + 1) { first = first ?? (number, i + 1) }
                if c == "*", afterSpace, i + 1 < chars.count, !YAMLLines.isSpace(chars[i + 1]) {
                    hasAlias = true
                    var end = i + 1
                    while end < chars.count, !" \t,]}".unicodeScalars.contains(chars[end]) {
                        if chars[end] == ":", end + 1 == chars.count || YAMLLines.isSpace(chars[end + 1]) { break }
                        end += 1
                    }
                    if followedByColon(end) { first = first ?? (number, i + 1) }
                }
                return true
            }
        }
        return hasAlias ? first : nil
    }

    /// Line and column of the `occurrence`-th (1-based) `*name` in the text, outside comments and quotes.
    static func alias(_ name: String, occurrence: Int, in text: String) -> (line: Int, column: Int)? {
        let target = Array(name.unicodeScalars)
        let lines = YAMLLines(text)
        var seen = 0
        for number in 1...lines.count {
            let chars = lines.line(number)
            var found: Int?
            YAMLLines.forEachOutsideQuotes(chars) { i in
                let end = i + 1 + target.count
                if chars[i] == "*", end <= chars.count, Array(chars[(i + 1)..<end]) == target,
                   end == chars.count || " \t,]}".unicodeScalars.contains(chars[end]) {
                    seen += 1
                    if seen == occurrence { found = i }
                }
                return found == nil
            }
            if let found { return (number, found + 1) }
        }
        return nil
    }
}

/// One pass over the tree in document order: counts values with every alias expanded (each anchored
/// node is walked once, its size then reused), and finds prose cut short by a comment.
struct YAMLWalk {
    let limit: Int
    let textKeys: Set<String>
    let lines: YAMLLines?
    var total = 0
    /// Values under each anchor, by the anchor object, once its node has been walked.
    var sizes: [ObjectIdentifier: Int] = [:]
    /// How many times each anchor name has been used by an alias so far.
    var uses: [String: Int] = [:]
    var culprit: (name: String, occurrence: Int)?
    var comments: [(line: Int, column: Int, length: Int)] = []

    mutating func visit(_ node: Node, key: String?) {
        guard total <= limit else { return }
        if let anchor = node.anchor {
            let id = ObjectIdentifier(anchor)
            if let size = sizes[id] {
                // Not the anchor but an alias to it.
                uses[anchor.rawValue, default: 0] += 1
                total = total > limit - size ? limit + 1 : total + size
                if total > limit, culprit == nil { culprit = (anchor.rawValue, uses[anchor.rawValue] ?? 1) }
                return
            }
            let before = total
            walkChildren(node, key: key)
            sizes[id] = total - before
            return
        }
        walkChildren(node, key: key)
    }

    private mutating func walkChildren(_ node: Node, key: String?) {
        total += 1
        switch node {
        case .mapping(let mapping):
            for (keyNode, value) in mapping {
                visit(keyNode, key: nil)
                let name = keyNode.scalar?.string
                // A map under a prose key holds the same text per language: `label: {en: …, cy: …}`.
                visit(value, key: name.flatMap { textKeys.contains($0) ? $0 : nil })
                if let name, textKeys.contains(name), case .mapping(let languages) = value {
                    for (_, text) in languages { checkComment(text) }
                }
            }
        case .sequence(let sequence):
            for item in sequence { visit(item, key: nil) }
        case .scalar:
            if key != nil { checkComment(node) }
        case .alias:
            break
        }
    }

    /// A plain value on one line followed by ` #`: the reader took the rest of the line as a comment.
    private mutating func checkComment(_ node: Node) {
        guard let lines, let scalar = node.scalar, scalar.style == .plain, !scalar.string.isEmpty,
              let mark = node.mark else { return }
        let chars = lines.line(mark.line)
        let text = Array(scalar.string.unicodeScalars)
        let start = mark.column - 1
        guard start >= 0, start + text.count <= chars.count, Array(chars[start..<(start + text.count)]) == text else { return }
        var i = start + text.count
        guard i < chars.count, YAMLLines.isSpace(chars[i]) else { return }
        while i < chars.count, YAMLLines.isSpace(chars[i]) { i += 1 }
        guard i < chars.count, chars[i] == "#", i + 1 < chars.count else { return }
        comments.append((mark.line, i + 1, chars.count - i))
    }
}
