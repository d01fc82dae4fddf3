/// sweep.svg: for a 1-D sweep one line chart per metric (a line per strategy, 95% error
/// bars with replications), for a 2-D sweep a heatmap per metric and strategy, and for
/// every sweep the cost-versus-freshness scatter with its Pareto frontier.
public enum SweepChart {
    /// The metrics charted, in order.
    public static let metrics: [PlanMetric] = [.rate429, .pollsPerExecution, .lagP50, .lagP99]
    /// The metrics given a heatmap in a 2-D sweep.
    public static let heatmapMetrics: [PlanMetric] = [.rate429, .pollsPerExecution, .lagP99]

    static let panelWidth = 760.0
    static let panelHeight = 330.0

    /// The SVG text of `result`'s charts.
    public static func render(_ result: SweepResult) -> String {
        var panels: [(inout SVGDocument, Double) -> Void] = []
        let strategies = uniqueStrategies(result)
        if result.axes.count == 1 {
            for metric in metrics { panels.append { svg, top in lineChart(result, metric, strategies).render(into: &svg, left: 0, top: top, width: panelWidth, height: panelHeight) } }
        } else if result.axes.count == 2 {
            for metric in heatmapMetrics {
                for strategy in strategies {
                    panels.append { svg, top in heatmap(result, metric, strategy).render(into: &svg, left: 0, top: top, width: panelWidth, height: panelHeight) }
                }
            }
        }
        panels.append { svg, top in pareto(result, strategies).render(into: &svg, left: 0, top: top, width: panelWidth, height: panelHeight) }
        var svg = SVGDocument(width: panelWidth, height: 40 + Double(panels.count) * panelHeight)
        svg.text(panelWidth / 2, 24, "\(result.scenarioName): sweep of " + result.axes.map(\.path.description).joined(separator: " × ")
                 + (result.replications > 1 ? " (\(result.replications) seeds, 95% intervals)" : ""), anchor: "middle", size: 15, bold: true)
        for (index, draw) in panels.enumerated() { draw(&svg, 40 + Double(index) * panelHeight) }
        return svg.text
    }

    static func uniqueStrategies(_ result: SweepResult) -> [String] {
        var seen: [String] = []
        for row in result.rows where !seen.contains(row.strategy) { seen.append(row.strategy) }
        return seen
    }

    /// The axis title of `axis`: its path and unit.
    static func title(_ axis: SweepAxis) -> String {
        axis.unit.isEmpty ? axis.path.description : "\(axis.path) (\(axis.unit))"
    }

    static func lineChart(_ result: SweepResult, _ metric: PlanMetric, _ strategies: [String]) -> SVGLineChart {
        let axis = result.axes[0]
        let numeric = axis.isNumeric
        let xs = axis.values.map { $0.number ?? 0 }
        let positive = numeric && xs.allSatisfy { $0 > 0 }
        let logarithmic = positive && (xs.max()! / xs.min()! >= 20)
        let series = strategies.enumerated().map { index, name in
            ChartSeries(name: name, colour: ChartPalette.colour(index), points: result.rows.filter { $0.strategy == name }.map { row in
                let x = numeric ? row.values[0].number! : Double(axis.values.firstIndex(of: row.values[0]) ?? 0)
                let y = metric.display(row.value(metric))
                let interval = row.interval(metric)
                let bars = result.replications > 1
                return ChartSeries.Point(x: x, y: y, low: bars ? metric.display(interval.low) : nil, high: bars ? metric.display(interval.high) : nil,
                                         label: "\(name) at \(row.values[0].text): \(metric.describe(row.value(metric)))")
            })
        }
        var chart = SVGLineChart(title: metric.title, xTitle: title(axis), yTitle: metric.title, series: series)
        chart.xLogarithmic = logarithmic
        if !numeric { chart.xCategories = axis.values.map(\.text) }
        return chart
    }

    static func heatmap(_ result: SweepResult, _ metric: PlanMetric, _ strategy: String) -> SVGHeatmap {
        let x = result.axes[1], y = result.axes[0]
        var values = y.values.map { _ in x.values.map { _ -> Double? in nil } }
        for row in result.rows where row.strategy == strategy {
            guard let i = y.values.firstIndex(of: row.values[0]), let j = x.values.firstIndex(of: row.values[1]) else { continue }
            values[i][j] = metric.display(row.value(metric))
        }
        return SVGHeatmap(title: "\(strategy): \(metric.title)", xTitle: title(x), yTitle: title(y),
                          xLabels: x.values.map(\.text), yLabels: y.values.map(\.text), values: values,
                          format: { ChartScale.label($0) })
    }

    static func pareto(_ result: SweepResult, _ strategies: [String]) -> SVGLineChart {
        let frontier = result.frontier
        func point(_ index: Int) -> ChartSeries.Point {
            let row = result.rows[index]
            let where_ = zip(result.axes, row.values).map { "\($0.path)=\($1.text)" }.joined(separator: ", ")
            return ChartSeries.Point(x: row.value(.pollsPerExecution), y: row.value(.lagP99) / 1000,
                                     label: "\(row.strategy), \(where_)")
        }
        var series = strategies.enumerated().map { index, name in
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
