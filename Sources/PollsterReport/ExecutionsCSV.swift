import PollsterCore

/// executions.csv: one row per execution and strategy, when the run kept per-execution
/// detail (``RunResult/executions``).
public enum ExecutionsCSV {
    /// The columns; times are seconds of scenario time since the run started, empty when
    /// the client never detected the outcome; `partial` is `true` on every row when the run
    /// stopped early (an execution whose loop it cut short ends `unfinished`).
    public static let columns = [
        "strategy", "execution", "outcome", "end", "created_s", "finished_s", "detected_s",
        "detection_lag_ms", "polls", "requests_429", "partial",
    ]

    /// The table, or nil when the run kept no per-execution detail.
    public static func table(_ result: RunResult) -> CSVTable? {
        guard let records = result.executions else { return nil }
        let rows = records.map { record -> [String] in
            let seconds = { (time: Nanoseconds) in DecimalFormat.seconds(fromNanos: time, digits: 6) }
            return [
                record.strategy,
                String(record.index),
                record.outcome.rawValue,
                record.end.rawValue,
                seconds(record.created),
                seconds(record.finished),
                record.detected.map(seconds) ?? "",
                record.detected.map { DecimalFormat.milliseconds(fromNanos: $0 - record.finished, digits: 3) } ?? "",
                String(record.polls),
                String(record.responses429),
                String(result.partial),
            ]
        }
        return CSVTable(header: columns, rows: rows)
    }

    /// The document's text, or nil when the run kept no per-execution detail.
    public static func render(_ result: RunResult) -> String? { table(result)?.text }
}
