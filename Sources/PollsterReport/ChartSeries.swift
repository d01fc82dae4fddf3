/// One named series of a chart: its points in data units, each with a hover title.
struct ChartSeries: Sendable {
    /// One data point.
    struct Point: Sendable {
        var x: Double
        var y: Double
        /// What a reader sees on hovering the point.
        var title: String
    }

    var name: String
    var points: [Point]
}
