/// Points on two linear axes (cost against freshness), the Pareto-efficient points
/// (``ParetoFront``, computed by the caller) ringed and joined by a dashed frontier line;
/// with ``labelled``, every point labelled with its full name where the label covers no
/// point and no other label (``LabelPlacement``).
public struct ScatterChart: Sendable {
    /// One point.
    public struct Point: Sendable {
        /// Its series' name: the legend's entry and, on a labelled chart, its label.
        public var name: String
        public var x: Double
        public var y: Double
        public var title: String
        /// On the Pareto front (no other point is at least as good on both axes and better on one).
        public var efficient: Bool
        /// The style index: the strategy's place in the run, so that it keeps its colour
        /// when strategies without a value are left out. Points of one series share it.
        public var series: Int

        /// A point of series `series`, called `name`.
        public init(name: String, x: Double, y: Double, title: String, efficient: Bool, series: Int) {
            self.name = name
            self.x = x
            self.y = y
            self.title = title
            self.efficient = efficient
            self.series = series
        }
    }

    /// How far from its centre a point's mark reaches, its ring included, px.
    static let markRadius = 10.0

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var points: [Point]
    /// Write each point's name beside it (one point per series); otherwise the legend
    /// names the series and each point's title says which it is.
    public var labelled: Bool

    /// A chart of `points`.
    public init(id: String, title: String, xLabel: String, yLabel: String, points: [Point], labelled: Bool = true) {
        self.id = id
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.points = points
        self.labelled = labelled
    }

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
    public var svg: String {
        let frame = self.frame
        let n = SVG.number
        var marks = ""
        let front = points.filter(\.efficient).sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        if front.count > 1 {
            marks += "<polyline class=\"frontier\" points=\"" + front.map { n(frame.px($0.x)) + "," + n(frame.py($0.y)) }.joined(separator: " ") + "\"/>\n"
        }
        let labels: [LabelPlacement.Label?] = labelled ? self.labels.map { Optional($0) } : points.map { _ in nil }
        for (point, label) in zip(points, labels) {
            let style = SeriesStyle(index: point.series)
            let cx = frame.px(point.x), cy = frame.py(point.y)
            marks += "<g class=\"\(style.cssClass)\">"
            if point.efficient { marks += "<circle class=\"ring\" cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(Self.markRadius))\"/>" }
            marks += style.marker(x: cx, y: cy, radius: labelled ? 6 : 4.5, cssClass: "mark dot", content: "<title>\(SVG.escape(point.title))</title>")
            if let label {
                if let leader = label.leader {
                    marks += "<line class=\"leader\" x1=\"\(n(leader.x1))\" y1=\"\(n(leader.y1))\" x2=\"\(n(leader.x2))\" y2=\"\(n(leader.y2))\"/>"
                }
                marks += "<text class=\"point-label\" x=\"\(n(label.x))\" y=\"\(n(label.baseline))\">\(SVG.escape(label.text))</text>"
            }
            marks += "</g>\n"
        }
        var seen: Set<Int> = []
        var legend = points.filter { seen.insert($0.series).inserted }.map {
            ChartLegend.Entry(name: $0.name, style: SeriesStyle(index: $0.series), swatch: .marker)
        }
        if points.contains(where: \.efficient) {
            legend.append(ChartLegend.Entry(name: "Pareto-efficient", style: SeriesStyle(index: 0), swatch: .ring))
        }
        return frame.render(id: id, title: title, legend: ChartLegend(entries: legend), marks: marks)
    }
}
