import PollsterCore

/// executions.csv: one row per execution and strategy, when the run kept per-execution
/// detail (``RunResult/executions``).
public enum ExecutionsCSV {
    /// The columns; times are seconds of scenario time since the run started, empty when
    /// the client never detected the outcome; `partial` is `true` on every row when the run
    /// stopped early (an execution whose loop it cut short ends `unfinished`).
    public static let columns = ExecutionRecord.csvColumns

    /// The table, or nil when the run kept no per-execution detail.
    public static func table(_ result: RunResult) -> CSVTable? {
        guard let records = result.executions else { return nil }
        let rows = records.map { $0.csvFields + [String(result.partial)] }
        return CSVTable(header: columns, rows: rows)
    }

    /// The document's text, or nil when the run kept no per-execution detail.
    public static func render(_ result: RunResult) -> String? { table(result)?.text }
}
