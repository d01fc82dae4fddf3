/// Everything a sweep measured: one row per point and strategy, in grid order, and the
/// cost-versus-freshness Pareto frontier across all of them.
public struct SweepResult: Sendable {
    public var scenarioName: String
    public var axes: [SweepAxis]
    public var seed: UInt64
    public var replications: Int
    /// Rows by point, then by the scenario's strategy order.
    public var rows: [SweepRow]
    /// True when the sweep was interrupted: rows cover only the points finished.
    public var partial: Bool

    /// Indices into ``rows`` of the rows no other row beats on both polls per execution
    /// (cost) and detection lag p99 (freshness), cheapest first.
    public var frontier: [Int] {
        ParetoFrontier.indices(rows.map { (cost: $0.value(.pollsPerExecution), lag: $0.value(.lagP99)) })
    }
}
