import Diagnostics

/// A table read from an RFC 4180 CSV file: the header, then each record with the line it starts on.
public struct CSVTable: Sendable, Equatable {
    public var path: String
    public var header: [String]
    public var records: [[String]]
    /// The 1-based line each record starts on (a quoted field may hold line breaks).
    public var lines: [Int]
}

/// A small RFC 4180 reader over bytes: quoted fields with `""`, CRLF or LF line ends, a UTF-8 byte-order
/// mark, `,` or `;` (spreadsheets in some locales) or tab separators. It never throws: a problem is a located
/// diagnostic and the reader carries on, so one bad quote cannot hide the rest of the file.
public enum CSVReader {
    /// The most records read from one file; a bigger file is reported rather than filling memory.
    public static let maxRecords = 1_000_000

    public static func read(_ bytes: [UInt8], path: String) -> (CSVTable, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        if bytes[start...].contains(0) {
            diagnostics.append(.error("R001", "'\(path)' is not a CSV file: it holds binary data; export the answers as CSV (comma-separated values)",
                                      at: SourceLocation(file: path, line: 1, column: 1)))
            return (CSVTable(path: path, header: [], records: [], lines: []), diagnostics)
        }
        let separator = detectSeparator(bytes, from: start)
        var rows: [[String]] = []
        var lines: [Int] = []
        var row: [String] = []
        var field: [UInt8] = []
        var line = 1
        var rowLine = 1
        var inQuotes = false
        var quoteLine = 1
        var fieldWasQuoted = false
        var index = start
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRow() {
            endField()
            // A line with nothing on it (often the last one) is not a record.
            if !(row.count == 1 && row[0].isEmpty) {
                rows.append(row)
                lines.append(rowLine)
            }
            row.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case separator:
                endField()
            case UInt8(ascii: "\""):
                if field.isEmpty && !fieldWasQuoted {
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteLine = line
                } else {
                    field.append(byte)
                }
            case 0x0D:
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                endRow()
                line += 1
                rowLine = line
            case 0x0A:
                endRow()
                line += 1
                rowLine = line
            default:
                field.append(byte)
            }
            if rows.count > maxRecords {
                diagnostics.append(.error("R001", "'\(path)' has more than \(maxRecords) rows; split it into smaller files",
                                          at: SourceLocation(file: path, line: line, column: 1)))
                break
            }
            index += 1
        }
        if inQuotes {
            diagnostics.append(.error("R002", "a quoted field that starts here never ends: a '\"' is missing",
                                      at: SourceLocation(file: path, line: quoteLine, column: row.count + 1),
                                      notes: ["the rest of the file was read as part of this field"]))
        }
        if !field.isEmpty || !row.isEmpty || fieldWasQuoted { endRow() }
        guard let header = rows.first else {
            diagnostics.append(.error("R001", "'\(path)' is empty: a results file needs a header row of variable names",
                                      at: SourceLocation(file: path, line: 1, column: 1)))
            return (CSVTable(path: path, header: [], records: [], lines: []), diagnostics)
        }
        let table = CSVTable(path: path, header: header.map { $0.trimmingSpaces }, records: Array(rows.dropFirst()),
                             lines: Array(lines.dropFirst()))
        return (table, diagnostics)
    }

    /// The separator that splits the header line: `,` unless the line has more `;` or tabs.
    static func detectSeparator(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var inQuotes = false
        for byte in bytes[start...] {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if counts[byte] != nil { counts[byte, default: 0] += 1 }
        }
        let comma = counts[UInt8(ascii: ",")] ?? 0
        return counts.filter { $0.value > comma }.max { $0.value < $1.value }?.key ?? UInt8(ascii: ",")
    }
}

extension String {
    var trimmingSpaces: String {
        // Most cells have no space at either end: give them back without making a new string.
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
