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
        // The scheme is read once, for both questions: `URLPolicy.classify` and `ProjectPath.isExternal`.
        let scheme = URLPolicy.scheme(of: destination)
        if let scheme, !URLPolicy.allowedSchemes.contains(scheme) { return .failure(.refusedScheme(scheme)) }
        if destination.isEmpty || scheme != nil || destination.hasPrefix("//") { return .success(.external(destination)) }
        let (path, anchor) = ProjectPath.splitAnchor(destination)
        if path.hasPrefix("/") { return .failure(.rootAbsolute) }
        if path.isEmpty {
            guard let anchor, !anchor.isEmpty else { return .success(.external(destination)) }
            let known = pageNumbers[sourcePath].map { allPages[$0].headings.map(\.id) } ?? []
            guard known.contains(anchor) else {
                return .failure(.missingAnchor(page: sourcePath, anchor: anchor, known: known))
            }
            return .success(.samePage(anchor: anchor))
        }
        guard let written = ProjectPath.resolve(path, from: sourcePath) else { return .failure(.missingFile(path)) }
        let resolved = inOtherModuleFolder(written) ?? written
        if let number = pageNumbers[resolved] {
            // The page is read where it is kept, not copied: every link of every page comes here twice.
            if let anchor, !anchor.isEmpty, !allPages[number].headings.contains(where: { $0.id == anchor }) {
                return .failure(.missingAnchor(page: resolved, anchor: anchor, known: allPages[number].headings.map(\.id)))
            }
            return .success(.output(path: allPages[number].outputPath, anchor: anchor))
        }
        if isAsset(resolved) {
            return .success(.output(path: ProjectPath.assetOutputPath(resolved), anchor: anchor))
        }
        if resolved.hasSuffix(".md") { return .failure(.missingFile(resolved)) }
        return .failure(.notMarkdown(resolved))
    }

    /// A link between modules is written as if every module sat beside the others (`../alpha/guide.md`),
    /// whichever module folder each comes from; this is the path it means when the module is elsewhere.
    func inOtherModuleFolder(_ path: String) -> String? {
        guard pageNumbers[path] == nil, !isAsset(path) else { return nil }
        let parts = ProjectPath.splitOutside(path).rest.split(separator: "/", maxSplits: 2)
        guard parts.count == 3, parts[0] != "content", let module = module(id: String(parts[1])) else { return nil }
        let moved = "\(module.path)/\(parts[2])"
        return moved == path ? nil : moved
    }

    /// The source paths a broken link might have meant.
    public var allSourcePaths: [String] { allPages.map(\.sourcePath) }
}
