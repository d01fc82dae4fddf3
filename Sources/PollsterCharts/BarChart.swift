/// Grouped bars: one slot per category (strategy), one bar per series (statistic) in it.
public struct BarChart: Sendable {
    /// One statistic across the categories.
    public struct Series: Sendable {
        public var name: String
        /// One per category; nil: not measured (no bar at all).
        public var values: [Double?]
        /// Hover titles, one per category.
        public var titles: [String]

        /// A statistic called `name`.
        public init(name: String, values: [Double?], titles: [String]) {
            self.name = name
            self.values = values
            self.titles = titles
        }
    }

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var categories: [String]
    public var series: [Series]

    /// A chart of `series` over `categories`.
    public init(id: String, title: String, xLabel: String, yLabel: String, categories: [String], series: [Series]) {
        self.id = id
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
        self.series = series
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let frame = ChartFrame(
            x: .categories(xLabel, names: categories),
            y: .linear(yLabel, maximum: series.flatMap { $0.values.compactMap { $0 } }.max() ?? 1)
        )
        let n = SVG.number
        let slot = frame.plotWidth / Double(Swift.max(1, categories.count))
        let barWidth = slot * 0.8 / Double(Swift.max(1, series.count))
        var marks = ""
        for (index, statistic) in series.enumerated() {
            marks += "<g class=\"\(SeriesStyle(index: index).cssClass)\">"
            for (category, value) in statistic.values.enumerated() {
                guard let value else { continue }
                let x = frame.left + Double(category) * slot + slot * 0.1 + Double(index) * barWidth
                let top = frame.py(value), bottom = frame.py(0)
                // A zero still gets a hairline, so that a reader sees a value was measured.
                let height = Swift.max(1, bottom - top)
                marks += "<rect class=\"mark bar\" x=\"\(n(x))\" y=\"\(n(bottom - height))\" width=\"\(n(barWidth * 0.92))\" height=\"\(n(height))\"><title>\(SVG.escape(statistic.titles[category]))</title></rect>"
            }
            marks += "</g>\n"
        }
        let legend = series.enumerated().map { ChartLegend.Entry(name: $0.element.name, style: SeriesStyle(index: $0.offset), swatch: .bar) }
        return frame.render(id: id, title: title, legend: ChartLegend(entries: legend), marks: marks)
    }
}
