/// A line chart panel: axes with titles and units, round ticks, one line per series with
/// optional error bars, a legend, and reference lines (a limit, a knee, a strategy run
/// once to compare against).
public struct SVGLineChart: Sendable {
    /// A dashed reference line across the plot, labelled.
    public struct Mark: Sendable {
        public var value: Double
        public var label: String
        public var colour: String
        /// For a vertical mark, the y value to put a ringed dot at (where it meets a limit).
        public var dot: Double?
        /// A tooltip for the line.
        public var tooltip: String?

        /// A reference at `value`; an empty label draws the line alone.
        public init(value: Double, label: String, colour: String = "#888888", dot: Double? = nil, tooltip: String? = nil) {
            self.value = value
            self.label = label
            self.colour = colour
            self.dot = dot
            self.tooltip = tooltip
        }
    }

    /// Where the legend goes: a column at the right of the plot, or rows above it (which
    /// leaves the right column to the labels of ``referenceLines``).
    public enum LegendPlacement: Sendable {
        case right
        case top
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var series: [ChartSeries]
    public var xLogarithmic = false
    public var yIncludesZero = true
    /// Tick labels for a categorical x axis (x values are then 0, 1, 2...).
    public var xCategories: [String]?
    /// Vertical references (at x values) and horizontal ones (at y values), labelled
    /// inside the plot.
    public var verticalMarks: [Mark] = []
    public var horizontalMarks: [Mark] = []
    /// Horizontal dashed lines labelled in the column at the right of the plot, at their
    /// own height or, when lines are too close for their labels, moved apart and joined to
    /// their line by a leader; with ``LegendPlacement/top`` only.
    public var referenceLines: [Mark] = []
    /// Reference lines above this value are left off the y scale, so that one far above
    /// the series does not flatten them: each is named at the top of the right column after
    /// an arrow, in its colour (its ``Mark/label`` should then give its value). Nil: every
    /// line is drawn.
    public var referenceCeiling: Double?
    /// The legend's entry for ``referenceLines`` (a grey dashed swatch).
    public var referenceLegend = "reference"
    public var legend = LegendPlacement.right
    /// Width kept at the right for the legend (or the reference labels).
    public var legendWidth = 150.0

    /// Pixels between the baselines of two labels in the right column.
    static let labelSpacing = 13.0

    /// A chart called `title`.
    public init(title: String, xTitle: String, yTitle: String, series: [ChartSeries]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
    }

    /// The legend's entries above the plot, in rows that fit `width`: (row, x, entry).
    func topLegendLayout(width: Double) -> [(row: Int, x: Double, name: String, colour: String, dashed: Bool)] {
        var entries = series.map { (name: $0.name, colour: $0.colour, dashed: false) }
        if !referenceLines.isEmpty { entries.append((name: referenceLegend, colour: "#666666", dashed: true)) }
        var placed: [(row: Int, x: Double, name: String, colour: String, dashed: Bool)] = []
        var row = 0, x = 0.0
        for entry in entries {
            // A swatch of 22 px, a gap, the name at about 6.2 px a character (11 px text).
            let entryWidth = 28 + Double(entry.name.count) * 6.2 + 18
            if x > 0 && x + entryWidth > width {
                row += 1
                x = 0
            }
            placed.append((row: row, x: x, name: entry.name, colour: entry.colour, dashed: entry.dashed))
            x += entryWidth
        }
        return placed
    }

    /// Baselines for labels wanted at `wanted` (in any order), at least ``labelSpacing``
    /// apart and inside [low, high] when there is room: each as close to its wish as that
    /// allows. Returned in the order of `wanted`.
    static func spread(_ wanted: [Double], low: Double, high: Double) -> [Double] {
        let order = wanted.indices.sorted { (wanted[$0], $0) < (wanted[$1], $1) }
        var placed = order.map { Swift.min(high, Swift.max(low, wanted[$0])) }
        for i in placed.indices.dropFirst() { placed[i] = Swift.max(placed[i], placed[i - 1] + labelSpacing) }
        if let last = placed.last, last > high {
            placed[placed.count - 1] = high
            for i in placed.indices.dropLast().reversed() { placed[i] = Swift.min(placed[i], placed[i + 1] - labelSpacing) }
        }
        var result = [Double](repeating: 0, count: wanted.count)
        for (rank, index) in order.enumerated() { result[index] = placed[rank] }
        return result
    }

