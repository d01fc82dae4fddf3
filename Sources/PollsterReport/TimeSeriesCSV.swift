import PollsterCore

/// timeseries.csv: one row per strategy and time bucket, every bucket of the run.
public enum TimeSeriesCSV {
    /// The columns every result has; `time_s` is the start of the bucket in scenario time,
    /// `failures` counts failed requests of every kind by send time, `partial` is `true` on
    /// every row when the run stopped early (its last buckets then end at the stop).
    public static let columns = [
        "strategy", "time_s", "bucket_s", "requests", "requests_429", "rate_429", "requests_per_s",
        "active_executions", "detections", "failures", "partial",
    ]

    /// The columns for `result`: ``columns``, then `failures_<kind>` for each kind that
    /// failed a request anywhere in the run, in ``FailureKind`` order (the same columns for
    /// every strategy, so the file stays one table).
    public static func columns(_ result: RunResult) -> [String] {
        columns + failureKinds(result).map { "failures_" + $0.rawValue }
    }

    /// The kinds that failed a request in any strategy's series, in ``FailureKind`` order.
    static func failureKinds(_ result: RunResult) -> [FailureKind] {
        FailureKind.allCases.filter { kind in
            result.strategies.contains { $0.metrics.timeSeries.failures[kind]?.contains { $0 != 0 } ?? false }
        }
    }

    /// The table for `result`, strategies in run order, buckets in time order.
    public static func table(_ result: RunResult) -> CSVTable {
        let kinds = failureKinds(result)
        var rows: [[String]] = []
        for strategy in result.strategies {
            let series = strategy.metrics.timeSeries
            let failures = kinds.map { series.failures[$0] ?? [] }
            let allFailures = series.failures.values
            let width = DecimalFormat.seconds(fromNanos: series.bucket, digits: 3)
            let bucketSeconds = Double(series.bucket) / 1e9
            for i in 0..<series.count {
                let requests = series.requests.value(at: i)
                let limited = series.rateLimited.value(at: i)
                rows.append([
                    strategy.name,
                    DecimalFormat.seconds(fromNanos: Int64(i) * series.bucket, digits: 3),
                    width,
                    String(requests),
                    String(limited),
                    DecimalFormat.fixed(requests == 0 ? 0 : Double(limited) / Double(requests), 6),
                    DecimalFormat.fixed(bucketSeconds > 0 ? Double(requests) / bucketSeconds : 0, 3),
                    String(series.active.value(at: i)),
                    String(series.detections.value(at: i)),
                    String(allFailures.reduce(0) { $0 + $1.value(at: i) }),
                    String(result.partial),
                ] + failures.map { String($0.value(at: i)) })
            }
        }
        return CSVTable(header: columns(result), rows: rows)
    }

    /// The document's text.
    public static func render(_ result: RunResult) -> String { table(result).text }
}

extension Array where Element == Int {
    /// The element at `index`, 0 past the end (series of a run can differ in length).
    func value(at index: Int) -> Int { index < count ? self[index] : 0 }
}
