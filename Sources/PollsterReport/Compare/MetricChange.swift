import PollsterCore

/// How one figure of one strategy moved between two runs: `pollster compare`'s row.
public struct MetricChange: Sendable, Equatable {
    public var strategy: String
    public var metric: ThresholdMetric
    /// The figure in the old and the new run; nil when not measured there.
    public var old: Double?
    public var new: Double?
    /// A 95% interval on the change NEW − OLD, from the spread between replications
    /// (Welch's t); nil unless both runs have at least two replications.
    public var interval: ConfidenceInterval?

    /// NEW − OLD; nil when either is not measured.
    public var change: Double? {
        guard let old, let new else { return nil }
        return new - old
    }

    /// The change relative to the old figure; nil when it is 0 or not measured.
    public var relative: Double? {
        guard let change, let old, old != 0 else { return nil }
        return change / old
    }

    /// True when the interval excludes 0 (the figure moved beyond the noise between
    /// seeds), false when it includes it, nil without an interval.
    public var moved: Bool? {
        interval.map { $0.low > 0 || $0.high < 0 }
    }
}
