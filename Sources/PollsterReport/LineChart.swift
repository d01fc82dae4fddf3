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
        let (marks, legend) = frame.lines(series)
        return frame.render(id: id, title: title, legend: legend, marks: marks)
    }
}
