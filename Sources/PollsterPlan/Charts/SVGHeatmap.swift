/// A heatmap panel: one cell per (x, y) pair of a 2-D sweep, coloured by value (lighter is
/// lower), the value written in the cell, with axis titles and a colour scale.
public struct SVGHeatmap: Sendable {
    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var xLabels: [String]
    public var yLabels: [String]
    /// `values[y][x]`; nil for a cell not measured.
    public var values: [[Double?]]
    /// How a value is written in its cell.
    public var format: @Sendable (Double) -> String

    /// A heatmap called `title`.
    public init(title: String, xTitle: String, yTitle: String, xLabels: [String], yLabels: [String], values: [[Double?]],
                format: @escaping @Sendable (Double) -> String) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.xLabels = xLabels
        self.yLabels = yLabels
        self.values = values
        self.format = format
    }

    /// Draws the heatmap in the rectangle at (left, top) of `width` × `height`.
    public func render(into svg: inout SVGDocument, left: Double, top: Double, width: Double, height: Double) {
        let plotLeft = left + 80, plotTop = top + 30
        let plotWidth = width - 80 - 70, plotHeight = height - 30 - 52
        let all = values.flatMap { $0 }.compactMap { $0 }
        let low = all.min() ?? 0, high = all.max() ?? 1
        let cellWidth = plotWidth / Double(Swift.max(1, xLabels.count))
        let cellHeight = plotHeight / Double(Swift.max(1, yLabels.count))
        svg.text(left + width / 2, top + 18, title, anchor: "middle", size: 14, bold: true)
        for (row, rowValues) in values.enumerated() {
            // The first y value at the bottom, as on a chart.
            let y = plotTop + plotHeight - Double(row + 1) * cellHeight
            for (column, value) in rowValues.enumerated() {
                let x = plotLeft + Double(column) * cellWidth
                guard let value else {
                    svg.rect(x, y, cellWidth, cellHeight, fill: "#eeeeee", stroke: "#ffffff")
                    continue
                }
                let t = high > low ? (value - low) / (high - low) : 0.5
                let label = format(value)
                svg.rect(x, y, cellWidth, cellHeight, fill: ChartPalette.sequential(t), stroke: "#ffffff",
                         title: "\(xTitle) \(xLabels[column]), \(yTitle) \(yLabels[row]): \(label)")
                if cellWidth >= 34 && cellHeight >= 16 {
                    svg.text(x + cellWidth / 2, y + cellHeight / 2 + 4, label, anchor: "middle", size: 10, fill: t > 0.6 ? "#ffffff" : "#222222")
                }
            }
        }
        for (column, label) in xLabels.enumerated() {
            svg.text(plotLeft + (Double(column) + 0.5) * cellWidth, plotTop + plotHeight + 16, label, anchor: "middle", size: 11)
        }
        for (row, label) in yLabels.enumerated() {
            svg.text(plotLeft - 6, plotTop + plotHeight - (Double(row) + 0.5) * cellHeight + 4, label, anchor: "end", size: 11)
        }
        svg.text(plotLeft + plotWidth / 2, plotTop + plotHeight + 38, xTitle, anchor: "middle")
        svg.text(left + 16, plotTop + plotHeight / 2, yTitle, anchor: "middle", rotated: true)
        // Colour scale.
        let scaleLeft = plotLeft + plotWidth + 16
        for step in 0..<20 {
            let t = Double(step) / 19
            svg.rect(scaleLeft, plotTop + plotHeight * (1 - Double(step + 1) / 20), 14, plotHeight / 20 + 0.5, fill: ChartPalette.sequential(t))
        }
        svg.text(scaleLeft + 18, plotTop + 10, format(high), size: 10)
        svg.text(scaleLeft + 18, plotTop + plotHeight, format(low), size: 10)
    }
}
