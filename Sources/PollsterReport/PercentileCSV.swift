import PollsterCore

/// latency.csv and lag.csv: each strategy's percentile spectrum, HdrHistogram style (value,
/// percentile as a fraction, total count, 1/(1-percentile)), one row per step.
public enum PercentileCSV {
    /// The columns. `measure` names the histogram (`detection_lag`, `latency`, or
    /// `latency_from_intended` for live runs); `percentile` is a fraction, 0-1; `partial` is
    /// `true` on every row when the run stopped early.
    public static let columns = [
        "strategy", "measure", "value_ms", "percentile", "total_count", "one_over_one_minus_percentile", "partial",
    ]

    /// lag.csv: detection lag (r_detect - f_e) per strategy.
    public static func lagTable(_ result: RunResult) -> CSVTable {
        table(result, measures: [("detection_lag", \.detectionLag)])
    }

    /// latency.csv: request latency per strategy, and from the intended send time when the
    /// run measured it (live runs).
    public static func latencyTable(_ result: RunResult) -> CSVTable {
        table(result, measures: [("latency", \.latency), ("latency_from_intended", \.latencyFromIntended)])
    }

    /// lag.csv's text.
    public static func renderLag(_ result: RunResult) -> String { lagTable(result).text }

    /// latency.csv's text.
    public static func renderLatency(_ result: RunResult) -> String { latencyTable(result).text }

    private static func table(
        _ result: RunResult, measures: [(name: String, histogram: KeyPath<StrategyMetrics, MetricHistogram>)]
    ) -> CSVTable {
        var rows: [[String]] = []
        for strategy in result.strategies {
            for measure in measures {
                for point in PercentileSpectrum(strategy.metrics[keyPath: measure.histogram]).points {
                    rows.append([
                        strategy.name,
                        measure.name,
                        DecimalFormat.milliseconds(fromMicros: point.value),
                        DecimalFormat.fixed(point.percentile / 100, 12),
                        String(point.totalCount),
                        point.percentile >= 100 ? "Infinity" : DecimalFormat.fixed(point.inverseTail, 2),
                        String(result.partial),
                    ])
                }
            }
        }
        return CSVTable(header: columns, rows: rows)
    }
}
