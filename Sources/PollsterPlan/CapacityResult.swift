/// What a capacity search found for every strategy of a scenario.
public struct CapacityResult: Sendable {
    public var scenarioName: String
    public var axis: LoadAxis
    /// The first is the 429-rate limit; others are extra limits given.
    public var constraints: [TuningConstraint]
    public var seed: UInt64
    /// Seeds each capacity is found on.
    public var replications: Int
    /// Bisection stops when the bracket is this narrow, relative to its low end.
    public var tolerance: Double
    public var estimates: [CapacityEstimate]
    /// Simulations run.
    public var simulations: Int
    /// True when interrupted: estimates cover what was found until then.
    public var partial: Bool

    /// "with expo these limits carry 12.5 executions/s (95% interval 12.1–12.9)".
    public func sentence(_ estimate: CapacityEstimate) -> String {
        switch estimate.status {
        case .found:
            let i = estimate.interval
            var text = "with \(estimate.strategy) these limits carry \(axis.describe(i.mean))"
            if i.count > 1 {
                text += " (95% interval \(axis.number(Swift.max(0, i.low)))–\(axis.number(i.high)))"
            }
            return text
        case .belowRange(let lowest):
            return "with \(estimate.strategy) these limits carry less than \(axis.describe(lowest)): even that breaks " + constraints.map(\.summary).joined(separator: " or ")
        case .aboveRange(let highest):
            return "with \(estimate.strategy) these limits carry more than \(axis.describe(highest)), the highest load tried"
        case .unfinished:
            return "with \(estimate.strategy): not found, the search was interrupted"
        }
    }
}
