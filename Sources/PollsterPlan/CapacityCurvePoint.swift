import PollsterCore
/// One load on a strategy's 429-rate curve: the mean 429 rate over the seeds there.
public struct CapacityCurvePoint: Sendable, Hashable {
    /// The load (per second for rates).
    public var load: Double
    /// The load as the scenario was given it.
    public var text: String
    /// The 429 rate across seeds.
    public var rate429: ConfidenceInterval
}
