import PollsterCore

/// timeseries.csv: one row per strategy and time bucket, every bucket of the run.
public enum TimeSeriesCSV {
    /// The columns; `time_s` is the start of the bucket in scenario time.
    public static let columns = [
        "strategy", "time_s", "bucket_s", "requests", "requests_429", "rate_429", "requests_per_s",
        "active_executions", "detections",
    ]

    /// The table for `result`, strategies in run order, buckets in time order.
    public static func table(_ result: RunResult) -> CSVTable {
        var rows: [[String]] = []
        for strategy in result.strategies {
            let series = strategy.metrics.timeSeries
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
                ])
            }
        }
        return CSVTable(header: columns, rows: rows)
    }

    /// The document's text.
    public static func render(_ result: RunResult) -> String { table(result).text }
}

extension Array where Element == Int {
    /// The element at `index`, 0 past the end (series of a run can differ in length).
    func value(at index: Int) -> Int { index < count ? self[index] : 0 }
}
