import PollsterCore

/// summary.csv: one row per strategy.
public enum SummaryCSV {
    /// ``StrategySummary/columns``, then what the run covered: `executions_planned` (the
    /// workload's executions times the replications; `executions` is how many started),
    /// `stopped` (executions cut off by a stop while still polling: with `detected`,
    /// `abandoned` and `errors` it adds up to `executions`), `partial` (`true` on every row when the run stopped early) and `status` (`finished`,
    /// `stopped` part-way, or `not_run`; see ``RunCoverage``).
    public static let columns = StrategySummary.columns + ["executions_planned", "stopped", "partial", "status"]

    /// The table for `result`, one row per strategy in run order.
    public static func table(_ result: RunResult) -> CSVTable {
        let coverage = RunCoverage(result)
        let rows = zip(result.strategies, coverage.strategies).map { strategy, covered in
            StrategySummary(strategy).fields + [String(coverage.planned), String(strategy.metrics.stopped), String(coverage.partial), covered.status.rawValue]
        }
        return CSVTable(header: columns, rows: rows)
    }

    /// The document's text.
    public static func render(_ result: RunResult) -> String { table(result).text }
}
