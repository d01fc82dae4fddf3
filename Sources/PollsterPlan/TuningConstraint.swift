/// An upper limit a tuned strategy must respect: `rate_429 <= 0.01`.
public struct TuningConstraint: Sendable, Hashable {
    public var metric: PlanMetric
    /// The highest allowed value, in the metric's units (a fraction, milliseconds, polls).
    public var limit: Double
    /// The command-line flag that set it, to name it when it binds.
    public var flag: String

    /// The limit `metric <= limit`, set by `flag`.
    public init(metric: PlanMetric, limit: Double, flag: String) {
        self.metric = metric
        self.limit = limit
        self.flag = flag
    }

    /// How far `value` is over the limit, relative to it (0 when within).
    public func violation(_ value: Double) -> Double {
        guard value > limit else { return 0 }
        return (value - limit) / Swift.max(abs(limit), 1e-9)
    }

    /// `--max-429-rate 1%` style, with the limit in words.
    public var summary: String { "\(flag) \(metric.describe(limit))" }
}
