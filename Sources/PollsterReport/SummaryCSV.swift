import PollsterCore

/// summary.csv: one row per strategy.
public enum SummaryCSV {
    /// The table for `result`, one row per strategy in run order.
    public static func table(_ result: RunResult) -> CSVTable {
        CSVTable(header: StrategySummary.columns, rows: result.strategies.map { StrategySummary($0).fields })
    }

    /// The document's text.
    public static func render(_ result: RunResult) -> String { table(result).text }
}
