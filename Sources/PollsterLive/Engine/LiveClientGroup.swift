import PollsterCore

/// The clients of one strategy in a live run: every execution of a strategy run alone, or
/// one member of a population (``Population``) sharing the server with the others. Its
/// rules, per-key shared state and figures are its own.
struct LiveClientGroup: Sendable {
    let spec: StrategySpec
    /// The name its figures and executions.csv rows carry (`docs`, `docs@mix`).
    let name: String
    let rules: ClientLoop
    /// What the executions of each API key share; empty when they share nothing.
    let keys: [SharedKeyClient]

    init(_ spec: StrategySpec, name: String, scenario: Scenario) {
        self.spec = spec
        self.name = name
        rules = ClientLoop(strategy: PollingStrategy(spec), client: scenario.client)
        keys = spec.keyClient.isEmpty ? [] : (0..<scenario.workload.apiKeys).map { _ in SharedKeyClient(spec.keyClient) }
    }
}
