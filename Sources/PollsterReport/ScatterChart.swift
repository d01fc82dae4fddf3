/// One point per strategy on two linear axes, the Pareto-efficient points ringed and joined
/// by a dashed frontier line, every point labelled with its full name where the label
/// covers no point and no other label (``LabelPlacement``).
struct ScatterChart: Sendable {
    /// One labelled point.
    struct Point: Sendable {
        var name: String
        var x: Double
        var y: Double
        var title: String
        /// On the Pareto front (no other point is lower on both axes).
        var efficient: Bool
        /// The style index: the strategy's place in the run, so that it keeps its colour
        /// when strategies without a value are left out.
        var series: Int
    }

    /// How far from its centre a point's mark reaches, its ring included, px.
    static let markRadius = 10.0

    var id: String
    var title: String
    var xLabel: String
    var yLabel: String
    var points: [Point]

    var frame: ChartFrame {
        ChartFrame(
            x: .linear(xLabel, maximum: (points.map(\.x).max() ?? 1) * 1.08),
            y: .linear(yLabel, maximum: (points.map(\.y).max() ?? 1) * 1.08)
        )
    }

    /// The points' labels, in ``points`` order.
    var labels: [LabelPlacement.Label] {
        let frame = self.frame
        let plot = LabelPlacement.Box(minX: frame.left, minY: ChartFrame.top, maxX: frame.left + frame.plotWidth, maxY: frame.plotBottom)
        return LabelPlacement.place(points.map { (frame.px($0.x), frame.py($0.y), $0.name) }, radius: Self.markRadius, bounds: plot)
    }

    /// The chart as an `<svg>` element.
    var svg: String {
        let frame = self.frame
        let n = SVG.number
        var marks = ""
        let front = points.filter(\.efficient).sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        if front.count > 1 {
            marks += "<polyline class=\"frontier\" points=\"" + front.map { n(frame.px($0.x)) + "," + n(frame.py($0.y)) }.joined(separator: " ") + "\"/>\n"
        }
        for (point, label) in zip(points, labels) {
            let style = SeriesStyle(index: point.series)
            let cx = frame.px(point.x), cy = frame.py(point.y)
            marks += "<g class=\"\(style.cssClass)\">"
            if point.efficient { marks += "<circle class=\"ring\" cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(Self.markRadius))\"/>" }
            marks += style.marker(x: cx, y: cy, radius: 6, cssClass: "mark dot", content: "<title>\(SVG.escape(point.title))</title>")
            if let leader = label.leader {
                marks += "<line class=\"leader\" x1=\"\(n(leader.x1))\" y1=\"\(n(leader.y1))\" x2=\"\(n(leader.x2))\" y2=\"\(n(leader.y2))\"/>"
            }
            marks += "<text class=\"point-label\" x=\"\(n(label.x))\" y=\"\(n(label.baseline))\">\(SVG.escape(label.text))</text>"
            marks += "</g>\n"
        }
        var legend = points.map { ChartLegend.Entry(name: $0.name, style: SeriesStyle(index: $0.series), swatch: .marker) }
        if points.contains(where: \.efficient) {
            legend.append(ChartLegend.Entry(name: "Pareto-efficient", style: SeriesStyle(index: 0), swatch: .ring))
        }
        return frame.render(id: id, title: title, legend: ChartLegend(entries: legend), marks: marks)
    }
}
