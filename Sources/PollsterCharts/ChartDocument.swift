/// A standalone SVG file of charts (sweep.svg, capacity.svg): a title, then each chart
/// under its heading, one below the other, with ``ChartStyle`` inside so that the file
/// looks as the charts do on a page, on its own background.
public enum ChartDocument {
    /// One chart of the file: its heading and its `<svg>` element (``LineChart/svg`` ...).
    public struct Panel: Sendable {
        public var heading: String
        public var svg: String

        /// The chart `svg` under `heading`.
        public init(heading: String, svg: String) {
            self.heading = heading
            self.svg = svg
        }
    }

    /// The file's text.
    public static func render(title: String, panels: [Panel]) -> String {
        let n = SVG.number
        let width = ChartFrame.width
        var body = "<text class=\"doc-title\" x=\"\(n(width / 2))\" y=\"26\" text-anchor=\"middle\">\(SVG.escape(title))</text>\n"
        var top = 44.0
        for panel in panels {
            body += "<text class=\"doc-heading\" x=\"\(n(ChartFrame.minimumLeft))\" y=\"\(n(top + 16))\">\(SVG.escape(panel.heading))</text>\n"
            top += 24
            let height = Self.height(of: panel.svg)
            // A nested <svg> keeps its own viewBox; its place and size are given here.
            body += panel.svg.replacingOccurrences(
                of: "<svg class=\"chart\"", with: "<svg class=\"chart\" x=\"0\" y=\"\(n(top))\" width=\"\(n(width))\" height=\"\(n(height))\""
            ) + "\n"
            top += height + 12
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"charts\" width=\"\(n(width))\" height=\"\(n(top))\" viewBox=\"0 0 \(n(width)) \(n(top))\""
        out += " font-family=\"system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, DejaVu Sans, sans-serif\">\n"
        out += "<style>\n" + ChartStyle.css
        out += "svg.charts > rect.page { fill: var(--bg); }\nsvg.charts text.doc-title { font-size: 16px; font-weight: 600; fill: var(--fg); }\n"
        out += "svg.charts text.doc-heading { font-size: 14px; font-weight: 600; fill: var(--fg); }\n</style>\n"
        out += "<rect class=\"page\" x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(top))\"/>\n"
        return out + body + "</svg>\n"
    }

    /// The height of a chart's `<svg>` element, from its `viewBox` (``ChartFrame`` writes
    /// `viewBox="0 0 width height"`).
    static func height(of svg: String) -> Double {
        guard let range = svg.range(of: "viewBox=\"0 0 ") else { return 0 }
        let size = svg[range.upperBound...].prefix { $0 != "\"" }.split(separator: " ")
        return size.count == 2 ? Double(size[1]) ?? 0 : 0
    }
}
