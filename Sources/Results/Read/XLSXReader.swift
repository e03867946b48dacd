import Diagnostics
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The first sheet of an Office Open XML workbook (`.xlsx`, as KoboToolbox's "XLS" export and spreadsheet
/// programs save it) read as a table, so it is checked like a CSV file. Shared and inline strings, numbers,
/// true/false and dates (day numbers in a date format) become the text a CSV export would hold; each record's
/// line is its row number in the sheet, so findings point at the row a person sees.
public enum XLSXReader {
    /// The most bytes one part of the workbook may hold once unpacked: a small file that unpacks to gigabytes
    /// is refused rather than filling memory.
    public static let largestPart: Int64 = 200 * 1024 * 1024

    public static func read(_ data: Data, path: String) -> (CSVTable, [Diagnostic]) {
        let empty = CSVTable(path: path, header: [], records: [], lines: [])
        func problem(_ message: String, notes: [String] = []) -> (CSVTable, [Diagnostic]) {
            (empty, [.error("R004", message, at: SourceLocation(file: path, line: 1, column: 1), notes: notes)])
        }
        guard data.starts(with: [0x50, 0x4B]), let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else {
            return problem("'\(path)' is not an .xlsx workbook: it cannot be opened as one",
                           notes: ["save it again as an Excel workbook (.xlsx) or as CSV"])
        }
        func part(_ name: String) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            guard entry.uncompressedSize <= largestPart else { throw PartProblem.tooLarge(name) }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            } catch {
                throw PartProblem.damaged(name)
            }
            return bytes
        }
        do {
            let workbook = try part("xl/workbook.xml")
            let sheetPath = firstSheetPath(workbook: workbook, relationships: try part("xl/_rels/workbook.xml.rels"))
            guard let sheet = try part(sheetPath) else {
                return problem("'\(path)' has no sheet to read at '\(sheetPath)'")
            }
            let strings = try part("xl/sharedStrings.xml").map(SharedStrings.read) ?? []
            let styles = try part("xl/styles.xml").map(DateStyles.read) ?? DateStyles()
            let uses1904 = workbook.map { ElementAttributes.collect($0, element: "workbookPr").first?["date1904"] } ?? nil
            return SheetRows.read(sheet, path: path, strings: strings, styles: styles,
                                  uses1904: uses1904 == "1" || uses1904 == "true")
        } catch PartProblem.tooLarge(let name) {
            return problem("'\(path)' is too large to read: its part '\(name)' unpacks to more than \(largestPart / 1024 / 1024) MB",
                           notes: ["split the answers into smaller files, or save them as CSV"])
        } catch {
            let name = if case PartProblem.damaged(let name) = error { name } else { "" }
            return problem("'\(path)' is damaged: its part '\(name)' cannot be unpacked", notes: ["download or save the workbook again"])
        }
    }

    enum PartProblem: Error { case tooLarge(String), damaged(String) }

    /// The first sheet named in `xl/workbook.xml`, found through its relationship; `sheet1.xml` when the
    /// workbook does not say.
    static func firstSheetPath(workbook: Data?, relationships: Data?) -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook, let relationships else { return fallback }
        let sheets = ElementAttributes.collect(workbook, element: "sheet")
        let links = ElementAttributes.collect(relationships, element: "Relationship")
        guard let id = sheets.first?["r:id"], let target = links.first(where: { $0["Id"] == id })?["Target"] else { return fallback }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return PackagePath.join("xl", target) ?? fallback
    }
}

enum PackagePath {
    /// `xl` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`; nil when the target climbs out of the package.
    static func join(_ base: String, _ target: String) -> String? {
        var parts = base.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else if piece != "." {
                parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }
}

/// Runs one parse; entities that point at other files are never fetched. False when the XML is not well-formed.
func parseXML(_ data: Data, with delegate: XMLParserDelegate) -> Bool {
    let parser = XMLParser(data: data)
    parser.delegate = delegate
    parser.shouldResolveExternalEntities = false
    return parser.parse()
}

/// The attributes of every element with one name, in document order.
final class ElementAttributes: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []

    init(element: String) { self.element = element }

    static func collect(_ data: Data, element: String) -> [[String: String]] {
        let delegate = ElementAttributes(element: element)
        _ = parseXML(data, with: delegate)
        return delegate.found
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == element { found.append(attributes) }
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, rich-text runs joined, phonetic guides left out.
final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    static func read(_ data: Data) -> [String] {
        let delegate = SharedStrings()
        _ = parseXML(data, with: delegate)
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "si": current = ""
        case "rPh": inPhonetic = true
        case "t": inText = !inPhonetic
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "rPh": inPhonetic = false
        case "t": inText = false
        default: break
        }
    }
}

/// Which cell styles (`s="…"` on a cell) show a number as a date or time, from `xl/styles.xml`.
final class DateStyles: NSObject, XMLParserDelegate {
    /// For each cell style in `cellXfs`, in order: true when its number format is a date or time.
    var isDate: [Bool] = []
    private var custom: [Int: String] = [:]
    private var formats: [Int] = []
    private var inCellStyles = false

    /// Excel's built-in date and time formats.
    static let builtInDates: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    static func read(_ data: Data) -> DateStyles {
        let delegate = DateStyles()
        _ = parseXML(data, with: delegate)
        delegate.isDate = delegate.formats.map { id in
            if let code = delegate.custom[id] { return Self.looksLikeDate(code) }
            return builtInDates.contains(id)
        }
        return delegate
    }

