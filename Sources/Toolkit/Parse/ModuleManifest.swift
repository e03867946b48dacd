import Diagnostics
import Yams

/// `toolkit-modules/<id>/module.yml`.
public struct ModuleManifest: Sendable, Hashable {
    public var id: String
    public var title: String
    public var summary: String
    public var order: Int
    public var requires: [Located<String>]
    public var licence: String
    public var version: String?
    /// The Doorstep versions the module works with, as written: `">= 1.2, < 2"`.
    public var doorstep: Located<String>?
    public var packs: [PackDefinition]
    public var location: SourceLocation

    static let keys = ["id", "title", "summary", "order", "requires", "licence", "version", "doorstep", "packs"]

    public static func decode(_ file: SourceFile, folder: String) -> (ModuleManifest?, [Diagnostic]) {
        let reader = YAMLReader(file: file.path)
        var diagnostics: [Diagnostic] = []
        let (node, syntax) = reader.compose(file.text)
        diagnostics += syntax
        guard let node else {
            if syntax.isEmpty {
                diagnostics.append(.error("manifest-empty", "the module manifest is empty: it needs at least id, title and summary",
                                          at: reader.location(line: 1, column: 1)))
            }
            return (nil, diagnostics)
        }
        guard var map = reader.mapping(node, what: "module manifest", diagnostics: &diagnostics) else {
            return (nil, diagnostics)
        }
        diagnostics += map.unknownKeys(allowed: keys)
        let id = map.string("id", required: true, diagnostics: &diagnostics)
        let title = map.string("title", required: true, diagnostics: &diagnostics)
        let summary = map.string("summary", required: true, diagnostics: &diagnostics)
        if let id {
            if !Identifier.isSlug(id) {
                diagnostics.append(.error("module-id-invalid",
                    "module id '\(id)' must use only lower-case letters, digits and hyphens", at: map.location(of: "id"), length: id.count))
            } else if id != folder {
                diagnostics.append(.error("module-id-folder",
                    "module id '\(id)' does not match its folder name '\(folder)'", at: map.location(of: "id"), length: id.count,
                    notes: ["rename the folder or change the id so that they are the same"]))
            }
        }
        var packs: [PackDefinition] = []
        if let packsNode = map["packs"] {
            if case .sequence(let sequence) = packsNode {
                for packNode in sequence {
                    let (pack, packDiagnostics) = PackDefinition.decode(packNode, reader: reader)
                    diagnostics += packDiagnostics
                    if let pack { packs.append(pack) }
                }
            } else {
                diagnostics.append(.error("yaml-type", "'packs' must be a list of packs", at: reader.location(of: packsNode)))
            }
        }
        let manifest = ModuleManifest(
            id: id ?? folder,
            title: title ?? folder,
            summary: summary ?? "",
            order: map.int("order", diagnostics: &diagnostics) ?? 1000,
            requires: map.stringList("requires", diagnostics: &diagnostics) ?? [],
            licence: map.string("licence", diagnostics: &diagnostics) ?? "CC-BY-4.0",
            version: map.string("version", diagnostics: &diagnostics),
            doorstep: map.string("doorstep", diagnostics: &diagnostics).map { Located($0, at: map.location(of: "doorstep")) },
            packs: packs,
            location: map.location
        )
        return (title == nil || summary == nil || id == nil ? nil : manifest, diagnostics)
    }
}

public enum PaperSize: String, Sendable, CaseIterable, Hashable {
    case a4 = "A4", a5 = "A5"
}

/// A printable pack as declared in a manifest; its items are resolved against the site in the model stage.
public struct PackDefinition: Sendable, Hashable {
    public enum Item: Sendable, Hashable {
        /// A page, by path relative to the module folder.
        case page(Located<String>)
        case survey(Located<String>)
    }

    public var id: String
    public var title: String
    public var audience: String
    public var paper: PaperSize
    public var items: [Item]
    public var location: SourceLocation

    static let keys = ["id", "title", "audience", "paper", "items"]

    static func decode(_ node: Node, reader: YAMLReader) -> (PackDefinition?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard var map = reader.mapping(node, what: "pack", diagnostics: &diagnostics) else { return (nil, diagnostics) }
        diagnostics += map.unknownKeys(allowed: keys)
        let id = map.string("id", required: true, diagnostics: &diagnostics)
        let title = map.string("title", required: true, diagnostics: &diagnostics)
        let audience = map.string("audience", diagnostics: &diagnostics) ?? "Trainers"
        let paper = map.enumValue("paper", PaperSize.self, diagnostics: &diagnostics) ?? .a4
        if let id, !Identifier.isSlug(id) {
            diagnostics.append(.error("pack-id-invalid", "pack id '\(id)' must use only lower-case letters, digits and hyphens",
                                      at: map.location(of: "id"), length: id.count))
        }
        var items: [Item] = []
        switch map["items"] {
        case .sequence(let sequence)?:
            for itemNode in sequence {
                switch itemNode {
                case .scalar(let scalar):
                    items.append(.page(Located(scalar.string, at: reader.location(of: itemNode))))
                case .mapping(let mapping) where mapping.count == 1 && mapping["survey"]?.string != nil:
                    if let value = mapping["survey"], let id = value.string {
                        items.append(.survey(Located(id, at: reader.location(of: value))))
                    }
                default:
                    diagnostics.append(.error("pack-item-invalid",
                        "a pack item must be a page path or 'survey: <survey-id>'", at: reader.location(of: itemNode)))
                }
            }
            if sequence.isEmpty {
                diagnostics.append(.error("pack-empty", "pack '\(id ?? "")' has no items", at: map.location(of: "items")))
            }
        case nil:
            diagnostics.append(.error("key-missing", "pack is missing the required key 'items'", at: map.location))
        default:
            diagnostics.append(.error("yaml-type", "'items' must be a list", at: map.location(of: "items")))
        }
        guard let id, let title else { return (nil, diagnostics) }
        return (PackDefinition(id: id, title: title, audience: audience, paper: paper, items: items,
                               location: map.location), diagnostics)
    }
}

public enum Identifier {
    /// Lower-case letters, digits and inner hyphens: the rule for module and pack ids.
    public static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix("-") && !text.hasSuffix("-")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
