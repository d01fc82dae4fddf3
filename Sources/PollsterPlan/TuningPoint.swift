import PollsterCore
/// One parameter setting a tuner evaluated, and what it measured: the objective and each
/// constraint's metric, on the search seeds and again on fresh seeds.
public struct TuningPoint: Sendable, Hashable {
    /// Each parameter's value as a scenario writes it, in the tuner's parameter order.
    public var values: [String]
    /// Means on the search seeds, in ``TuningResult/metrics`` order.
    public var search: [Double]
    /// Seeds the search means are over.
    public var searchSeeds: Int
    /// Mean and 95% interval on fresh seeds, in ``TuningResult/metrics`` order.
    public var recheck: [ConfidenceInterval]
}
