import Markdown

/// A theme's templates, read by `CompiledTemplate`, rendered with the typed views.
///
/// It writes what swift-mustache writes for the same templates and views; `Theme` falls back to that
/// engine for a theme this one cannot read, and for a value no view of this project answers with.
struct CompiledTemplates: Sendable {
    let templates: [String: CompiledTemplate]
    /// Room made for each template's page before it is written: twice its own text and that of the templates
    /// it includes, so that a page grows by a copy or two rather than by a dozen doublings from nothing.
    let roomNeeded: [String: Int]

    /// Nil when any template uses what `CompiledTemplate` leaves to swift-mustache.
    init?(_ texts: [String: String]) {
        var templates: [String: CompiledTemplate] = [:]
        for (name, text) in texts {
            guard let template = CompiledTemplate(text) else { return nil }
            templates[name] = template
        }
        self.templates = templates
        roomNeeded = templates.mapValues { 2 * Self.textLength(of: $0.nodes, in: templates, seen: []) }
    }

    /// The bytes of fixed text in `nodes` and in the templates they include, each template counted once.
    private static func textLength(of nodes: [CompiledTemplate.Node], in templates: [String: CompiledTemplate], seen: Set<String>) -> Int {
        var seen = seen
        var length = 0
        func count(_ nodes: [CompiledTemplate.Node]) {
            for node in nodes {
                switch node {
                case .text(let text): length += text.utf8.count
                case .variable: break
                case .section(_, let body), .invertedSection(_, let body), .blockDefinition(_, let body): count(body)
                case .block(_, let fallback, _): count(fallback)
                case .partial(let name, _, let blocks):
                    for body in (blocks ?? [:]).values { count(body) }
                    if let included = templates[name], seen.insert(name).inserted { count(included.nodes) }
                }
            }
        }
        count(nodes)
        return length
    }

    /// The page, or nil when the template is unknown or a view answered with a value of a kind this
    /// renderer does not know; the caller then asks swift-mustache.
    func render(_ view: AnyBoxed, template name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(templates: templates, stack: [.view(view)])
        var out = ""
        out.reserveCapacity(roomNeeded[name] ?? 0)
        do {
            try renderer.render(template.nodes, into: &out, indentation: "", blocks: nil)
        } catch {
            return nil
        }
        return out
    }

    /// What a view answered, sorted once into the kinds the templates use.
    enum Value {
        /// `TemplateText`: written as it is (escaped by `{{ }}`); inside a section over it, names are
        /// found around it.
        case text(String)
        /// `NoValue`: a name the view knows but has no value for.
        case null
        case flag(Bool)
        case view(AnyBoxed)
        case views([AnyBoxed])
        case string(String)
        case strings([String])
        case int(Int)
        case ints([Int])

        struct Unknown: Error {}

        init(_ any: Any) throws {
            // Told first by the value's own type, compared as one pointer: a failed `as?` to `String` or to an
            // array asks the runtime for bridging and protocol conformances, a search for every name of every page.
            switch ObjectIdentifier(type(of: any)) {
            case Self.textType: self = .text((any as! TemplateText).text)
            case Self.noValueType: self = .null
            case Self.flagType: self = .flag(any as! Bool)
            case Self.viewsType: self = .views(any as! [AnyBoxed])
            case Self.stringType: self = .string(any as! String)
            case Self.stringsType: self = .strings(any as! [String])
            case Self.intType: self = .int(any as! Int)
            case Self.intsType: self = .ints(any as! [Int])
            default: try self.init(casting: any)
            }
        }

        private static let textType = ObjectIdentifier(TemplateText.self)
        private static let noValueType = ObjectIdentifier(NoValue.self)
        private static let flagType = ObjectIdentifier(Bool.self)
        private static let viewsType = ObjectIdentifier([AnyBoxed].self)
        private static let stringType = ObjectIdentifier(String.self)
        private static let stringsType = ObjectIdentifier([String].self)
        private static let intType = ObjectIdentifier(Int.self)
        private static let intsType = ObjectIdentifier([Int].self)

        /// Any other type: a view (a box of any view type), or a value that casts to a known kind.
        private init(casting any: Any) throws {
            if let view = any as? AnyBoxed { self = .view(view) }
            else if let text = any as? TemplateText { self = .text(text.text) }
            else if let flag = any as? Bool { self = .flag(flag) }
            else if any is NoValue { self = .null }
            else if let views = any as? [AnyBoxed] { self = .views(views) }
            else if let string = any as? String { self = .string(string) }
            else if let strings = any as? [String] { self = .strings(strings) }
            else if let int = any as? Int { self = .int(int) }
            else if let ints = any as? [Int] { self = .ints(ints) }
            else { throw Unknown() }
        }

        /// A name looked up on this value. Only a view answers names: text, a number or a list has
        /// none (swift-mustache's reflection finds no labelled children on them either).
        func child(_ name: String) throws -> Value? {
            guard case .view(let box) = self, let found = box.child(named: name) else { return nil }
            return try Value(found)
        }

