import Foundation
import Toolkit

/// The reading level of every page, as `doorstep check --readability` prints it.
public enum ReadabilityReport {
    public static func text(_ site: Site) -> String {
        let measured = site.allPages.compactMap(ReadabilityCheck.measure)
        var lines = ["grade  words  plain?  page"]
        for page in measured.sorted(by: { $0.grade > $1.grade }) {
            lines.append(String(format: "%5.1f  %5d  %-6@  %@", page.grade, page.words,
                                page.plainEnglishExpected ? "yes" : "no", page.sourcePath))
        }
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
}
