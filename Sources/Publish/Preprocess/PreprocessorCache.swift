import Foundation
import Toolkit

/// The last output of each preprocessor, kept beside the output folder (never inside it, where it would be
/// published, and never among the sources). An entry is used again when the command, the files its command
/// line names and the JSON it would read are all unchanged: a preprocessor must depend on nothing else.
struct PreprocessorCache: Sendable {
    let folder: URL

    static let header = "# doorstep preprocessor cache 1 "

    /// The folder for builds into `output`: `.site.preprocessed` beside `site`.
    static func folder(for output: URL) -> URL {
        let output = output.standardizedFileURL.resolvingSymlinksInPath()
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).preprocessed")
    }

    /// What a run's output depends on: the program and its arguments, the files they name (by content; the
    /// program found on the PATH by size and time of change) and what its input is made from, which `input` adds.
    static func key(_ command: PreprocessorCommand, root: URL, input: (inout ContentHasher) -> Void) -> String {
        var hasher = ContentHasher()
        hasher.add("preprocessor \(PreprocessorJSON.version) doorstep \(DoorstepVersion.current)")
        addCommand(command.arguments.map(\.value), root: root, to: &hasher)
        input(&hasher)
        return hasher.hex
    }

    /// The program as it stands now: its arguments and the files they name. A program started earlier is the
    /// same program only while this is unchanged.
    static func identity(_ arguments: [String], root: URL) -> String {
        var hasher = ContentHasher()
        hasher.add("command in \(root.path)")
        addCommand(arguments, root: root, to: &hasher)
        return hasher.hex
    }

    static func addCommand(_ arguments: [String], root: URL, to hasher: inout ContentHasher) {
        for (index, argument) in arguments.enumerated() {
            hasher.add(argument)
            if index == 0, !argument.contains("/") {
                hasher.add(ProcessRunner.locate(argument, directory: root).map { $0 + " " + BuildCache.fileIdentity($0) } ?? "-")
                continue
            }
            let path = argument.hasPrefix("/") ? argument : root.appendingPathComponent(argument).path
            if let data = fileContents(path) {
                hasher.add("file")
                hasher.add(data)
            } else {
                hasher.add("-")
            }
        }
    }

    /// A regular file's bytes; nil for folders, missing paths and anything over 16 MB (identified by size and time instead).
    static func fileContents(_ path: String) -> Data? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        guard info.st_size <= 16 << 20 else { return Data(BuildCache.fileIdentity(path).utf8) }
        return FileManager.default.contents(atPath: path)
    }

    func entry(_ position: Int) -> URL { folder.appendingPathComponent("\(position).out") }

    /// The output kept for the preprocessor at `position` in the list, if it was made from `key`.
    func output(_ position: Int, key: String) -> Data? {
        guard let data = FileManager.default.contents(atPath: entry(position).path) else { return nil }
        let line = Data((Self.header + key + "\n").utf8)
        guard data.starts(with: line) else { return nil }
        return data.subdata(in: line.count..<data.count)
    }

    /// Keeps a successful run's output; a cache that cannot be written only means the next build runs it again.
    func store(_ position: Int, key: String, output: Data) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent("\(position).out.\(getpid())")
        var data = Data((Self.header + key + "\n").utf8)
        data.append(output)
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else { return }
        if rename(temporary.path, entry(position).path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    /// Removes the entry of a preprocessor that failed or asks not to be cached, so no stale output is left.
    func forget(_ position: Int) {
        try? FileManager.default.removeItem(at: entry(position))
        try? FileManager.default.removeItem(at: pageEntry(position))
    }
}
