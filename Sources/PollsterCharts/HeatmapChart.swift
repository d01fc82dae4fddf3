/// A grid of cells, one per (x, y) pair of a two-axis sweep, coloured by value on a
/// sequential scale (light is low, dark is high), the value written in each cell wide
/// enough for it and in its title, with a colour scale at the right. The first y value is
/// at the bottom, as on a chart.
public struct HeatmapChart: Sendable {
    /// The right margin, with room for the colour scale and its labels.
    static let right = 110.0

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var columns: [String]
    public var rows: [String]
    /// `values[row][column]`; nil for a cell not measured.
    public var values: [[Double?]]
    /// How a value is written in its cell and the scale.
    public var format: @Sendable (Double) -> String

    /// A heatmap of `values` over `columns` (x) and `rows` (y).
    public init(id: String, title: String, xLabel: String, yLabel: String, columns: [String], rows: [String], values: [[Double?]],
                format: @escaping @Sendable (Double) -> String) {
        self.id = id
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.columns = columns
        self.rows = rows
        self.values = values
        self.format = format
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let frame = ChartFrame(x: .categories(xLabel, names: columns), y: .categories(yLabel, names: rows), right: Self.right)
        let n = SVG.number
        let all = values.flatMap { $0 }.compactMap { $0 }
        let low = all.min() ?? 0, high = all.max() ?? 1
        let cellWidth = frame.plotWidth / Double(Swift.max(1, columns.count))
        let cellHeight = frame.plotHeight / Double(Swift.max(1, rows.count))
        var marks = "<g class=\"cells\">"
        for (row, rowValues) in values.enumerated() where row < rows.count {
            let y = frame.py(Double(row + 1))
            for (column, value) in rowValues.enumerated() where column < columns.count {
                let x = frame.px(Double(column))
                let place = "x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(cellWidth))\" height=\"\(n(cellHeight))\""
                let name = "\(xLabel) \(columns[column]), \(yLabel) \(rows[row])"
                guard let value else {
                    marks += "<rect class=\"mark cell missing\" \(place)><title>\(SVG.escape(name)): not measured</title></rect>"
                    continue
                }
                let t = high > low ? (value - low) / (high - low) : 0.5
                let text = format(value)
                marks += "<rect class=\"mark cell\" \(place) fill=\"\(Self.colour(t))\"><title>\(SVG.escape("\(name): \(text)"))</title></rect>"
                if cellWidth >= ChartText.width(text) * 0.85 + 6 && cellHeight >= 16 {
                    marks += "<text class=\"cell-label \(t > 0.6 ? "light" : "dark")\" x=\"\(n(x + cellWidth / 2))\" y=\"\(n(y + cellHeight / 2 + 4))\" text-anchor=\"middle\">\(SVG.escape(text))</text>"
                }
            }
        }
        marks += "</g>\n<g class=\"scale\">"
        // The colour scale: twenty steps from the lowest value (bottom) to the highest.
        let scaleLeft = frame.left + frame.plotWidth + 16
        for step in 0..<20 {
            let top = ChartFrame.top + frame.plotHeight * (1 - Double(step + 1) / 20)
            marks += "<rect x=\"\(n(scaleLeft))\" y=\"\(n(top))\" width=\"14\" height=\"\(n(frame.plotHeight / 20 + 0.5))\" fill=\"\(Self.colour(Double(step) / 19))\"/>"
        }
        marks += "<text x=\"\(n(scaleLeft + 18))\" y=\"\(n(ChartFrame.top + 10))\">\(SVG.escape(format(high)))</text>"
        marks += "<text x=\"\(n(scaleLeft + 18))\" y=\"\(n(frame.plotBottom))\">\(SVG.escape(format(low)))</text>"
        marks += "</g>\n"
        return frame.render(id: id, title: title, legend: ChartLegend(entries: []), marks: marks)
    }

    /// The colour of `t` in [0, 1] on a sequential scale, light yellow (low) to dark blue
    /// (high): the same in every theme, so cells are read against the scale, not the page.
    static func colour(_ t: Double) -> String {
        let stops: [(Double, Double, Double)] = [(255, 255, 204), (161, 218, 180), (65, 182, 196), (44, 127, 184), (37, 52, 148)]
        let clamped = Swift.min(1, Swift.max(0, t.isFinite ? t : 0))
        let position = clamped * Double(stops.count - 1)
        let i = Swift.min(stops.count - 2, Int(position))
        let f = position - Double(i)
        func hex(_ a: Double, _ b: Double) -> String {
            let text = String(Int((a + (b - a) * f).rounded()), radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return "#" + hex(stops[i].0, stops[i + 1].0) + hex(stops[i].1, stops[i + 1].1) + hex(stops[i].2, stops[i + 1].2)
    }
}
