/// capacity.svg: the 429 rate against load for every strategy, the limit as a horizontal
/// line and each strategy's knee (its capacity) marked with a vertical line ringed where it
/// meets the limit; the legend gives each knee's load.
public enum CapacityChart {
    /// `expo, knee 0.5836` (or why there is none).
    static func legend(_ estimate: CapacityEstimate, _ result: CapacityResult) -> String {
        switch estimate.status {
        case .found: return "\(estimate.strategy), knee \(result.axis.number(estimate.interval.mean))"
        case .belowRange(let value): return "\(estimate.strategy), knee < \(result.axis.number(value))"
        case .aboveRange(let value): return "\(estimate.strategy), knee > \(result.axis.number(value))"
        case .unfinished: return "\(estimate.strategy), knee not found"
        }
    }

    /// The SVG text of `result`'s chart.
    public static func render(_ result: CapacityResult) -> String {
        let width = 820.0, height = 460.0
        let series = result.estimates.enumerated().map { index, estimate in
            ChartSeries(name: legend(estimate, result), colour: ChartPalette.colour(index), points: estimate.curve.map { point in
                ChartSeries.Point(x: point.load, y: point.rate429.mean * 100,
                                  low: result.replications > 1 ? Swift.max(0, point.rate429.low) * 100 : nil,
                                  high: result.replications > 1 ? point.rate429.high * 100 : nil,
                                  label: "\(estimate.strategy) at \(point.text): \(ParameterValues.significant(point.rate429.mean * 100, digits: 3))% 429s")
            })
        }
        let xs = result.estimates.flatMap { $0.curve.map(\.load) }
        let logarithmic = (xs.min() ?? 0) > 0 && (xs.max() ?? 0) / (xs.min() ?? 1) >= 20
        var chart = SVGLineChart(title: "\(result.scenarioName): 429 rate against load (knees dashed, ringed at the limit)",
                                 xTitle: "load: \(result.axis.unitName)" + (logarithmic ? ", log scale" : ""),
                                 yTitle: "429 rate (%)", series: series)
        chart.xLogarithmic = logarithmic
        chart.legendWidth = 200
        let limit = result.constraints[0]
        chart.horizontalMarks = [SVGLineChart.Mark(value: limit.limit * 100, label: "limit \(limit.metric.describe(limit.limit))", colour: "#B22222")]
        chart.verticalMarks = result.estimates.enumerated().compactMap { index, estimate in
            guard estimate.status == .found, estimate.interval.count > 0 else { return nil }
            return SVGLineChart.Mark(value: estimate.interval.mean, label: "", colour: ChartPalette.colour(index), dot: limit.limit * 100)
        }
        var svg = SVGDocument(width: width, height: height)
        chart.render(into: &svg, left: 0, top: 0, width: width, height: height)
        return svg.text
    }
}
