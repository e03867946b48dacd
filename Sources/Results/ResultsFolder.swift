import Diagnostics
import Foundation

/// The results folder as read from disk: the only part of the results stage that touches files.
public struct ResultsFolder: Sendable {
    public struct SurveyFolder: Sendable {
        public var id: String
        /// Project-relative path of the folder, such as `results/neighbourhood-survey`.
        public var path: String
        /// Response files (`.csv`, `.tsv`, `.xlsx`), by project-relative path, in name order.
        public var responseFiles: [(path: String, data: Data)]
        /// Files the reader cannot read (old `.xls` and `.ods` spreadsheets), reported rather than skipped quietly.
        public var unreadable: [String]
        /// Other YAML files by name (`results.yml`, population profiles, feedback).
        public var configFiles: [String: String]
    }

    public var settings: ResultsSettings
    public var settingsDiagnostics: [Diagnostic]
    public var folders: [SurveyFolder]
    /// Response files that git tracks, which would publish people's answers with the repository.
    public var tracked: [String]
    /// CSV files inside the published folders, with their header row.
    public var publishedCSVs: [(path: String, header: [String])]
    public var folderExists: Bool
    /// The folders whose files are published: a results folder inside one of them is an error.
    public var publishedFolders: [String]

    public static let largestFile = 200 * 1024 * 1024

    /// `folder` (from `--results`) takes the place of the folder site.yml names.
    /// `moduleFolders` are the module folders `content/site.yml` names (`toolkit-modules` unless it names
    /// others): they are published too, so answers must not be kept in them.
    public static func load(root: URL, siteYAML: String?, folder override: String? = nil,
                            moduleFolders: [String] = ["toolkit-modules"]) -> ResultsFolder {
        var (settings, settingsDiagnostics) = siteYAML.map { ResultsSettings.decode(siteYAML: $0, file: "content/site.yml") } ?? (ResultsSettings(), [])
        if let override { settings.folder = override }
        let fm = FileManager.default
        let folderURL = root.appendingPathComponent(settings.folder).standardizedFileURL
        var folders: [SurveyFolder] = []
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: folderURL.path, isDirectory: &isDirectory) && isDirectory.boolValue
        if exists {
            let names = ((try? fm.contentsOfDirectory(atPath: folderURL.path)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let url = folderURL.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                guard fm.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else { continue }
                let relative = settings.folder + "/" + name
                var folder = SurveyFolder(id: name, path: relative, responseFiles: [], unreadable: [], configFiles: [:])
                for file in ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted() where !file.hasPrefix(".") {
                    let fileURL = url.appendingPathComponent(file)
                    let lower = file.lowercased()
                    let size = (try? fm.attributesOfItem(atPath: fileURL.path)[.size] as? Int) ?? 0
                    if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".xlsx") {
                        if size > largestFile {
                            folder.unreadable.append(relative + "/" + file)
                        } else if let data = fm.contents(atPath: fileURL.path) {
                            folder.responseFiles.append((relative + "/" + file, data))
                        }
                    } else if lower.hasSuffix(".xls") || lower.hasSuffix(".ods") {
                        folder.unreadable.append(relative + "/" + file)
                    } else if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml"), size < 1_000_000,
                              let data = fm.contents(atPath: fileURL.path), let text = String(data: data, encoding: .utf8) {
                        folder.configFiles[file] = text
                    }
                }
                folders.append(folder)
            }
        }
        return ResultsFolder(settings: settings, settingsDiagnostics: settingsDiagnostics, folders: folders,
                             tracked: exists ? trackedFiles(root: root, folder: settings.folder) : [],
                             publishedCSVs: publishedCSVs(root: root, moduleFolders: moduleFolders), folderExists: exists,
                             publishedFolders: publishedFolders(moduleFolders: moduleFolders))
    }

    /// The folders a build publishes from, or into: the pages, every module folder, the site's templates and the site.
    static func publishedFolders(moduleFolders: [String]) -> [String] {
        ["content"] + moduleFolders + ["templates", "site"]
    }

    /// `git ls-files` on the results folder; nothing when git or a repository is missing.
    static func trackedFiles(root: URL, folder: String) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "ls-files", "-z", "--", folder]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return [] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\0").map(String.init).filter {
            let lower = $0.lowercased()
            return lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".xlsx")
        }
    }

    /// Every CSV under content/ and the module folders, with its first line, to catch answers put where
    /// they would be published.
    static func publishedCSVs(root: URL, moduleFolders: [String]) -> [(path: String, header: [String])] {
        var result: [(String, [String])] = []
        for top in ["content"] + moduleFolders {
            let base = root.appendingPathComponent(top)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["csv", "tsv"].contains(url.pathExtension.lowercased()) {
                guard let handle = try? FileHandle(forReadingFrom: url) else { continue }
                let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
                try? handle.close()
                let firstLine = head.split(separator: 0x0A, maxSplits: 1).first.map { Data($0) } ?? Data()
                let (table, _) = CSVReader.read([UInt8](firstLine), path: url.path)
                let relative = top + url.path.dropFirst(base.path.count)
                result.append((relative, table.header))
            }
        }
        return result.sorted { $0.0 < $1.0 }
    }
}