    /// Draws the chart in the rectangle at (left, top) of `width` × `height`.
    public func render(into svg: inout SVGDocument, left: Double, top: Double, width: Double, height: Double) {
        let plotLeft = left + 64
        let plotWidth = width - 64 - legendWidth - 16
        let legendEntries = legend == .top ? topLegendLayout(width: plotWidth) : []
        let legendHeight = legendEntries.last.map { Double($0.row + 1) * 16 + 4 } ?? 0
        let plotTop = top + 30 + legendHeight
        let plotHeight = height - 30 - legendHeight - 52
        let points = series.flatMap(\.points)
        var xScale = ChartScale(values: points.map(\.x) + verticalMarks.map(\.value), logarithmic: xLogarithmic)
        if let categories = xCategories {
            xScale = ChartScale(values: [-0.5, Double(categories.count) - 0.5])
        }
        let onScale = referenceLines.filter { referenceCeiling == nil || $0.value <= referenceCeiling! }
        let aboveScale = referenceLines.filter { referenceCeiling != nil && $0.value > referenceCeiling! }
        let yValues = points.flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] } + horizontalMarks.map(\.value) + onScale.map(\.value)
        let yScale = ChartScale(values: yValues, includeZero: yIncludesZero)
        func px(_ x: Double) -> Double { plotLeft + xScale.fraction(x) * plotWidth }
        func py(_ y: Double) -> Double { plotTop + (1 - yScale.fraction(y)) * plotHeight }

        svg.text(left + width / 2, top + 18, title, anchor: "middle", size: 14, bold: true)
        for entry in legendEntries {
            let x = plotLeft + entry.x, y = top + 30 + Double(entry.row) * 16 + 8
            svg.line(x, y, x + 22, y, stroke: entry.colour, width: 2, dashed: entry.dashed)
            if !entry.dashed { svg.circle(x + 11, y, radius: 3, fill: entry.colour) }
            svg.text(x + 28, y + 4, entry.name, size: 11)
        }
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
            svg.line(plotLeft, py(mark.value), plotLeft + plotWidth, py(mark.value), stroke: mark.colour, width: 1.5, dashed: true, tooltip: mark.tooltip)
            svg.text(plotLeft + plotWidth - 4, py(mark.value) - 4, mark.label, anchor: "end", size: 11, fill: mark.colour)
        }
        let plotRight = plotLeft + plotWidth
        // Label baselines sit 4 px below the line they name, so a label's middle is level with it.
        // Lines off the top of the scale are named first, at the top, each with an arrow up.
        // (wished for far above the plot, so that they sort before every line's label)
        let wanted = aboveScale.map { _ in plotTop - plotHeight } + onScale.map { py($0.value) + 4 }
        let baselines = Self.spread(wanted, low: plotTop + 8, high: plotTop + plotHeight + 4)
        for (mark, baseline) in zip(aboveScale, baselines) {
            svg.text(plotRight + 21, baseline, "↑ " + mark.label, size: 11, fill: mark.colour, tooltip: mark.tooltip)
        }
        for (mark, baseline) in zip(onScale, baselines.dropFirst(aboveScale.count)) {
            let y = py(mark.value)
            svg.line(plotLeft, y, plotRight, y, stroke: mark.colour, width: 1.5, dashed: true, tooltip: mark.tooltip)
            svg.polyline([(plotRight, y), (plotRight + 6, y), (plotRight + 14, baseline - 4), (plotRight + 18, baseline - 4)], stroke: mark.colour, width: 1)
            svg.text(plotRight + 21, baseline, mark.label, size: 11)
        }
        for (index, mark) in verticalMarks.enumerated() {
            svg.line(px(mark.value), plotTop, px(mark.value), plotTop + plotHeight, stroke: mark.colour, width: 1.5, dashed: true, tooltip: mark.tooltip)
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
        guard legend == .right else { return }
        let legendLeft = plotRight + 16
        for (index, item) in series.enumerated() {
            let y = plotTop + 8 + Double(index) * 18
            svg.rect(legendLeft, y - 9, 12, 12, fill: item.colour)
            svg.text(legendLeft + 18, y + 1, item.name, size: 11)
        }
    }
}
