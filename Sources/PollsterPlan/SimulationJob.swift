import PollsterCore

/// One simulation of a plan: one strategy of one scenario variant, on one seed.
public struct SimulationJob: Sendable {
    public var scenario: Scenario
    /// Index into `scenario.strategies`.
    public var strategy: Int
    public var seed: UInt64

    /// Simulates `scenario.strategies[strategy]` on `seed`.
    public init(scenario: Scenario, strategy: Int, seed: UInt64) {
        self.scenario = scenario
        self.strategy = strategy
        self.seed = seed
    }
}
