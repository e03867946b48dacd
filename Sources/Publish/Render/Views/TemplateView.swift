import Mustache

/// One value a template can use: its name, what kind of value it is and what it means. The reference of
/// template variables in docs/authoring.md is made from these lists.
public struct TemplateVariable: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Plain text, escaped by `{{name}}`.
        case text
        /// Markup the build made safe, written with `{{{name}}}`.
        case html
        /// True or false, for `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}`.
        case flag
        case number
        /// A list of values of the named view, for `{{#name}}…{{/name}}`.
        case list(String)
        /// A list of plain text, each written with `{{.}}` inside `{{#name}}…{{/name}}`.
        case textList
        /// A list of numbers, such as one per box to draw, each written with `{{.}}`.
        case numberList
        /// One value of the named view, or nothing.
        case object(String)
    }

    public let name: String
    public let kind: Kind
    public let meaning: String

    public init(_ name: String, _ kind: Kind, _ meaning: String) {
        self.name = name
        self.kind = kind
        self.meaning = meaning
    }
}

/// A template's typed context. Templates look values up by name through `child(named:)`, so no value is
/// found by reflection or cast from a dictionary of anything, and `variables` lists every name it answers.
public protocol TemplateView: MustacheParent, Sendable {
    /// The view's name in the reference, such as "PageView".
    static var viewName: String { get }
    /// Every name `child(named:)` answers, in the order the reference lists them.
    static var variables: [TemplateVariable] { get }
    /// A view whose every variable this one answers too, such as the layout's for a page; listed once in
    /// the reference, not repeated under each view that extends it.
    static var extends: (any TemplateView.Type)? { get }
}

extension TemplateView {
    public static var extends: (any TemplateView.Type)? { nil }

    /// This view's own variables and those of every view it extends.
    public static var allVariables: [TemplateVariable] { (extends?.allVariables ?? []) + variables }
}

/// Text that counts as absent when it is empty: `{{name}}` then writes nothing and a section `{{#name}}`
/// shows nothing. The name is not looked up in the views around this one, so a page listed without a
/// summary never shows its module's summary instead.
func present(_ text: String?) -> Any? {
    guard let text, !text.isEmpty else { return NoValue() }
    return TemplateText(text)
}

/// Text as a template is given it. A plain `String` answered as `Any` costs the engine, for every `{{name}}`,
/// a cast to each of its protocols that fails, an optional check and `String(describing:)` (a copy through the
/// printing machinery), and inside a section over it `{{other}}` reflects over the string with a `Mirror`.
/// This renders as the same text (escaped by `{{name}}`, as it is by `{{{name}}}`), answers no names of its
/// own, so names inside a section over it are found around it as before, and takes the same transforms as a
/// string (`{{uppercased(title)}}`).
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    var renderText: String { text }
    var isNull: Bool { false }
    func child(named: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { text.transform(name) }
}
