import PollsterCore
import PollsterReport

/// The result of one strategy at one sweep point, or of a reference strategy on the
/// scenario as written: its metrics merged over replications, and the mean and 95%
/// interval of each ``PlanMetric`` across replications.
public struct SweepRow: Sendable {
    /// Index of the point in the grid; nil for a reference row.
    public var point: Int?
    /// One value per axis; empty for a reference row.
    public var values: [ParameterValue]
    public var strategy: String
    /// The strategy in plain words, at this point.
    public var description: String
    /// Metrics merged over replications (as `run --replications` merges them).
    public var metrics: StrategyMetrics
    /// The summary.csv figures of ``metrics``.
    public var summary: StrategySummary
    /// Each ``PlanMetric`` of ``metrics``, indexed like `PlanMetric.allCases`.
    public var figures: [Double]
    /// Per-metric mean and interval across replications, indexed like `PlanMetric.allCases`.
    public var intervals: [ConfidenceInterval]

    /// True for a strategy the sweep does not vary, simulated once on the scenario as
    /// written (see ``Sweep/referenceStrategies``).
    public var isReference: Bool { point == nil }

    /// `metric` of the merged metrics.
    public func value(_ metric: PlanMetric) -> Double {
        figures[PlanMetric.allCases.firstIndex(of: metric)!]
    }

    /// The mean and interval of `metric` across replications.
    public func interval(_ metric: PlanMetric) -> ConfidenceInterval {
        intervals[PlanMetric.allCases.firstIndex(of: metric)!]
    }
}
