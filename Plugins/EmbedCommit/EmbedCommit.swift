import Foundation
import PackagePlugin

/// Writes `BuildCommit.swift` before each build of the command line, so `doorstep version` names the
/// commit it was built from. Outside a git checkout (a source archive) the commit is nil and the
/// command says so. The file is rewritten only when the commit changes, so a build stays incremental.
@main
struct EmbedCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
        let script = """
            commit=$(git -C "$1" describe --always --dirty --abbrev=12 --exclude '*' 2>/dev/null | tr -cd '0-9a-z-')
            if [ -n "$commit" ]; then line="let buildCommit: String? = \\"$commit\\""; else line="let buildCommit: String? = nil"; fi
            mkdir -p "$2"
            file="$2/BuildCommit.swift"
            [ -f "$file" ] && [ "$(cat "$file")" = "$line" ] || printf '%s\\n' "$line" > "$file"
            """
        return [.prebuildCommand(
            displayName: "Embed the git commit in doorstep",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", script, "sh", context.package.directoryURL.path, folder.path],
            outputFilesDirectory: folder)]
    }
}
