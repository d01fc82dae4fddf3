import PollsterCore

/// The result of one strategy at one sweep point: its metrics merged over replications,
/// and the mean and 95% interval of each ``PlanMetric`` across replications.
public struct SweepRow: Sendable {
    /// Index of the point in the grid.
    public var point: Int
    /// One value per axis.
    public var values: [ParameterValue]
    public var strategy: String
    /// The strategy in plain words, at this point.
    public var description: String
    /// Metrics merged over replications (as `run --replications` merges them).
    public var metrics: StrategyMetrics
    /// Per-metric mean and interval across replications, indexed like `PlanMetric.allCases`.
    public var intervals: [ConfidenceInterval]

    /// The mean and interval of `metric` across replications.
    public func interval(_ metric: PlanMetric) -> ConfidenceInterval {
        intervals[PlanMetric.allCases.firstIndex(of: metric)!]
    }
}
