/// A line chart panel: axes with titles and units, round ticks, one line per series with
/// optional error bars, a legend, and reference lines (a limit, a knee).
public struct SVGLineChart: Sendable {
    /// A dashed reference line across the plot, labelled.
    public struct Mark: Sendable {
        public var value: Double
        public var label: String
        public var colour: String
        /// For a vertical mark, the y value to put a ringed dot at (where it meets a limit).
        public var dot: Double?

        /// A reference at `value`; an empty label draws the line alone.
        public init(value: Double, label: String, colour: String = "#888888", dot: Double? = nil) {
            self.value = value
            self.label = label
            self.colour = colour
            self.dot = dot
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var series: [ChartSeries]
    public var xLogarithmic = false
    public var yIncludesZero = true
    /// Tick labels for a categorical x axis (x values are then 0, 1, 2...).
    public var xCategories: [String]?
    /// Vertical references (at x values) and horizontal ones (at y values).
    public var verticalMarks: [Mark] = []
    public var horizontalMarks: [Mark] = []
    /// Width kept at the right for the legend.
    public var legendWidth = 150.0

    /// A chart called `title`.
    public init(title: String, xTitle: String, yTitle: String, series: [ChartSeries]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
    }

    /// Draws the chart in the rectangle at (left, top) of `width` × `height`.
    public func render(into svg: inout SVGDocument, left: Double, top: Double, width: Double, height: Double) {
        let plotLeft = left + 64, plotTop = top + 30
        let plotWidth = width - 64 - legendWidth - 16, plotHeight = height - 30 - 52
        let points = series.flatMap(\.points)
        var xScale = ChartScale(values: points.map(\.x) + verticalMarks.map(\.value), logarithmic: xLogarithmic)
        if let categories = xCategories {
            xScale = ChartScale(values: [-0.5, Double(categories.count) - 0.5])
        }
        let yValues = points.flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] } + horizontalMarks.map(\.value)
        let yScale = ChartScale(values: yValues, includeZero: yIncludesZero)
        func px(_ x: Double) -> Double { plotLeft + xScale.fraction(x) * plotWidth }
        func py(_ y: Double) -> Double { plotTop + (1 - yScale.fraction(y)) * plotHeight }

        svg.text(left + width / 2, top + 18, title, anchor: "middle", size: 14, bold: true)
        svg.rect(plotLeft, plotTop, plotWidth, plotHeight, fill: "#fafafa", stroke: "#cccccc")
        for tick in yScale.ticks() {
            svg.line(plotLeft, py(tick), plotLeft + plotWidth, py(tick), stroke: "#e4e4e4")
            svg.text(plotLeft - 6, py(tick) + 4, ChartScale.label(tick), anchor: "end", size: 11)
        }
        if let categories = xCategories {
            for (index, label) in categories.enumerated() {
                svg.text(px(Double(index)), plotTop + plotHeight + 16, label, anchor: "middle", size: 11)
            }
        } else {
            for tick in xScale.ticks() {
                svg.line(px(tick), plotTop, px(tick), plotTop + plotHeight, stroke: "#e4e4e4")
                svg.text(px(tick), plotTop + plotHeight + 16, ChartScale.label(tick), anchor: "middle", size: 11)
            }
        }
        svg.text(plotLeft + plotWidth / 2, plotTop + plotHeight + 38, xTitle, anchor: "middle")
        svg.text(left + 16, plotTop + plotHeight / 2, yTitle, anchor: "middle", rotated: true)

        for mark in horizontalMarks {
            svg.line(plotLeft, py(mark.value), plotLeft + plotWidth, py(mark.value), stroke: mark.colour, width: 1.5, dashed: true)
            svg.text(plotLeft + plotWidth - 4, py(mark.value) - 4, mark.label, anchor: "end", size: 11, fill: mark.colour)
        }
        for (index, mark) in verticalMarks.enumerated() {
            svg.line(px(mark.value), plotTop, px(mark.value), plotTop + plotHeight, stroke: mark.colour, width: 1.5, dashed: true)
            if !mark.label.isEmpty {
                svg.text(px(mark.value) + 4, plotTop + 14 + Double(index % 8) * 13, mark.label, size: 11, fill: mark.colour)
            }
        }
        for item in series {
            let sorted = item.points.sorted { $0.x < $1.x }
            if item.connected { svg.polyline(sorted.map { (px($0.x), py($0.y)) }, stroke: item.colour) }
            for point in sorted {
                if let low = point.low, let high = point.high, high > low {
                    svg.line(px(point.x), py(low), px(point.x), py(high), stroke: item.colour)
                    svg.line(px(point.x) - 3, py(low), px(point.x) + 3, py(low), stroke: item.colour)
                    svg.line(px(point.x) - 3, py(high), px(point.x) + 3, py(high), stroke: item.colour)
                }
                svg.circle(px(point.x), py(point.y), radius: item.radius, fill: item.colour, title: point.label)
            }
        }
        for mark in verticalMarks {
            if let dot = mark.dot { svg.circle(px(mark.value), py(dot), radius: 5, fill: "#ffffff", stroke: mark.colour) }
        }
        let legendLeft = plotLeft + plotWidth + 16
        for (index, item) in series.enumerated() {
            let y = plotTop + 8 + Double(index) * 18
            svg.rect(legendLeft, y - 9, 12, 12, fill: item.colour)
            svg.text(legendLeft + 18, y + 1, item.name, size: 11)
        }
    }
}
