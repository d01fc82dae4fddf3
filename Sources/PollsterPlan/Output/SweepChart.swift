import PollsterCharts
import PollsterCore

/// The charts of a sweep (PollsterCharts), which sweep.html shows one by one and sweep.svg
/// stacks: for one axis a line chart per metric (a line per swept strategy, 95% error bars
/// with replications); for two axes and one swept strategy a line chart per metric with a
/// line per value of the second axis; for two axes and several strategies a heatmap per
/// metric and strategy; and for every sweep the cost-versus-freshness scatter with its
/// Pareto frontier (``SweepResult/frontier``, ``ParetoFront``). Reference strategies (run
/// once) are dashed horizontal lines on the line charts, named beside the plot and in the
/// legend (only in the legend, with their value and an arrow up, when they lie far above the
/// swept lines).
public enum SweepChart {
    /// One chart: its SVG and what a page says about it.
    public struct Panel: Sendable {
        /// An identifier for the page (`rate_429`, `pareto`); the chart's own is `chart-` and this.
        public var id: String
        /// The heading a page gives it.
        public var heading: String
        /// What it shows, in a sentence or two.
        public var caption: String
        /// The chart's `<svg>` element.
        public var svg: String
    }

    /// The metrics charted, in order.
    public static let metrics: [PlanMetric] = [.rate429, .pollsPerExecution, .lagP50, .lagP99]
    /// The metrics given a heatmap in a 2-D sweep of several strategies.
    public static let heatmapMetrics: [PlanMetric] = [.rate429, .pollsPerExecution, .lagP99]

    /// sweep.svg: `result`'s charts, stacked under one title.
    public static func render(_ result: SweepResult) -> String {
        let title = "\(result.scenarioName): sweep of " + result.axes.map(\.path.description).joined(separator: " × ")
            + (result.replications > 1 ? " (\(result.replications) seeds, 95% intervals)" : "")
        return ChartDocument.render(title: title, panels: panels(result).map { ChartDocument.Panel(heading: $0.heading, svg: $0.svg) })
    }

    /// The panels of `result`, in order.
    public static func panels(_ result: SweepResult) -> [Panel] {
        var panels: [Panel] = []
        let strategies = sweptStrategies(result)
        let references = result.referenceRows.isEmpty ? ""
            : " Dashed: the other strategies, run once on the scenario as written."
        if result.axes.count == 1 {
            for metric in metrics {
                panels.append(Panel(id: metric.rawValue, heading: metric.label,
                                    caption: "\(metric.label) against \(result.axes[0].path)." + references,
                                    svg: lineChart(result, metric, strategies).svg))
            }
        } else if result.axes.count == 2 && strategies.count == 1 {
            for metric in metrics {
                panels.append(Panel(id: metric.rawValue, heading: metric.label,
                                    caption: "\(strategies[0]): \(metric.label) against \(result.axes[0].path), a line per value of \(result.axes[1].path)."
                                        + references,
                                    svg: gridLineChart(result, metric, strategy: strategies[0]).svg))
            }
        } else if result.axes.count == 2 {
            for metric in heatmapMetrics {
                for strategy in strategies {
                    panels.append(Panel(id: metric.rawValue + "-" + strategy, heading: "\(strategy): \(metric.label)",
                                        caption: "\(strategy): \(metric.label) at every point of the grid; darker is higher.",
                                        svg: heatmap(result, metric, strategy).svg))
                }
            }
        }
        panels.append(Panel(id: "pareto", heading: "Cost vs freshness",
                            caption: "Every point and strategy by polls per execution and detection lag p99. Ringed points are Pareto-efficient (no other row is at least as good on both and better on one), joined by the dashed line.",
                            svg: pareto(result).svg))
        return panels
    }

    /// The strategies run at every point, in row order.
    static func sweptStrategies(_ result: SweepResult) -> [String] {
        var seen: [String] = []
        for row in result.sweptRows where !seen.contains(row.strategy) { seen.append(row.strategy) }
        return seen
    }

    /// Every strategy in row order: the swept ones, then the references.
    static func uniqueStrategies(_ result: SweepResult) -> [String] {
        var seen: [String] = []
        for row in result.rows where !seen.contains(row.strategy) { seen.append(row.strategy) }
        return seen
    }

    /// The axis title of `axis`: its path and unit.
    static func title(_ axis: SweepAxis) -> String {
        axis.unit.isEmpty ? axis.path.description : "\(axis.path) (\(axis.unit))"
    }

    /// The x of `value` on `axis`: its number, or its index for a categorical axis.
    static func x(_ value: ParameterValue, on axis: SweepAxis) -> Double {
        axis.isNumeric ? value.number! : Double(axis.values.firstIndex(of: value) ?? 0)
    }

    /// How `axis` maps onto x: named values, or numbers, on a log scale when they span 20 times or more.
    static func scale(_ axis: SweepAxis) -> LineChart.XScale {
        guard axis.isNumeric else { return .categories(axis.values.map(\.text)) }
        let xs = axis.values.compactMap(\.number)
        let positive = !xs.isEmpty && xs.allSatisfy { $0 > 0 }
        return positive && xs.max()! / xs.min()! >= 20 ? .logarithmic : .fitted
    }

