/// A theme template read once into a tree the renderer walks with typed views, so rendering a page costs
/// no dynamic casts to the engine's protocols.
///
/// The tree is read by the same rules as swift-mustache, which checks and reports on every template
/// first: which lines are "standalone" and vanish, how text is split at line ends, how a partial and a
/// block are indented. So a page comes out byte for byte as that engine would write it. A template using
/// what this reader leaves out (transforms such as `{{uppercased(title)}}`, changed delimiters,
/// `{{%CONTENT_TYPE}}`, dynamic partials) is not read here, and its theme is rendered by swift-mustache.
struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(TemplateName, escaped: Bool)
        case section(TemplateName, [Node])
        case invertedSection(TemplateName, [Node])
        /// `{{> name}}`, or `{{< name}}…{{/name}}` with the blocks it fills. A standalone partial is
        /// indented by the whitespace before it; one inside a line is not (`indentation` nil).
        case partial(String, indentation: String?, blocks: [String: [Node]]?)
        /// `{{$name}}…{{/name}}` outside a `{{<…}}`: what a parent fills in, or else its default.
        case block(String, default: [Node], indentation: String)
        /// `{{$name}}…{{/name}}` directly inside a `{{<…}}`; collected into the partial's blocks.
        case blockDefinition(String, [Node])
    }

    let nodes: [Node]

    /// Reads `text`, or returns nil when it uses something this reader leaves to swift-mustache, or is
    /// not a template at all (swift-mustache has reported that already).
    init?(_ text: String) {
        var reader = Reader(text)
        guard let nodes = try? Self.parse(&reader, state: State()) else { return nil }
        self.nodes = nodes
    }

    struct Unsupported: Error {}

    struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: Substring?

        func inSection(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func inInheritingPartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    static func parse(_ reader: inout Reader, state: State) throws -> [Node] {
        var nodes: [Node] = []
        var state = state
        var whiteSpaceBefore: Substring = ""
        while !reader.atEnd {
            if state.newLine {
                let whiteSpace = reader.read(while: { $0 == " " || $0 == "\t" })
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = whiteSpace.dropFirst(indent.count)
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try textUntilTagOrNewline(&reader)
            if reader.current.isNewline {
                nodes.append(.text(String(whiteSpaceBefore) + text + String(reader.current)))
                state.newLine = true
                reader.advance()
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(String(whiteSpaceBefore) + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if reader.atEnd { break }
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
            }
            var setNewLine = false
            switch reader.current {
            case "#", "^":
                let inverted = reader.current == "^"
                reader.advance()
                let name = try readName(&reader)
                if isStandalone(&reader, state: state) { setNewLine = true } else { flushWhiteSpace() }
                let inner = try parse(&reader, state: state.inSection(name, newLine: setNewLine))
                let parsed = TemplateName(name)
                nodes.append(inverted ? .invertedSection(parsed, inner) : .section(parsed, inner))
            case "/":
                reader.advance()
                let name = try readName(&reader)
                guard name == state.sectionName else { throw Unsupported() }
                // A closing tag alone on its line takes its line end with it; the caller goes on with the line
                // state of the opening tag, as swift-mustache does.
                if !isStandalone(&reader, state: state) { flushWhiteSpace() }
                return nodes
            case "!":
                reader.advance()
                guard reader.skip(past: "}}") else { throw Unsupported() }
                setNewLine = isStandalone(&reader, state: state)
            case "{", "&":
                let triple = reader.current == "{"
                flushWhiteSpace()
                reader.advance()
                let name = try readName(&reader)
                if triple { guard reader.current == "}" else { throw Unsupported() }; reader.advance() }
                nodes.append(.variable(TemplateName(name), escaped: false))
            case ">":
                reader.advance()
                _ = reader.read(while: \.isWhitespace)
                guard reader.current != "*" else { throw Unsupported() }
                let name = try readPartialName(&reader)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(String(whiteSpaceBefore))) }
                if isStandalone(&reader, state: state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: String(whiteSpaceBefore), blocks: nil))
                } else {
                    nodes.append(.partial(name, indentation: nil, blocks: nil))
                }
                whiteSpaceBefore = ""
            case "<":
                reader.advance()
                _ = reader.read(while: \.isWhitespace)
                let name = try readPartialName(&reader)
                guard name.first != "*" else { throw Unsupported() }
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(String(whiteSpaceBefore))) }
                if isStandalone(&reader, state: state) { setNewLine = true }
                let inner = try parse(&reader, state: state.inInheritingPartial(name))
                var blocks: [String: [Node]] = [:]
                for node in inner {
                    switch node {
                    case .blockDefinition(let block, let nodes): blocks[block] = nodes
                    case .text: break
                    default: throw Unsupported()
                    }
                }
                nodes.append(.partial(name, indentation: String(whiteSpaceBefore), blocks: blocks))
                whiteSpaceBefore = ""
            case "$":
                reader.advance()
                let name = try readName(&reader)
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(&reader, state: state) { setNewLine = true }
                    let inner = try parse(&reader, state: state.inSection(name, newLine: setNewLine))
                    nodes.append(.blockDefinition(name, inner))
                } else {
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(String(whiteSpaceBefore))) }
                    if isStandalone(&reader, state: state) { setNewLine = true }
                    let inner = try parse(&reader, state: state.inSection(name, newLine: setNewLine))
                    nodes.append(.block(name, default: inner, indentation: String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
            case "=", "%":
                throw Unsupported()
            default:
                flushWhiteSpace()
                let name = try readName(&reader)
                nodes.append(.variable(TemplateName(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Unsupported() }
        return nodes
    }

    /// Text up to the next `{{` (which is consumed) or line end (which is not). A template that ends in one
    /// `{` is not one swift-mustache reads, so it is not read here either.
    static func textUntilTagOrNewline(_ reader: inout Reader) throws -> String {
        var text = ""
        while !reader.atEnd {
            text += reader.read(while: { $0 != "\n" && $0 != "\r\n" && $0 != "{" })
            if reader.current.isNewline { break }
            if reader.current == "{" {
                if reader.skip("{{") { break }
                var ahead = reader
                ahead.advance()
                guard !ahead.atEnd else { throw Unsupported() }
                text.append("{")
                reader.advance()
            }
        }
        return text
    }

    /// A tag's name and its closing `}}`. A name with brackets calls a transform, left to swift-mustache.
    static func readName(_ reader: inout Reader) throws -> String {
        _ = reader.read(while: \.isWhitespace)
        let name = String(reader.read(while: { nameCharacters.contains($0) }))
        _ = reader.read(while: \.isWhitespace)
        guard reader.skip("}}"), !name.contains("("), !name.contains(")") else { throw Unsupported() }
        return name
    }

    static func readPartialName(_ reader: inout Reader) throws -> String {
        _ = reader.read(while: \.isWhitespace)
        let name = String(reader.read(while: { partialNameCharacters.contains($0) }))
        _ = reader.read(while: \.isWhitespace)
        guard reader.skip("}}") else { throw Unsupported() }
        return name
    }

    /// A tag alone on its line (but for spaces and tabs) vanishes with its line end.
    static func isStandalone(_ reader: inout Reader, state: State) -> Bool {
        guard state.newLine else { return false }
        if reader.atEnd { return true }
        var ahead = reader
        _ = ahead.read(while: { $0 == " " || $0 == "\t" })
        guard ahead.current.isNewline else { return false }
        ahead.advance()
        reader = ahead
        return true
    }

    static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    /// A cursor over a template's characters (grapheme clusters, as swift-mustache reads them).
    struct Reader {
        let text: String
        var position: String.Index

        init(_ text: String) {
            self.text = text
            position = text.startIndex
        }

        var atEnd: Bool { position == text.endIndex }
        /// The character here, or NUL at the end.
        var current: Character { atEnd ? "\0" : text[position] }
        mutating func advance() { position = text.index(after: position) }

        mutating func read(while matches: (Character) -> Bool) -> Substring {
            let start = position
            while !atEnd, matches(text[position]) { advance() }
            return text[start..<position]
        }

        /// Steps over `literal` if it comes next.
        mutating func skip(_ literal: String) -> Bool {
            var ahead = position
            for character in literal {
                guard ahead != text.endIndex, text[ahead] == character else { return false }
                ahead = text.index(after: ahead)
            }
            position = ahead
            return true
        }

        /// Steps past the next `literal` (a comment's end).
        mutating func skip(past literal: String) -> Bool {
            while !atEnd {
                if skip(literal) { return true }
                advance()
            }
            return false
        }
    }
}

/// A name as a tag writes it: `.` for the value in hand, `a.b` for `b` of `a`, `.a` for `a` of the value
/// in hand only.
struct TemplateName: Sendable {
    let parts: [String]
    let isDot: Bool
    let inHandOnly: Bool

    init(_ name: String) {
        isDot = name == "."
        inHandOnly = !isDot && name.first == "."
        parts = isDot ? [] : name.split(separator: ".").map(String.init)
    }
}
