/// What a tuner found: the winning parameters (and their YAML), how they compare with the
/// starting ones, whether they meet the constraints, and which constraint binds.
public struct TuningResult: Sendable {
    public var strategy: String
    public var objective: PlanMetric
    public var constraints: [TuningConstraint]
    public var parameters: [TuningParameter]
    /// The objective's metric, then each constraint's: the order of every figure list here.
    public var metrics: [PlanMetric] { [objective] + constraints.map(\.metric) }
    public var winner: TuningPoint
    public var start: TuningPoint
    /// The winner as a strategy list item, ready to paste into a scenario's `strategies`.
    public var winnerYAML: String
    /// True when the winner meets every constraint on the search seeds (the search ranks
    /// feasible points first, so false means no point it compared met them).
    public var feasible: Bool
    /// For each constraint, how many of the evaluated points broke it.
    public var violations: [Int]
    /// Parameter settings evaluated.
    public var evaluated: Int
    /// Simulations run, re-checks included.
    public var simulations: Int
    /// True when the search was interrupted; the winner is the best found until then.
    public var partial: Bool

    /// The constraints that bind: the ones the winner breaks when nothing is feasible,
    /// otherwise the ones it comes within 20% of.
    public var binding: [TuningConstraint] {
        constraints.enumerated().filter { index, constraint in
            let value = winner.search[index + 1]
            return feasible ? value >= constraint.limit * 0.8 : value > constraint.limit
        }.map(\.element)
    }

    /// Names of the parameters whose winning value sits at a bound of its range.
    public var atBounds: [String] {
        zip(parameters, winner.values).compactMap { parameter, text in
            let value = ParameterValue(text).number ?? parameter.start
            let u = parameter.unit(of: value)
            return u <= 0.001 || u >= 0.999 ? parameter.name : nil
        }
    }
}
