/// The charts of a sweep, as panels that sweep.svg stacks and sweep.html shows one by one:
/// for one axis a line chart per metric (a line per swept strategy, 95% error bars with
/// replications); for two axes and one swept strategy a line chart per metric with a line
/// per value of the second axis; for two axes and several strategies a heatmap per metric
/// and strategy; and for every sweep the cost-versus-freshness scatter with its Pareto
/// frontier. Reference strategies (run once) are dashed horizontal lines on the line charts
/// (named with their value at the top instead when they lie far above the swept lines).
public enum SweepChart {
    /// One chart: an SVG panel and what a page says about it.
    public struct Panel: Sendable {
        enum Drawing: Sendable {
            case line(SVGLineChart)
            case heatmap(SVGHeatmap)
        }

        /// An identifier for the page (`rate_429`, `pareto`).
        public var id: String
        /// The heading a page gives it.
        public var heading: String
        /// What it shows, in a sentence or two.
        public var caption: String
        let drawing: Drawing

        /// Draws the panel in the rectangle at (left, top) of `width` × `height`.
        public func render(into svg: inout SVGDocument, left: Double, top: Double, width: Double, height: Double) {
            switch drawing {
            case .line(let chart): chart.render(into: &svg, left: left, top: top, width: width, height: height)
            case .heatmap(let map): map.render(into: &svg, left: left, top: top, width: width, height: height)
            }
        }

        /// The panel alone as an SVG document of ``SweepChart/panelWidth`` × ``SweepChart/panelHeight``.
        public var svg: String {
            var document = SVGDocument(width: SweepChart.panelWidth, height: SweepChart.panelHeight)
            render(into: &document, left: 0, top: 0, width: SweepChart.panelWidth, height: SweepChart.panelHeight)
            return document.text
        }
    }

    /// The metrics charted, in order.
    public static let metrics: [PlanMetric] = [.rate429, .pollsPerExecution, .lagP50, .lagP99]
    /// The metrics given a heatmap in a 2-D sweep of several strategies.
    public static let heatmapMetrics: [PlanMetric] = [.rate429, .pollsPerExecution, .lagP99]

    public static let panelWidth = 760.0
    public static let panelHeight = 330.0

