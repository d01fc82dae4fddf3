/// One point per strategy on two linear axes, the Pareto-efficient points ringed, labelled
/// and joined by a dashed frontier line.
struct ScatterChart: Sendable {
    /// One labelled point.
    struct Point: Sendable {
        var name: String
        var x: Double
        var y: Double
        var title: String
        /// On the Pareto front (no other point is lower on both axes).
        var efficient: Bool
        /// The colour index: the strategy's place in the run, so that it keeps its colour
        /// when strategies without a value are left out.
        var series: Int
    }

    var id: String
    var title: String
    var xLabel: String
    var yLabel: String
    var points: [Point]

    /// The chart as an `<svg>` element.
    var svg: String {
        let frame = ChartFrame(
            x: .linear(xLabel, maximum: (points.map(\.x).max() ?? 1) * 1.08),
            y: .linear(yLabel, maximum: (points.map(\.y).max() ?? 1) * 1.08)
        )
        let n = SVG.number
        var marks = ""
        let front = points.filter(\.efficient).sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        if front.count > 1 {
            marks += "<polyline class=\"frontier\" points=\"" + front.map { n(frame.px($0.x)) + "," + n(frame.py($0.y)) }.joined(separator: " ") + "\"/>\n"
        }
        for point in points {
            let cx = n(frame.px(point.x)), cy = n(frame.py(point.y))
            marks += "<g class=\"\(ChartFrame.seriesClass(point.series))\">"
            if point.efficient { marks += "<circle class=\"ring\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"10\"/>" }
            marks += "<circle class=\"mark dot\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"6\"><title>\(SVG.escape(point.title))</title></circle>"
            marks += "<text class=\"point-label\" x=\"\(n(frame.px(point.x) + 12))\" y=\"\(n(frame.py(point.y) - 8))\">\(SVG.escape(SVG.truncated(point.name, to: 18)))</text>"
            marks += "</g>\n"
        }
        var legend = points.map { ChartFrame.LegendEntry(name: $0.name, series: $0.series, swatch: .dot) }
        if points.contains(where: \.efficient) {
            legend.append(ChartFrame.LegendEntry(name: "Pareto-efficient", series: 0, swatch: .ring))
        }
        return frame.render(id: id, title: title, legend: legend, marks: marks)
    }
}
