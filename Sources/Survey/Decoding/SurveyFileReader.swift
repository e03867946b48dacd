import Diagnostics
import Foundation

/// Reads the files `doorstep survey check` is given: survey YAML, or Markdown pages whose ```survey blocks
/// hold a survey or `include:` a survey file named relative to the page.
public struct SurveyFileReader {
    public private(set) var surveys: [Survey] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// The text of every file read, under the path its diagnostics name, so that messages can quote it.
    public private(set) var texts: [String: String] = [:]
    /// Absolute paths already decoded, so that a survey included twice, or also named itself, is checked once.
    private var decoded: Set<String> = []
    private let currentDirectory: URL

    public init(currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.currentDirectory = URL(fileURLWithPath: currentDirectory, isDirectory: true)
    }

    /// Adds a file named by the user, whose text the caller has read.
    public mutating func add(path: String, text: String) {
        guard decoded.insert(absolute(path).path).inserted else { return }
        texts[path] = text
        guard path.hasSuffix(".md") else {
            addSurvey(yaml: text, file: path)
            return
        }
        for source in SurveySources.sources(inPage: text, page: path) {
            switch source {
            case let .include(include, location, length):
                addIncluded(include, at: location, length: length, page: path)
            case let .embedded(yaml, lineOffset, columnOffset):
                addSurvey(yaml: yaml, file: path, lineOffset: lineOffset, columnOffset: columnOffset)
            }
        }
    }

    mutating func addSurvey(yaml: String, file: String, lineOffset: Int = 0, columnOffset: Int = 0) {
        let decoded = SurveyDecoder.decode(yaml: yaml, file: file, lineOffset: lineOffset, columnOffset: columnOffset)
        diagnostics += decoded.diagnostics
        if let survey = decoded.survey { surveys.append(survey) }
    }

    /// A missing included file is reported at the `include:` that names it; its own mistakes in itself.
    mutating func addIncluded(_ include: String, at location: SourceLocation, length: Int, page: String) {
        let url = absolute(page).deletingLastPathComponent().appendingPathComponent(include).standardized
        let shown = shownPath(url, page: page)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            diagnostics.append(SurveySources.missingInclude(path: include, at: location, length: length, lookedFor: shown))
            return
        }
        guard decoded.insert(url.path).inserted else { return }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(.error("S001", "cannot read the survey file '\(include)'", at: location, length: length))
            return
        }
        switch SourceDecoding.decode(data, path: shown) {
        case .success(let text):
            texts[shown] = text
            addSurvey(yaml: text, file: shown)
        case .failure(let problem):
            diagnostics.append(problem)
        }
    }

    func absolute(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: currentDirectory).absoluteURL.standardized
    }

    /// An included file is named as its page was: relative to the current folder when the page was, else in full.
    func shownPath(_ url: URL, page: String) -> String {
        guard !page.hasPrefix("/") else { return url.path }
        let folder = currentDirectory.absoluteURL.standardized.path
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.path
    }
}
