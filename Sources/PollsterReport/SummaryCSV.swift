import PollsterCore

/// summary.csv: one row per strategy.
public enum SummaryCSV {
    public static func table(_ result: RunResult) -> CSVTable {
        CSVTable(header: StrategySummary.columns, rows: result.strategies.map { StrategySummary($0).fields })
    }

    public static func render(_ result: RunResult) -> String { table(result).text }
}
