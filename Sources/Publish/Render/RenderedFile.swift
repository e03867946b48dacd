import Foundation

/// One file of the built site, with its path relative to the site folder.
public struct RenderedFile: Sendable, Hashable {
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }

    public init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }
}

/// A failure inside the render stage that is not about the user's files (it would be a bug or a full disk).
public struct RenderFailure: Error, Sendable {
    public var message: String
}
