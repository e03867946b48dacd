import Diagnostics
import Foundation

/// A response file read as a table, whichever form it came in: CSV or TSV (the web form, typed paper
/// returns, KoboToolbox and ODK Central CSV exports) or an `.xlsx` workbook (KoboToolbox's "XLS" export).
public enum ResponseFile {
    public static func isWorkbook(_ path: String) -> Bool { path.lowercased().hasSuffix(".xlsx") }

    public static func read(_ data: Data, path: String) -> (CSVTable, [Diagnostic]) {
        if isWorkbook(path) { return XLSXReader.read(data, path: path) }
        return CSVReader.read([UInt8](data), path: path)
    }
}
