/// A file the user wrote, with its path relative to the project root (as diagnostics print it).
public struct SourceFile: Hashable, Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
