import PollsterCharts

/// capacity.svg (PollsterCharts): the 429 rate against load for every strategy, the limit
/// as a horizontal line and each strategy's knee (its capacity) as a dashed vertical line
/// in its colour, ringed where it meets the limit; the legend gives each knee's load.
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

    /// The chart as an `<svg>` element.
    static func chart(_ result: CapacityResult) -> LineChart {
        let bars = result.replications > 1
        let series = result.estimates.map { estimate in
            ChartSeries(name: legend(estimate, result), points: estimate.curve.map { point in
                let percent = ParameterValues.significant(point.rate429.mean * 100, digits: 3)
                return ChartSeries.Point(x: point.load, y: point.rate429.mean * 100,
                                         title: "\(estimate.strategy) at \(point.text): \(percent)% 429s",
                                         low: bars ? Swift.max(0, point.rate429.low) * 100 : nil, high: bars ? point.rate429.high * 100 : nil)
            }, markers: true)
        }
        let xs = result.estimates.flatMap { $0.curve.map(\.load) }
        let logarithmic = (xs.min() ?? 0) > 0 && (xs.max() ?? 0) / (xs.min() ?? 1) >= 20
        let limit = result.constraints[0]
        var rules = [ChartRule(.horizontal, at: limit.limit * 100, title: "the limit: \(limit.metric.describe(limit.limit))",
                               label: "limit \(limit.metric.describe(limit.limit))")]
        for (index, estimate) in result.estimates.enumerated() where estimate.status == .found && estimate.interval.count > 0 {
            rules.append(ChartRule(.vertical, at: estimate.interval.mean,
                                   title: "\(estimate.strategy): knee at \(result.axis.number(estimate.interval.mean)) \(result.axis.unitName)",
                                   style: SeriesStyle(index: index), ring: limit.limit * 100))
        }
        return LineChart(id: "chart-capacity", title: "\(result.scenarioName): 429 rate against load",
                         xLabel: "load: \(result.axis.unitName)" + (logarithmic ? ", log scale" : ""), yLabel: "429 rate (%)",
                         series: series, minimumYMaximum: 0, yLimit: 100, xScale: logarithmic ? .logarithmic : .fitted, rules: rules)
    }

    /// capacity.svg's text.
    public static func render(_ result: CapacityResult) -> String {
        ChartDocument.render(title: "\(result.scenarioName): 429 rate against load (knees dashed, ringed at the limit)",
                             panels: [ChartDocument.Panel(heading: "429 rate against load", svg: chart(result).svg)])
    }
}