    /// A line chart of `series` against the first axis, the reference rows as dashed lines.
    static func chart(_ result: SweepResult, _ metric: PlanMetric, series: [ChartSeries]) -> LineChart {
        let axis = result.axes[0]
        let xScale = scale(axis)
        let logarithmic: Bool
        if case .logarithmic = xScale { logarithmic = true } else { logarithmic = false }
        // A reference more than twice the swept values' top is named, not drawn: drawn, it
        // would flatten the lines the sweep is about.
        let top = series.flatMap { $0.points.map { $0.high ?? $0.y } }.max() ?? 0
        let rules = result.referenceRows.enumerated().map { index, row in
            let value = metric.display(row.value(metric))
            let above = top > 0 && value > 2 * top
            return ChartRule(.horizontal, at: value, title: "\(row.strategy) (reference, scenario as written): \(metric.describe(row.value(metric)))",
                             style: SeriesStyle(index: series.count + index), name: row.strategy + (above ? " " + metric.describe(row.value(metric)) : ""),
                             label: row.strategy, offScale: above)
        }
        return LineChart(id: "chart-" + metric.rawValue, title: metric.title, xLabel: title(axis) + (logarithmic ? ", log scale" : ""),
                         yLabel: metric.title, series: series, minimumYMaximum: 0, yLimit: metric == .rate429 ? 100 : nil, xScale: xScale, rules: rules)
    }

    /// A point of `row` on a line chart of `metric`, with error bars when there are replications.
    static func point(_ result: SweepResult, _ row: SweepRow, _ metric: PlanMetric) -> ChartSeries.Point {
        let interval = row.interval(metric)
        let bars = result.replications > 1
        let place = zip(result.axes, row.values).map { "\($0.path.description.split(separator: ".").last!)=\($1.text)" }.joined(separator: ", ")
        return ChartSeries.Point(x: x(row.values[0], on: result.axes[0]), y: metric.display(row.value(metric)),
                                 title: "\(row.strategy) at \(place): \(metric.describe(row.value(metric)))"
                                     + (bars ? " (95% interval \(metric.describe(interval.low)) to \(metric.describe(interval.high)))" : ""),
                                 low: bars ? metric.display(interval.low) : nil, high: bars ? metric.display(interval.high) : nil)
    }

    static func lineChart(_ result: SweepResult, _ metric: PlanMetric, _ strategies: [String]) -> LineChart {
        let series = strategies.map { name in
            ChartSeries(name: name, points: result.sweptRows.filter { $0.strategy == name }.map { point(result, $0, metric) }, markers: true)
        }
        return chart(result, metric, series: series)
    }

    /// `strategy`'s `metric` against the first axis, a line per value of the second.
    static func gridLineChart(_ result: SweepResult, _ metric: PlanMetric, strategy: String) -> LineChart {
        let second = result.axes[1]
        let series = second.values.map { value in
            ChartSeries(name: "\(second.path)=\(value.text)",
                        points: result.sweptRows.filter { $0.strategy == strategy && $0.values[1] == value }.map { point(result, $0, metric) },
                        markers: true)
        }
        return chart(result, metric, series: series)
    }

    /// `strategy`'s `metric` over the grid: the second axis across, the first up.
    static func heatmap(_ result: SweepResult, _ metric: PlanMetric, _ strategy: String) -> HeatmapChart {
        let x = result.axes[1], y = result.axes[0]
        var values = y.values.map { _ in x.values.map { _ -> Double? in nil } }
        for row in result.sweptRows where row.strategy == strategy {
            guard let i = y.values.firstIndex(of: row.values[0]), let j = x.values.firstIndex(of: row.values[1]) else { continue }
            values[i][j] = metric.display(row.value(metric))
        }
        return HeatmapChart(id: "chart-\(metric.rawValue)-\(strategy)", title: "\(strategy): \(metric.title)", xLabel: title(x), yLabel: title(y),
                            columns: x.values.map(\.text), rows: y.values.map(\.text), values: values,
                            format: { ParameterValues.significant($0, digits: 4) })
    }

    /// Every row by cost and freshness, one colour per strategy, the frontier ringed.
    static func pareto(_ result: SweepResult) -> ScatterChart {
        let frontier = Set(result.frontier)
        let strategies = uniqueStrategies(result)
        let points = result.rows.enumerated().map { index, row in
            let place = row.isReference ? "reference, scenario as written"
                : zip(result.axes, row.values).map { "\($0.path)=\($1.text)" }.joined(separator: ", ")
            return ScatterChart.Point(
                name: row.strategy, x: row.value(.pollsPerExecution), y: PlanMetric.lagP99.display(row.value(.lagP99)),
                title: "\(row.strategy) (\(place)): \(PlanMetric.pollsPerExecution.describe(row.value(.pollsPerExecution))) polls per execution, "
                    + "detection lag p99 \(PlanMetric.lagP99.describe(row.value(.lagP99)))" + (frontier.contains(index) ? " (Pareto-efficient)" : ""),
                efficient: frontier.contains(index), series: strategies.firstIndex(of: row.strategy) ?? 0
            )
        }
        return ScatterChart(id: "chart-pareto", title: "Cost vs freshness: every point and strategy, Pareto frontier",
                            xLabel: "polls per execution (cost)", yLabel: "detection lag p99 (s)", points: points, labelled: false)
    }
}
