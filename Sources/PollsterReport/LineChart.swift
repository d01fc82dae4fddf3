/// Lines over a linear x axis (time series): one polyline per series, with a hover
/// target and title at every point.
struct LineChart: Sendable {
    var id: String
    var title: String
    var xLabel: String
    var yLabel: String
    var series: [ChartSeries]
    /// The y axis's lowest maximum (so a flat zero line still has a scale).
    var minimumYMaximum = 1.0
    /// The y axis's highest possible value (100 for percentages), if any.
    var yLimit: Double?

    /// The chart as an `<svg>` element.
    var svg: String {
        let points = series.flatMap(\.points)
        let frame = ChartFrame(
            x: .linear(xLabel, maximum: points.map(\.x).max() ?? 1),
            // A little headroom, so that a line at the maximum does not run along the frame.
            y: .linear(yLabel, maximum: Swift.min(yLimit ?? .infinity, Swift.max(minimumYMaximum, (points.map(\.y).max() ?? 0) * 1.04)))
        )
        var marks = ""
        for (index, line) in series.enumerated() where !line.points.isEmpty {
            marks += "<g class=\"\(ChartFrame.seriesClass(index))\">"
            marks += "<polyline class=\"mark line\" points=\"" + line.points.map { SVG.number(frame.px($0.x)) + "," + SVG.number(frame.py($0.y)) }.joined(separator: " ") + "\"/>"
            for point in line.points {
                marks += "<circle class=\"mark hit\" cx=\"\(SVG.number(frame.px(point.x)))\" cy=\"\(SVG.number(frame.py(point.y)))\" r=\"4\"><title>\(SVG.escape(point.title))</title></circle>"
            }
            marks += "</g>\n"
        }
        let legend = series.enumerated().map { ChartFrame.LegendEntry(name: $0.element.name, series: $0.offset, swatch: .line) }
        return frame.render(id: id, title: title, legend: legend, marks: marks)
    }
}
