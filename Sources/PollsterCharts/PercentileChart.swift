import PollsterCore
/// Percentile curves as HdrHistogram plots them: value against 1/(1-p) on a log axis
/// labelled 0%, 90%, 99%, 99.9%, ... One line per series; the 100% point (the maximum) is
/// drawn at 1/(1-p) = the number of values, the finest percentile the data resolves.
public struct PercentileChart: Sendable {
    /// One curve: a spectrum, scaled for display.
    public struct Curve: Sendable {
        public var name: String
        public var spectrum: PercentileSpectrum
        /// How it is drawn; nil: the style of its place in the chart.
        public var style: SeriesStyle?

        /// The curve of `spectrum`, called `name`.
        public init(name: String, spectrum: PercentileSpectrum, style: SeriesStyle? = nil) {
            self.name = name
            self.spectrum = spectrum
            self.style = style
        }
    }

    public var id: String
    public var title: String
    public var yLabel: String
    public var curves: [Curve]
    /// Converts a histogram value (microseconds) to the y axis's unit.
    public var scale: @Sendable (UInt64) -> Double
    /// The y value as hover text, with its unit.
    public var describe: @Sendable (UInt64) -> String

    /// A chart of `curves`.
    public init(id: String, title: String, yLabel: String, curves: [Curve], scale: @escaping @Sendable (UInt64) -> Double,
                describe: @escaping @Sendable (UInt64) -> String) {
        self.id = id
        self.title = title
        self.yLabel = yLabel
        self.curves = curves
        self.scale = scale
        self.describe = describe
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let series = curves.map { curve -> ChartSeries in
            var lastX = 1.0
            let points = curve.spectrum.points.map { point -> ChartSeries.Point in
                let x = point.percentile >= 100 ? Swift.max(lastX, Double(curve.spectrum.count)) : point.inverseTail
                lastX = x
                let level = DecimalFormat.fixed(point.percentile, point.percentile >= 99.9 ? 4 : 2)
                return ChartSeries.Point(
                    x: x, y: scale(point.value),
                    title: "\(curve.name): p\(level) = \(describe(point.value)) (\(point.totalCount) of \(curve.spectrum.count))"
                )
            }
            return ChartSeries(name: curve.name, points: points, style: curve.style)
        }
        let all = series.flatMap(\.points)
        let frame = ChartFrame(
            x: .percentile("percentile (log scale of 1/(1-p))", maximumInverseTail: all.map(\.x).max() ?? 100),
            y: .linear(yLabel, maximum: (all.map(\.y).max() ?? 1) * 1.04)
        )
        let (marks, legend) = frame.lines(series)
        return frame.render(id: id, title: title, legend: legend, marks: marks)
    }
}
