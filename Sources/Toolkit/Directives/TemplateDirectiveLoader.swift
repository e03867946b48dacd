import Diagnostics
import Foundation
import Mustache

/// Reads the template directives a site and its modules ship: each `directives/<name>.mustache` with its
/// `directives/<name>.yml` schema. The template is checked like a theme override, and more strictly: it
/// writes values only between tags, never into an attribute, and includes no other template.
public enum TemplateDirectiveLoader {
    /// The directives in `files` (every file of every `directives/` folder in use), checked against the
    /// names `builtIn` already has.
    public static func load(_ files: [SourceFile], builtIn: DirectiveRegistry) -> ([TemplateDirective], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var templates: [String: [SourceFile]] = [:]
        var schemas: [String: [SourceFile]] = [:]
        for file in files {
            let name = URL(fileURLWithPath: file.path).lastPathComponent
            if name.hasSuffix(".mustache") {
                templates[String(name.dropLast(".mustache".count)), default: []].append(file)
            } else if name.hasSuffix(".yml") {
                schemas[String(name.dropLast(".yml".count)), default: []].append(file)
            }
        }
        var directives: [TemplateDirective] = []
        for name in Set(templates.keys).union(schemas.keys).sorted() {
            let template = templates[name] ?? [], schema = schemas[name] ?? []
            let first = (template + schema)[0]
            let at = SourceLocation(file: first.path, line: 1, column: 1)
            if template.count > 1 || schema.count > 1 {
                let places = (template.count > 1 ? template : schema).map { "'\($0.path)'" }
                diagnostics.append(.error("directive-duplicate",
                    "two folders both define the directive '\(name)': \(places.joined(separator: " and "))",
                    at: at, notes: ["a directive's name must be unique across the site and its modules; rename one"]))
                continue
            }
            guard Identifier.isSlug(name) else {
                diagnostics.append(.error("directive-name", "directive name '\(name)' must use only lower-case letters, digits and hyphens", at: at))
                continue
            }
            guard !builtIn.contains(name) else {
                diagnostics.append(.error("directive-name", "'\(name)' is a built-in directive; give this one another name", at: at))
                continue
            }
            guard let templateFile = template.first else {
                diagnostics.append(.error("directive-template-missing",
                    "'\(first.path)' describes the directive '\(name)', but there is no '\(name).mustache' beside it to render it", at: at))
                continue
            }
            guard let schemaFile = schema.first else {
                diagnostics.append(.error("directive-schema-missing",
                    "'\(templateFile.path)' renders the directive '\(name)', but there is no '\(name).yml' beside it saying which keys a block holds",
                    at: at))
                continue
            }
            let (decoded, schemaDiagnostics) = DirectiveSchema.decode(schemaFile)
            diagnostics += schemaDiagnostics
            guard let decoded else { continue }
            let (parsed, templateDiagnostics) = checkTemplate(templateFile, schema: decoded)
            diagnostics += templateDiagnostics
            if let parsed { directives.append(TemplateDirective(name: name, schema: decoded, template: parsed)) }
        }
        return (directives, diagnostics)
    }

    /// The template, parsed, or nil with the reasons it cannot be used.
    static func checkTemplate(_ file: SourceFile, schema: DirectiveSchema) -> (MustacheTemplate?, [Diagnostic]) {
        let scan = TemplateCheck.scan(file)
        var diagnostics = scan.diagnostics
        guard scan.diagnostics.isEmpty else { return (nil, diagnostics) }
        func at(_ tag: TemplateCheck.Tag) -> SourceLocation { SourceLocation(file: file.path, line: tag.line, column: tag.column) }
        // Every value is made safe before the template sees it, so unescaped tags are allowed and mean the same.
        diagnostics += TemplateCheck.safety(file, scan: scan).filter { $0.code != "template-unescaped" }
        let names = Set(schema.allFields.map(\.name) + ["argument", "."])
        let insideTags = positionsInsideTags(file.text)
        for tag in scan.tags {
            switch tag.kind {
            case .partial, .parent:
                diagnostics.append(.error("directive-template-include",
                    "a directive template cannot include another template ('{{\(tag.kind == .parent ? "<" : ">") \(tag.name)}}'); write its HTML here",
                    at: at(tag)))
            case .delimiters:
                diagnostics.append(.error("directive-template-delimiters",
                    "a directive template must keep the {{ }} delimiters", at: at(tag)))
            case .variable, .unescaped:
                if insideTags.contains(Position(line: tag.line, column: tag.column)) {
                    diagnostics.append(.error("directive-template-attribute",
                        "'{{\(tag.name)}}' is inside an HTML tag; a directive template writes values only between tags",
                        at: at(tag), notes: ["a value in an attribute could become a link or a style; put links in a Markdown field instead"]))
                }
                fallthrough
            case .sectionOpen:
                if !names.contains(tag.name) {
                    diagnostics.append(.warning("directive-template-unknown",
                        "'\(tag.name)' is not a field of this directive, so nothing is shown for it",
                        at: at(tag), length: tag.name.count,
                        notes: Suggestion.note(for: tag.name, in: names.sorted()) + ["fields: \(schema.allFields.map(\.name).joined(separator: ", "))"]))
                }
            case .sectionClose, .comment:
                break
            }
        }
        let styleElement = file.text.range(of: "<style", options: [.caseInsensitive])
        if let styleElement {
            let offset = file.text.distance(from: file.text.startIndex, to: styleElement.lowerBound)
            let line = file.text.prefix(offset).filter { $0 == "\n" }.count + 1
            diagnostics.append(.error("directive-template-style",
                "a directive template may not hold a <style> element; style its classes in the site's stylesheet",
                at: SourceLocation(file: file.path, line: line, column: 1)))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        do {
            // Read as text: the values are already HTML, so Mustache must not escape them again.
            return (try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + file.text), diagnostics)
        } catch {
            diagnostics.append(.error("template-syntax", "template '\(file.path)' could not be read: \(error)",
                                      at: SourceLocation(file: file.path, line: 1, column: 1)))
            return (nil, diagnostics)
        }
    }

    struct Position: Hashable { var line: Int; var column: Int }

    /// Where each `{{` stands inside an HTML tag's angle brackets (quoted attribute values included), in
    /// one pass over the template.
    static func positionsInsideTags(_ text: String) -> Set<Position> {
        var inside = Set<Position>()
        var line = 1, column = 1
        var inTag = false
        var quote: Unicode.Scalar?
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "{" && index + 1 < scalars.count && scalars[index + 1] == "{" && inTag {
                inside.insert(Position(line: line, column: column))
            }
            if inTag {
                if let open = quote {
                    if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "'" {
                    quote = scalar
                } else if scalar == ">" {
                    inTag = false
                }
            } else if scalar == "<", index + 1 < scalars.count,
                      scalars[index + 1].properties.isAlphabetic || scalars[index + 1] == "/" || scalars[index + 1] == "!" {
                inTag = true
            }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return inside
    }
}
