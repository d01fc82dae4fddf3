import PollsterCore
/// One strategy's capacity: the highest load meeting the constraints, found on each seed
/// by bracketing and bisection, with the mean and 95% interval across seeds.
public struct CapacityEstimate: Sendable {
    /// Where the capacity lies relative to the loads the search could try.
    public enum Status: Sendable, Hashable {
        /// Bracketed and bisected on every seed.
        case found
        /// Even the lowest load tried broke a constraint: the capacity is below it.
        case belowRange(Double)
        /// Even the highest load tried met the constraints: the capacity is above it.
        case aboveRange(Double)
        /// Interrupted before every seed's bracket closed.
        case unfinished
    }

    public var strategy: String
    /// The highest load meeting the constraints on each seed; nil where out of range.
    public var perSeed: [Double?]
    /// Mean and 95% interval over the seeds with a capacity.
    public var interval: ConfidenceInterval
    public var status: Status
    /// The 429 rate at a range of loads, for the chart (empty when not asked for).
    public var curve: [CapacityCurvePoint]
}