        /// `{{name}}` or `{{{name}}}` of this value, as swift-mustache writes it.
        func write(escaped: Bool, into out: inout String) {
            switch self {
            case .text(let text), .string(let text): write(text, escaped: escaped, into: &out)
            case .null: break
            case .flag(let flag): out += flag ? "true" : "false"
            case .int(let int): out += String(int)
            case .view(let view): write(String(describing: view), escaped: escaped, into: &out)
            case .views(let views): write(String(describing: views), escaped: escaped, into: &out)
            case .strings(let strings): write(String(describing: strings), escaped: escaped, into: &out)
            case .ints(let ints): write(String(describing: ints), escaped: escaped, into: &out)
            }
        }

        /// Escaped as swift-mustache escapes: `'` too.
        private func write(_ text: String, escaped: Bool, into out: inout String) {
            out += escaped ? HTML.escape(text, apostrophes: true) : text
        }
    }

    struct Renderer {
        let templates: [String: CompiledTemplate]
        var stack: [Value]

        mutating func render(_ nodes: [CompiledTemplate.Node], into out: inout String, indentation: String,
                             blocks: [String: [CompiledTemplate.Node]]?) throws {
            guard !indentation.isEmpty else {
                for node in nodes { try render(node, into: &out, indentation: indentation, blocks: blocks) }
                return
            }
            // Each piece that starts a line is indented, as swift-mustache does it: the check is on this
            // template's own text so far, by character, so a "\r\n" does not count as a line end.
            var text = ""
            for node in nodes {
                var piece = ""
                try render(node, into: &piece, indentation: indentation, blocks: blocks)
                if !piece.isEmpty, text.last == "\n" { text += indentation }
                text += piece
            }
            out += text
        }

        mutating func render(_ node: CompiledTemplate.Node, into out: inout String, indentation: String,
                             blocks: [String: [CompiledTemplate.Node]]?) throws {
            switch node {
            case .text(let text):
                out += text
            case .variable(let name, let escaped):
                try lookUp(name)?.write(escaped: escaped, into: &out)
            case .section(let name, let body):
                switch try lookUp(name) {
                case .views(let views):
                    for view in views { try renderPushing(.view(view), body, into: &out, indentation: indentation, blocks: blocks) }
                case .strings(let strings):
                    for string in strings { try renderPushing(.string(string), body, into: &out, indentation: indentation, blocks: blocks) }
                case .ints(let ints):
                    for int in ints { try renderPushing(.int(int), body, into: &out, indentation: indentation, blocks: blocks) }
                case .flag(let flag):
                    if flag { try render(body, into: &out, indentation: indentation, blocks: blocks) }
                case .null, nil:
                    break
                case let value?:
                    try renderPushing(value, body, into: &out, indentation: indentation, blocks: blocks)
                }
            case .invertedSection(let name, let body):
                switch try lookUp(name) {
                case let list? where list.isEmptyList:
                    try renderPushing(list, body, into: &out, indentation: indentation, blocks: blocks)
                case .flag(false), .null, nil:
                    try render(body, into: &out, indentation: indentation, blocks: blocks)
                default:
                    break
                }
            case .partial(let name, let indented, let inherited):
                guard let template = templates[name] else { return }
                let inner = indented.map { indentation + $0 } ?? indentation
                var merged = blocks
                if let inherited {
                    merged = blocks.map { $0.merging(inherited) { outer, _ in outer } } ?? inherited
                }
                try render(template.nodes, into: &out, indentation: inner, blocks: merged)
            case .block(let name, let fallback, let indented):
                try render(blocks?[name] ?? fallback, into: &out, indentation: indentation + indented, blocks: blocks)
            case .blockDefinition:
                // Only ever inside a partial's blocks, which are collected when the template is read.
                break
            }
        }

        mutating func renderPushing(_ value: Value, _ body: [CompiledTemplate.Node], into out: inout String,
                                    indentation: String, blocks: [String: [CompiledTemplate.Node]]?) throws {
            stack.append(value)
            defer { stack.removeLast() }
            try render(body, into: &out, indentation: indentation, blocks: blocks)
        }

        /// A name looked up as swift-mustache does: `.` is the value in hand; otherwise the first part is
        /// looked for from the innermost value out, and the rest on what it found.
        func lookUp(_ name: TemplateName) throws -> Value? {
            // The stack and the name's parts are read where they lie: a frame copied out of the stack for each
            // name would be counted up and down again, on every page.
            guard !stack.isEmpty else { return nil }
            let innermost = stack.count - 1
            if name.isDot { return stack[innermost] }
            var found: Value
            var next = 0
            if name.inHandOnly {
                found = stack[innermost]
            } else {
                guard !name.parts.isEmpty else { return stack[innermost] }
                var hit: Value?
                var frame = innermost
                while frame >= 0 {
                    if let child = try stack[frame].child(name.parts[0]) {
                        hit = child
                        break
                    }
                    frame -= 1
                }
                guard let hit else { return nil }
                found = hit
                next = 1
            }
            while next < name.parts.count {
                guard let child = try found.child(name.parts[next]) else { return nil }
                found = child
                next += 1
            }
            return found
        }
    }
}

extension CompiledTemplates.Value {
    var isEmptyList: Bool {
        switch self {
        case .views(let views): views.isEmpty
        case .strings(let strings): strings.isEmpty
        case .ints(let ints): ints.isEmpty
        default: false
        }
    }
}
