import Markdown

/// A horizontal bar chart as SVG, sized for a phone screen, with a text alternative; the page puts the
/// same figures in a table beside it.
public enum BarChart {
    public struct Bar: Sendable {
        public var label: String
        /// 0 to 100, or nil when the count is not published.
        public var percent: Double?
        /// What is written at the end of the bar: "12 (25%)", "fewer than 5".
        public var valueText: String
    }

    static let width = 360.0
    static let lineHeight = 16.0
    static let barHeight = 14.0
    static let charactersPerLine = 44

    public static func svg(_ bars: [Bar], id: String, title: String) -> String {
        var body = ""
        var y = 4.0
        for bar in bars {
            for line in wrap(bar.label) {
                y += lineHeight
                body += "<text x=\"0\" y=\"\(format(y))\" class=\"results-chart-label\" fill=\"#000\" font-size=\"13\">\(HTML.escape(line))</text>"
            }
            y += 4
            let valueWidth = 120.0
            let length = (bar.percent ?? 0) / 100 * (width - valueWidth)
            if bar.percent != nil {
                body += "<rect x=\"0\" y=\"\(format(y))\" width=\"\(format(max(length, 1)))\" height=\"\(format(barHeight))\" class=\"results-chart-bar\" fill=\"#1d5c4d\"/>"
            }
            body += "<text x=\"\(format(length + 6))\" y=\"\(format(y + barHeight - 3))\" class=\"results-chart-value\" fill=\"#000\" font-size=\"13\" font-weight=\"bold\">\(HTML.escape(bar.valueText))</text>"
            y += barHeight + 6
        }
        let height = y + 4
        let description = bars.map { "\($0.label): \($0.valueText)" }.joined(separator: "; ")
        return "<svg class=\"results-chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(format(width)) \(format(height))\" "
            + "width=\"\(format(width))\" height=\"\(format(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(id)-title\">\(HTML.escape(title))</title><desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>"
            + body + "</svg>"
    }

    static func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + word.count + 1 > charactersPerLine {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
