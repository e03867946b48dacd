import Foundation
import Toolkit

/// The reading level of every page, as `doorstep check --readability` prints it.
public enum ReadabilityReport {
    public static func text(_ site: Site) -> String {
        // Pages held to plain English were measured when they were parsed; the others are measured here.
        let measured = site.allPages.compactMap { $0.readingLevel ?? ReadabilityCheck.measure($0) }
        let rows = measured.sorted(by: { ($0.grade, $1.sourcePath) > ($1.grade, $0.sourcePath) }).map { page in
            [String(format: "%.1f", page.grade), String(page.words), page.plainEnglishExpected ? "yes" : "no", page.sourcePath]
        }
        var lines = columns([["grade", "words", "plain?", "page"]] + rows, rightAligned: [0, 1])
        let plain = measured.filter(\.plainEnglishExpected)
        if !plain.isEmpty {
            let grades = plain.map(\.grade).sorted()
            let mean = grades.reduce(0, +) / Double(grades.count)
            let over = plain.filter { $0.grade > ReadabilityCheck.gradeLimit }.count
            lines.append(String(format: "plain-English pages: %d, mean grade %.1f, median %.1f, highest %.1f, over grade %.0f: %d",
                                plain.count, mean, grades[grades.count / 2], grades.last ?? 0, ReadabilityCheck.gradeLimit, over))
        }
        return lines.joined(separator: "\n")
    }

    /// Rows as lines with each column as wide as its widest cell, two spaces apart; the last column is
    /// not padded, so no line ends in spaces.
    static func columns(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let count = rows.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if rightAligned.contains(column) { return padding + cell }
                return column == row.count - 1 ? cell : cell + padding
            }.joined(separator: "  ")
        }
    }
}
