/// The measured send rate of a key: botocore's `RateClocker`. Responses are counted in
/// half-second buckets; when a response lands in a later bucket, the count since the last
/// bucket over the time between them updates the smoothed rate (0.8 new, 0.2 old).
struct SendRateClock: Sendable {
    var measured: Double = 0
    var lastBucket: Nanoseconds = 0
    var count: Double = 0

    static let bucket: Nanoseconds = 500_000_000
    static let smoothing = 0.8

    /// Counts one response at `time` and returns the measured rate.
    mutating func record(at time: Nanoseconds) -> Double {
        let bucket = time / Self.bucket * Self.bucket
        count += 1
        if bucket > lastBucket {
            let current = count / (Double(bucket - lastBucket) / 1e9)
            measured = current * Self.smoothing + measured * (1 - Self.smoothing)
            count = 0
            lastBucket = bucket
        }
        return measured
    }
}