    /// A format code shows a date when, outside quoted text and `[…]` parts, it holds d, m, y, h or s.
    static func looksLikeDate(_ code: String) -> Bool {
        var inQuotes = false, inBrackets = false, escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            case "d" where !inQuotes && !inBrackets, "m" where !inQuotes && !inBrackets, "y" where !inQuotes && !inBrackets,
                 "h" where !inQuotes && !inBrackets, "s" where !inQuotes && !inBrackets:
                return true
            default: break
            }
        }
        return false
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { custom[id] = code }
        case "cellXfs": inCellStyles = true
        case "xf" where inCellStyles: formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "cellXfs" { inCellStyles = false }
    }
}

/// A worksheet's rows, each cell placed by its reference (`C7`), so empty cells a program leaves out still
/// keep the others in their columns.
final class SheetRows: NSObject, XMLParserDelegate {
    let path: String
    let strings: [String]
    let styles: DateStyles
    let uses1904: Bool
    var rows: [(line: Int, cells: [String])] = []
    var diagnostics: [Diagnostic] = []
    private var row: [String] = []
    private var rowNumber = 0
    private var cellColumn = 0
    private var cellType = ""
    private var cellStyle = 0
    private var value = ""
    private var collecting = false
    private var inInline = false
    private var inCell = false
    private var tooMany = false

    init(path: String, strings: [String], styles: DateStyles, uses1904: Bool) {
        self.path = path
        self.strings = strings
        self.styles = styles
        self.uses1904 = uses1904
    }

    static func read(_ data: Data, path: String, strings: [String], styles: DateStyles, uses1904: Bool) -> (CSVTable, [Diagnostic]) {
        let delegate = SheetRows(path: path, strings: strings, styles: styles, uses1904: uses1904)
        if !parseXML(data, with: delegate), !delegate.tooMany {
            delegate.diagnostics.append(.error("R004", "'\(path)' is damaged: its first sheet is not well-formed XML",
                                               at: SourceLocation(file: path, line: max(1, delegate.rowNumber), column: 1)))
        }
        // Rows with no value at all (often formatting left below the answers) are not records.
        let rows = delegate.rows.filter { !$0.cells.allSatisfy(\.isEmpty) }
        guard let header = rows.first else {
            delegate.diagnostics.append(.error("R001", "'\(path)' is empty: a results file needs a header row of variable names",
                                               at: SourceLocation(file: path, line: 1, column: 1)))
            return (CSVTable(path: path, header: [], records: [], lines: []), delegate.diagnostics)
        }
        // Trailing empty header cells are formatting, not columns; records are cut or padded to the header.
        var names = header.cells
        while names.last?.isEmpty == true { names.removeLast() }
        let width = names.count
        let records = rows.dropFirst().map { row -> [String] in
            row.cells.count >= width ? Array(row.cells.prefix(width)) : row.cells + Array(repeating: "", count: width - row.cells.count)
        }
        return (CSVTable(path: path, header: names.map(\.trimmingSpaces), records: records, lines: rows.dropFirst().map(\.line)),
                delegate.diagnostics)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            row = []
        case "c":
            inCell = true
            cellColumn = attributes["r"].flatMap(Self.columnIndex) ?? row.count
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v" where inCell:
            collecting = true
        case "is" where inCell:
            inInline = true
        case "t" where inInline:
            collecting = true
        case "rPh":
            inInline = false
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t":
            collecting = false
        case "is":
            inInline = false
        case "c":
            inCell = false
            guard cellColumn < 16_384 else { return }
            if row.count <= cellColumn { row += Array(repeating: "", count: cellColumn + 1 - row.count) }
            row[cellColumn] = text(of: value)
        case "row":
            rows.append((rowNumber, row))
            if rows.count > CSVReader.maxRecords {
                tooMany = true
                diagnostics.append(.error("R001", "'\(path)' has more than \(CSVReader.maxRecords) rows; split it into smaller files",
                                          at: SourceLocation(file: path, line: rowNumber, column: 1)))
                parser.abortParsing()
            }
        default:
            break
        }
    }

    /// What a CSV export would hold for the cell.
    func text(of raw: String) -> String {
        switch cellType {
        case "s":
            guard let index = Int(raw.trimmingSpaces), strings.indices.contains(index) else { return "" }
            return strings[index]
        case "inlineStr", "str", "e":
            return raw
        case "b":
            return raw == "1" ? "TRUE" : "FALSE"
        case "d":
            return raw
        default:
            guard let number = Double(raw.trimmingSpaces) else { return raw }
            if styles.isDate.indices.contains(cellStyle), styles.isDate[cellStyle] {
                return Self.date(fromSerial: number, uses1904: uses1904)
            }
            return Self.number(number, raw: raw.trimmingSpaces)
        }
    }

    /// `3` rather than `3.0`; other numbers as written.
    static func number(_ number: Double, raw: String) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return raw
    }

    /// A spreadsheet day number as `YYYY-MM-DD`, with `THH:MM:SS` when it holds a time of day.
    static func date(fromSerial serial: Double, uses1904: Bool) -> String {
        // Day 0 is 1899-12-30 in the 1900 system (Excel counts 1900 as a leap year), 1904-01-01 in the other.
        let epochDays = uses1904 ? 1462 : 0
        var seconds = Int64(((serial + Double(epochDays)) * 86_400).rounded())
        seconds -= 2_209_161_600  // 1899-12-30 to 1970-01-01
        let days = Int64((Double(seconds) / 86_400).rounded(.down))
        let timeOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
        guard timeOfDay != 0 else { return date }
        let time = Int(timeOfDay)
        return date + "T\(padded(time / 3600, 2)):\(padded(time / 60 % 60, 2)):\(padded(time % 60, 2))"
    }

    /// Days since 1970-01-01 → (year, month, day), Howard Hinnant's civil-from-days.
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    /// `C7` → 2 (columns counted from 0).
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }
}
