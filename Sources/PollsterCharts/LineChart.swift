/// Lines over a numeric x axis (a time series, a swept parameter, a load): one polyline
/// per series with a hover target and title at every point, error bars where points have
/// intervals, and reference lines (``ChartRule``).
public struct LineChart: Sendable {
    /// How the x axis maps values.
    public enum XScale: Sendable {
        /// Linear from zero (time).
        case fromZero
        /// Linear over the values, between round numbers.
        case fitted
        /// Base-10 logarithmic over the values (all positive).
        case logarithmic
        /// Named values at the middle of equal slots; a point's x is its category's index.
        case categories([String])
    }

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [ChartSeries]
    /// The y axis's lowest maximum (so a flat zero line still has a scale).
    public var minimumYMaximum: Double
    /// The y axis's highest possible value (100 for percentages), if any.
    public var yLimit: Double?
    public var xScale: XScale
    public var rules: [ChartRule]

    /// A chart of `series`.
    public init(id: String, title: String, xLabel: String, yLabel: String, series: [ChartSeries], minimumYMaximum: Double = 1.0,
                yLimit: Double? = nil, xScale: XScale = .fromZero, rules: [ChartRule] = []) {
        self.id = id
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.minimumYMaximum = minimumYMaximum
        self.yLimit = yLimit
        self.xScale = xScale
        self.rules = rules
    }

    /// The x axis for the points' and vertical rules' `xs`.
    func xAxis(_ xs: [Double]) -> ChartAxis {
        switch xScale {
        case .fromZero: return .linear(xLabel, maximum: xs.max() ?? 1)
        case .fitted: return .linear(xLabel, minimum: xs.min() ?? 0, maximum: xs.max() ?? 1)
        case .logarithmic: return .logarithmic(xLabel, minimum: xs.min() ?? 1, maximum: xs.max() ?? 10)
        case .categories(let names): return .categories(xLabel, names: names)
        }
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        // A category's slot is centred half a unit to the right of its index.
        let shift: Double
        if case .categories = xScale { shift = 0.5 } else { shift = 0 }
        let series = self.series.map { line in
            var line = line
            line.points = line.points.map { point in
                var point = point
                point.x += shift
                return point
            }
            return line
        }
        let drawn = rules.filter { !$0.offScale }
        let points = series.flatMap(\.points)
        let ys = points.map { Swift.max($0.y, $0.high ?? $0.y) } + drawn.filter { $0.direction == .horizontal }.map(\.value)
        // Horizontal rules' labels go in a column at the right of the plot, as wide as the widest.
        let labels = drawn.compactMap { $0.direction == .horizontal ? $0.label : nil }
        let right = labels.isEmpty ? ChartFrame.right : Swift.min(ChartFrame.maximumLabelColumn, (labels.map(ChartText.width).max() ?? 0) + 30)
        let frame = ChartFrame(
            x: xAxis(points.map(\.x) + drawn.filter { $0.direction == .vertical }.map(\.value)),
            // A little headroom, so that a line at the maximum does not run along the frame.
            y: .linear(yLabel, maximum: Swift.min(yLimit ?? .infinity, Swift.max(minimumYMaximum, (ys.max() ?? 0) * 1.04))),
            right: right
        )
        let (lines, legend) = frame.lines(series)
        var entries = legend.entries
        for rule in rules {
            guard let name = rule.name else { continue }
            entries.append(ChartLegend.Entry(name: (rule.offScale ? "↑ " : "") + name, style: rule.style ?? SeriesStyle(index: 0), swatch: .rule))
        }
        return frame.render(id: id, title: title, legend: ChartLegend(entries: entries), marks: frame.rules(drawn) + lines)
    }
}

extension ChartFrame {
    /// `rules` as dashed lines, each in a group of its style's classes (so that its legend
    /// entry hides it) or, without a style, in the neutral `limit` group. Horizontal rules'
    /// labels stand in the right margin level with their line or, where lines are too close
    /// for their labels, moved apart and joined to their line by a leader.
    func rules(_ rules: [ChartRule]) -> String {
        let n = SVG.number
        var marks = ""
        let labelled = rules.indices.filter { rules[$0].direction == .horizontal && rules[$0].label != nil }
        let baselines = Self.spread(labelled.map { py(rules[$0].value) + 4 }, low: Self.top + 8, high: plotBottom + 4)
        let baseline = Dictionary(uniqueKeysWithValues: zip(labelled, baselines))
        for (index, rule) in rules.enumerated() {
            marks += "<g class=\"\(rule.style?.cssClass ?? "limit")\">"
            let title = "<title>\(SVG.escape(rule.title))</title>"
            switch rule.direction {
            case .horizontal:
                let y = py(rule.value), plotRight = left + plotWidth
                marks += "<line class=\"mark rule\" x1=\"\(n(left))\" x2=\"\(n(plotRight))\" y1=\"\(n(y))\" y2=\"\(n(y))\">\(title)</line>"
                if let label = rule.label, let base = baseline[index] {
                    marks += "<polyline class=\"rule-leader\" points=\"\(n(plotRight)),\(n(y)) \(n(plotRight + 6)),\(n(y)) \(n(plotRight + 14)),\(n(base - 4)) \(n(plotRight + 18)),\(n(base - 4))\"/>"
                    marks += "<text class=\"rule-label\" x=\"\(n(plotRight + 21))\" y=\"\(n(base))\">\(SVG.escape(label))</text>"
                }
            case .vertical:
                let x = px(rule.value)
                marks += "<line class=\"mark rule\" x1=\"\(n(x))\" x2=\"\(n(x))\" y1=\"\(n(Self.top))\" y2=\"\(n(plotBottom))\">\(title)</line>"
                if let label = rule.label {
                    marks += "<text class=\"rule-label\" x=\"\(n(x + 4))\" y=\"\(n(Self.top + 12))\">\(SVG.escape(label))</text>"
                }
                if let ring = rule.ring {
                    marks += "<circle class=\"mark knee\" cx=\"\(n(x))\" cy=\"\(n(py(ring)))\" r=\"5\">\(title)</circle>"
                }
            }
            marks += "</g>\n"
        }
        return marks
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
}
