import Diagnostics

/// A project's `wording/<language>.yml` files on top of Doorstep's own tables.
public enum ProjectWording {
    /// Files as (path, text), in any order; later languages never replace earlier ones, each file is one language.
    public static func read(_ files: [(path: String, text: String)]) -> (wording: Wording, diagnostics: [Diagnostic]) {
        var wording = Wording.builtIn
        var diagnostics: [Diagnostic] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let (table, found) = WordingFile.decodeProjectFile(yaml: file.text, path: file.path)
            diagnostics += found
            wording = wording.overriding(with: table)
        }
        return (wording, diagnostics)
    }
}
