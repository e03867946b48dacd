import Diagnostics
import Markdown

/// What a link in a page points at once resolved against the site.
public enum LinkTarget: Sendable, Equatable {
    case external(String)
    /// An output file (page or asset) and an optional fragment.
    case output(path: String, anchor: String?)
    /// A heading on the same page.
    case samePage(anchor: String)
}

public enum LinkProblem: Error, Sendable, Equatable {
    case missingFile(String)
    case missingAnchor(page: String, anchor: String, known: [String])
    case notMarkdown(String)
    /// `/content/x.md`: a path from the disk's root means nothing once the site is published elsewhere.
    case rootAbsolute
    /// `javascript:`, `data:` and every other scheme outside `URLPolicy.allowedSchemes`.
    case refusedScheme(String)
}

extension Site {
    /// Resolves a link written in the file at `sourcePath`.
    public func resolve(link destination: String, from sourcePath: String) -> Result<LinkTarget, LinkProblem> {
        if case .refused(let scheme) = URLPolicy.classify(destination) { return .failure(.refusedScheme(scheme)) }
        if destination.isEmpty || ProjectPath.isExternal(destination) { return .success(.external(destination)) }
        let (path, anchor) = ProjectPath.splitAnchor(destination)
        if path.hasPrefix("/") { return .failure(.rootAbsolute) }
        if path.isEmpty {
            guard let anchor, !anchor.isEmpty else { return .success(.external(destination)) }
            let known = page(source: sourcePath)?.headings.map(\.id) ?? []
            guard known.contains(anchor) else {
                return .failure(.missingAnchor(page: sourcePath, anchor: anchor, known: known))
            }
            return .success(.samePage(anchor: anchor))
        }
        guard let resolved = ProjectPath.resolve(path, from: sourcePath) else { return .failure(.missingFile(path)) }
        if let target = page(source: resolved) {
            if let anchor, !anchor.isEmpty, !target.headings.contains(where: { $0.id == anchor }) {
                return .failure(.missingAnchor(page: resolved, anchor: anchor, known: target.headings.map(\.id)))
            }
            return .success(.output(path: target.outputPath, anchor: anchor))
        }
        if isAsset(resolved) {
            return .success(.output(path: ProjectPath.assetOutputPath(resolved), anchor: anchor))
        }
        if resolved.hasSuffix(".md") { return .failure(.missingFile(resolved)) }
        return .failure(.notMarkdown(resolved))
    }

    /// The source paths a broken link might have meant.
    public var allSourcePaths: [String] { allPages.map(\.sourcePath) }
}

extension ProjectPath {
    /// `toolkit-modules/m/assets/x.png` → `m/assets/x.png`.
    public static func assetOutputPath(_ path: String) -> String {
        path.hasPrefix("toolkit-modules/") ? String(path.dropFirst("toolkit-modules/".count)) : path
    }
}