    /// The SVG text of `result`'s charts, stacked under one title.
    public static func render(_ result: SweepResult) -> String {
        let panels = panels(result)
        var svg = SVGDocument(width: panelWidth, height: 40 + Double(panels.count) * panelHeight)
        svg.text(panelWidth / 2, 24, "\(result.scenarioName): sweep of " + result.axes.map(\.path.description).joined(separator: " × ")
                 + (result.replications > 1 ? " (\(result.replications) seeds, 95% intervals)" : ""), anchor: "middle", size: 15, bold: true)
        for (index, panel) in panels.enumerated() {
            panel.render(into: &svg, left: 0, top: 40 + Double(index) * panelHeight, width: panelWidth, height: panelHeight)
        }
        return svg.text
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
                                    drawing: .line(lineChart(result, metric, strategies))))
            }
        } else if result.axes.count == 2 && strategies.count == 1 {
            for metric in metrics {
                panels.append(Panel(id: metric.rawValue, heading: metric.label,
                                    caption: "\(strategies[0]): \(metric.label) against \(result.axes[0].path), a line per value of \(result.axes[1].path)."
                                        + references,
                                    drawing: .line(gridLineChart(result, metric, strategy: strategies[0]))))
            }
        } else if result.axes.count == 2 {
            for metric in heatmapMetrics {
                for strategy in strategies {
                    panels.append(Panel(id: metric.rawValue + "-" + strategy, heading: "\(strategy): \(metric.label)",
                                        caption: "\(strategy): \(metric.label) at every point of the grid.",
                                        drawing: .heatmap(heatmap(result, metric, strategy))))
                }
            }
        }
        panels.append(Panel(id: "pareto", heading: "Cost vs freshness",
                            caption: "Every point and strategy by polls per execution and detection lag p99; the line joins the rows no other row beats on both.",
                            drawing: .line(pareto(result))))
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

    /// The x of `value` on `axis`: its number, or its position for a categorical axis.
    static func x(_ value: ParameterValue, on axis: SweepAxis) -> Double {
        axis.isNumeric ? value.number! : Double(axis.values.firstIndex(of: value) ?? 0)
    }

    /// A line chart with `series` against the first axis, the reference rows as dashed lines.
    static func chart(_ result: SweepResult, _ metric: PlanMetric, series: [ChartSeries]) -> SVGLineChart {
        let axis = result.axes[0]
        let xs = axis.values.map { $0.number ?? 0 }
        let positive = axis.isNumeric && xs.allSatisfy { $0 > 0 }
        var chart = SVGLineChart(title: metric.title, xTitle: title(axis), yTitle: metric.title, series: series)
        chart.xLogarithmic = positive && (xs.max()! / xs.min()! >= 20)
        if !axis.isNumeric { chart.xCategories = axis.values.map(\.text) }
        let references = result.referenceRows
        guard !references.isEmpty else { return chart }
        chart.legend = .top
        chart.referenceLegend = "other strategies, scenario as written"
        // A reference more than twice the swept values' top is named, not drawn: drawn,
        // it would flatten the lines the sweep is about.
        let top = series.flatMap { $0.points.map { $0.high ?? $0.y } }.max() ?? 0
        let ceiling = top > 0 ? 2 * top : nil
        chart.referenceCeiling = ceiling
        chart.referenceLines = references.enumerated().map { index, row in
            let value = metric.display(row.value(metric))
            let above = ceiling.map { value > $0 } ?? false
            return SVGLineChart.Mark(value: value, label: row.strategy + (above ? " " + metric.describe(row.value(metric)) : ""),
                                     colour: ChartPalette.colour(series.count + index),
                                     tooltip: "\(row.strategy) (reference, scenario as written): \(metric.describe(row.value(metric)))")
        }
        return chart
    }

    /// A point of `row` on a line chart of `metric`, with error bars when there are replications.
    static func point(_ result: SweepResult, _ row: SweepRow, _ metric: PlanMetric) -> ChartSeries.Point {
        let interval = row.interval(metric)
        let bars = result.replications > 1
        let where_ = zip(result.axes, row.values).map { "\($0.path.description.split(separator: ".").last!)=\($1.text)" }.joined(separator: ", ")
        return ChartSeries.Point(x: x(row.values[0], on: result.axes[0]), y: metric.display(row.value(metric)),
                                 low: bars ? metric.display(interval.low) : nil, high: bars ? metric.display(interval.high) : nil,
                                 label: "\(row.strategy) at \(where_): \(metric.describe(row.value(metric)))")
    }

    static func lineChart(_ result: SweepResult, _ metric: PlanMetric, _ strategies: [String]) -> SVGLineChart {
        let series = strategies.enumerated().map { index, name in
            ChartSeries(name: name, colour: ChartPalette.colour(index),
                        points: result.sweptRows.filter { $0.strategy == name }.map { point(result, $0, metric) })
        }
        return chart(result, metric, series: series)
    }

    /// `strategy`'s `metric` against the first axis, a line per value of the second.
    static func gridLineChart(_ result: SweepResult, _ metric: PlanMetric, strategy: String) -> SVGLineChart {
        let second = result.axes[1]
        let series = second.values.enumerated().map { index, value in
            ChartSeries(name: "\(second.path)=\(value.text)", colour: ChartPalette.colour(index),
                        points: result.sweptRows.filter { $0.strategy == strategy && $0.values[1] == value }.map { point(result, $0, metric) })
        }
        var chart = chart(result, metric, series: series)
        chart.legend = .top
        return chart
    }

    static func heatmap(_ result: SweepResult, _ metric: PlanMetric, _ strategy: String) -> SVGHeatmap {
        let x = result.axes[1], y = result.axes[0]
        var values = y.values.map { _ in x.values.map { _ -> Double? in nil } }
        for row in result.sweptRows where row.strategy == strategy {
            guard let i = y.values.firstIndex(of: row.values[0]), let j = x.values.firstIndex(of: row.values[1]) else { continue }
            values[i][j] = metric.display(row.value(metric))
        }
        return SVGHeatmap(title: "\(strategy): \(metric.title)", xTitle: title(x), yTitle: title(y),
                          xLabels: x.values.map(\.text), yLabels: y.values.map(\.text), values: values,
                          format: { ChartScale.label($0) })
    }

    static func pareto(_ result: SweepResult) -> SVGLineChart {
        let frontier = result.frontier
        func point(_ index: Int) -> ChartSeries.Point {
            let row = result.rows[index]
            let where_ = row.isReference ? "reference, scenario as written"
                : zip(result.axes, row.values).map { "\($0.path)=\($1.text)" }.joined(separator: ", ")
            return ChartSeries.Point(x: row.value(.pollsPerExecution), y: row.value(.lagP99) / 1000,
                                     label: "\(row.strategy), \(where_)")
        }
        var series = uniqueStrategies(result).enumerated().map { index, name in
            ChartSeries(name: name, colour: ChartPalette.colour(index),
                        points: result.rows.indices.filter { result.rows[$0].strategy == name }.map(point), connected: false, radius: 3)
        }
        series.append(ChartSeries(name: "Pareto frontier", colour: "#444444", points: frontier.map(point), connected: true, radius: 4.5))
        var chart = SVGLineChart(title: "Cost vs freshness: every point and strategy, Pareto frontier", xTitle: "polls per execution (cost)",
                                 yTitle: "detection lag p99 (s)", series: series)
        chart.yIncludesZero = true
        return chart
    }
}
