/// One named series of a chart: its points in data units, each with a hover title.
public struct ChartSeries: Sendable {
    /// One data point, with an optional interval for y (drawn as an error bar).
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        /// What a reader sees on hovering the point.
        public var title: String
        public var low: Double?
        public var high: Double?

        /// A point at (`x`, `y`), with an optional interval [`low`, `high`].
        public init(x: Double, y: Double, title: String, low: Double? = nil, high: Double? = nil) {
            self.x = x
            self.y = y
            self.title = title
            self.low = low
            self.high = high
        }
    }

    public var name: String
    public var points: [Point]
    /// How it is drawn; nil: the style of its place in the chart (``SeriesStyle/init(index:)``).
    public var style: SeriesStyle?
    /// Draw every point's marker (a few measured points); otherwise the points are hover
    /// targets that show only under the pointer (a dense time series).
    public var markers: Bool

    /// A series called `name`.
    public init(name: String, points: [Point], style: SeriesStyle? = nil, markers: Bool = false) {
        self.name = name
        self.points = points
        self.style = style
        self.markers = markers
    }
}

extension ChartFrame {
    /// `series` as polylines with a hover target at every point (and error bars where a
    /// point has an interval), and their legend: one style per series, its own or its place's.
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
                if let low = point.low, let high = point.high, high > low {
                    let x = px(point.x)
                    marks += "<path class=\"mark whisker\" d=\"M\(n(x)) \(n(py(low)))V\(n(py(high)))M\(n(x - 3)) \(n(py(low)))H\(n(x + 3))M\(n(x - 3)) \(n(py(high)))H\(n(x + 3))\"/>"
                }
                let title = "<title>\(SVG.escape(point.title))</title>"
                if line.markers {
                    marks += style.marker(x: px(point.x), y: py(point.y), radius: 3.5, cssClass: "mark dot", content: title)
                } else {
                    marks += "<circle class=\"mark hit\" cx=\"\(n(px(point.x)))\" cy=\"\(n(py(point.y)))\" r=\"4\">\(title)</circle>"
                }
            }
            marks += "</g>\n"
        }
        return (marks, ChartLegend(entries: entries))
    }
}
