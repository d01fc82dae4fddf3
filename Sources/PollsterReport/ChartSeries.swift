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
    /// How it is drawn; nil: the style of its place in the chart (``SeriesStyle/init(index:)``).
    var style: SeriesStyle? = nil
}

extension ChartFrame {
    /// `series` as polylines with a hover target at every point, and their legend: one
    /// style per series, its own or its place's.
    func lines(_ series: [ChartSeries]) -> (marks: String, legend: ChartLegend) {
        let n = SVG.number
        var marks = ""
        var entries: [ChartLegend.Entry] = []
        for (index, line) in series.enumerated() {
            let style = line.style ?? SeriesStyle(index: index)
            entries.append(ChartLegend.Entry(name: line.name, style: style, swatch: .line))
            guard !line.points.isEmpty else { continue }
            marks += "<g class=\"\(style.cssClass)\">"
            marks += "<polyline class=\"mark line\" points=\"" + line.points.map { n(px($0.x)) + "," + n(py($0.y)) }.joined(separator: " ") + "\"/>"
            for point in line.points {
                marks += "<circle class=\"mark hit\" cx=\"\(n(px(point.x)))\" cy=\"\(n(py(point.y)))\" r=\"4\"><title>\(SVG.escape(point.title))</title></circle>"
            }
            marks += "</g>\n"
        }
        return (marks, ChartLegend(entries: entries))
    }
}
