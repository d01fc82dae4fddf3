import PollsterCore

/// A time series merged into wider buckets for a chart: `factor` consecutive buckets
/// become one, so a long run keeps a bounded number of points (the CSV keeps every bucket).
struct CoarseTimeSeries: Sendable {
    /// Start of each coarse bucket, seconds of scenario time.
    var times: [Double]
    /// Requests sent in each coarse bucket.
    var requests: [Int]
    /// 429s in each coarse bucket.
    var rateLimited: [Int]
    /// Failed requests of each kind that occurred, per coarse bucket.
    var failures: [FailureKind: [Int]]
    /// Width of a coarse bucket, seconds.
    var width: Double

    /// Merges `factor` buckets of `series` at a time.
    init(_ series: TimeSeries, factor: Int) {
        let factor = Swift.max(1, factor)
        let n = series.count
        width = Double(series.bucket) * Double(factor) / 1e9
        times = []
        requests = []
        rateLimited = []
        failures = series.failures.mapValues { _ in [] }
        var start = 0
        while start < n {
            let end = Swift.min(n, start + factor)
            times.append(Double(series.bucket) * Double(start) / 1e9)
            requests.append((start..<end).reduce(0) { $0 + series.requests.value(at: $1) })
            rateLimited.append((start..<end).reduce(0) { $0 + series.rateLimited.value(at: $1) })
            for (kind, counts) in series.failures {
                failures[kind]!.append((start..<end).reduce(0) { $0 + counts.value(at: $1) })
            }
            start = end
        }
    }

    /// The merge factor that keeps the longest of `series` at or under `maximumPoints`.
    static func factor(for series: [TimeSeries], maximumPoints: Int) -> Int {
        let longest = series.map(\.count).max() ?? 0
        return Swift.max(1, (longest + maximumPoints - 1) / Swift.max(1, maximumPoints))
    }
}
