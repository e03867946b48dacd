import Diagnostics

/// Which modules are built and in what order: enabled ones only, each after the modules it requires.
public enum ModuleGraph {
    public static func order(_ manifests: [ModuleManifest], selection: SiteConfig.ModuleSelection)
        -> (enabled: [ModuleManifest], diagnostics: [Diagnostic])
    {
        var diagnostics: [Diagnostic] = []
        let byID = Dictionary(manifests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var enabledIDs = Set(manifests.map(\.id))
        if case .only(let list) = selection {
            enabledIDs = []
            for item in list {
                if byID[item.value] == nil {
                    diagnostics.append(.error("module-unknown", "site configuration enables '\(item.value)', which is not a module",
                        at: item.location, length: item.value.count, notes: Suggestion.note(for: item.value, in: byID.keys)))
                } else {
                    enabledIDs.insert(item.value)
                }
            }
        }
        let enabled = manifests.filter { enabledIDs.contains($0.id) }
            .sorted { ($0.order, $0.title, $0.id) < ($1.order, $1.title, $1.id) }

        for manifest in enabled {
            for requirement in manifest.requires {
                if byID[requirement.value] == nil {
                    diagnostics.append(.error("module-requires-missing",
                        "module '\(manifest.id)' requires '\(requirement.value)', which does not exist",
                        at: requirement.location, length: requirement.value.count,
                        notes: Suggestion.note(for: requirement.value, in: byID.keys.filter { $0 != manifest.id })))
                } else if !enabledIDs.contains(requirement.value) {
                    diagnostics.append(.error("module-requires-disabled",
                        "module '\(manifest.id)' requires '\(requirement.value)', which is not enabled in content/site.yml",
                        at: requirement.location, length: requirement.value.count))
                }
            }
        }
        diagnostics += cycles(in: enabled)
        diagnostics += enabled.compactMap { checkVersion($0, running: DoorstepVersion.current) }
        return (topologicalOrder(enabled), diagnostics)
    }

    /// An error when the module states Doorstep versions it works with and the running one is not among them.
    static func checkVersion(_ manifest: ModuleManifest, running: String) -> Diagnostic? {
        guard let written = manifest.doorstep, let current = Version(running) else { return nil }
        switch VersionRequirement.parse(written.value) {
        case .failure(let problem):
            return .error("module-doorstep-invalid",
                "module '\(manifest.id)' states the Doorstep versions it works with as '\(written.value)', which cannot be read: \(problem.text)",
                at: written.location, length: max(1, written.value.count),
                notes: ["write comparisons joined by commas, such as 'doorstep: \">= 1.0, < 2\"'"])
        case .success(let requirement):
            guard !requirement.isSatisfied(by: current) else { return nil }
            return .error("module-doorstep-version",
                "module '\(manifest.id)' works with Doorstep \(requirement.text), but this is Doorstep \(current)",
                at: written.location, length: max(1, written.value.count),
                notes: ["use a version of the module made for Doorstep \(current), or a Doorstep it works with ('doorstep version' prints the one you have)"])
        }
    }

    /// One error per dependency cycle, naming the whole chain.
    static func cycles(in manifests: [ModuleManifest]) -> [Diagnostic] {
        let byID = Dictionary(manifests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var reported = Set<Set<String>>()
        var diagnostics: [Diagnostic] = []
        func visit(_ id: String, path: [String]) {
            guard let manifest = byID[id] else { return }
            state[id] = 1
            for requirement in manifest.requires where byID[requirement.value] != nil {
                let next = requirement.value
                if state[next] == 1 {
                    let start = path.firstIndex(of: next) ?? 0
                    let cycle = Array(path[start...]) + [id]
                    let members = Set(cycle)
                    if reported.insert(members).inserted {
                        let chain = (cycle + [next]).joined(separator: " → ")
                        diagnostics.append(.error("module-cycle", "modules require each other in a cycle: \(chain)",
                            at: requirement.location, length: next.count,
                            notes: ["remove one of these requirements to break the cycle"]))
                    }
                } else if state[next] == nil {
                    visit(next, path: path + [id])
                }
            }
            state[id] = 2
        }
        for manifest in manifests where state[manifest.id] == nil { visit(manifest.id, path: []) }
        return diagnostics
    }

    /// Reading order: by `order`, except that a module's requirements are placed just before it.
    static func topologicalOrder(_ sorted: [ModuleManifest]) -> [ModuleManifest] {
        let byID = Dictionary(sorted.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var placed = Set<String>()
        var visiting = Set<String>()
        var result: [ModuleManifest] = []
        func place(_ manifest: ModuleManifest) {
            guard !placed.contains(manifest.id), visiting.insert(manifest.id).inserted else { return }
            let requirements = manifest.requires.compactMap { byID[$0.value] }
                .sorted { ($0.order, $0.title, $0.id) < ($1.order, $1.title, $1.id) }
            for requirement in requirements { place(requirement) }
            placed.insert(manifest.id)
            result.append(manifest)
        }
        for manifest in sorted { place(manifest) }
        return result
    }
}
