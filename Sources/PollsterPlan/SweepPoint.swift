import PollsterCore

/// One point of a sweep's grid: the value of each axis there, and the scenario they give.
public struct SweepPoint: Sendable {
    /// Position in the grid, the first axis varying slowest.
    public var index: Int
    /// One value per axis, in axis order.
    public var values: [ParameterValue]
    /// The scenario with the values applied.
    public var scenario: Scenario
}
