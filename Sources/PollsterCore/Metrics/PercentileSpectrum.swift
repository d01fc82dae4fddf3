/// A histogram's percentile distribution as HdrHistogram prints it: values at percentile
/// levels that halve their distance to 100% in `ticksPerHalfDistance` steps, ending at 100%.
public struct PercentileSpectrum: Sendable, Equatable {
    /// One step of the distribution.
    public struct Point: Sendable, Equatable {
        /// The value (the histogram's unit, microseconds for times).
        public var value: UInt64
        /// The percentile level iterated to, 0-100.
        public var percentile: Double
        /// Recorded values at or below `value`.
        public var totalCount: UInt64

        /// 1/(1-p) for p = `percentile`/100; infinite at 100%.
        public var inverseTail: Double {
            percentile >= 100 ? .infinity : 1 / (1 - percentile / 100)
        }
    }

    /// The steps, ascending; empty for an empty histogram.
    public var points: [Point]
    /// Values recorded.
    public var count: UInt64

    /// The spectrum of `histogram` (HdrHistogram's default is 5 ticks per half distance).
    public init(_ histogram: MetricHistogram, ticksPerHalfDistance: Int = 5) {
        count = histogram.count
        guard !histogram.isEmpty else {
            points = []
            return
        }
        points = histogram.histogram.percentiles(ticksPerHalfDistance: ticksPerHalfDistance).map {
            Point(value: $0.value, percentile: $0.percentileLevelIteratedTo, totalCount: $0.totalCountToThisValue)
        }
    }
}
