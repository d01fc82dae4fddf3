import PollsterCore
/// Everything a sweep measured: one row per point and swept strategy, in grid order, then
/// one per reference strategy, and the cost-versus-freshness Pareto frontier across all.
public struct SweepResult: Sendable {
    public var scenarioName: String
    /// The scenario as written, in plain words.
    public var scenarioSummary: String
    public var axes: [SweepAxis]
    /// The value of each axis's path in the scenario file (nil where the file leaves it out).
    public var scenarioValues: [String?]
    public var seed: UInt64
    public var replications: Int
    /// The one strategy the axes vary (the others are references); nil when every
    /// strategy ran at every point.
    public var variedStrategy: String?
    /// Simulations run (every replication counts).
    public var simulations: Int
    /// Rows by point, then by strategy (in `--strategy` order, else the scenario's), then
    /// the reference rows.
    public var rows: [SweepRow]
    /// True when the sweep was interrupted: rows cover only the points finished.
    public var partial: Bool

    /// The rows of strategies run at every point.
    public var sweptRows: [SweepRow] { rows.filter { !$0.isReference } }

    /// The reference rows: strategies run once, on the scenario as written.
    public var referenceRows: [SweepRow] { rows.filter(\.isReference) }

    /// Indices into ``rows`` of the rows no other row beats on both polls per execution
    /// (cost) and detection lag p99 (freshness), cheapest first: report.html's rule
    /// (``ParetoFront``), so equal rows are on the frontier together.
    public var frontier: [Int] {
        ParetoFront.indices(rows.map { (x: $0.value(.pollsPerExecution), y: $0.value(.lagP99)) })
    }
}
