import PollsterCore

/// The clients of one strategy in a simulation: every execution of a plain run, or one
/// member of a population (``Population``), whose executions share the server with the
/// other members'. Its figures and per-key client state are its own.
struct ClientGroup: Sendable {
    /// What does not change during the run, behind one reference: the engine's hot path
    /// reads the rules in place instead of copying them out of a mutable group.
    let rules: ClientRules
    /// What each API key's executions share (``KeyClientPolicy``), one per key; empty for
    /// the classic strategies, which then take none of the engine's paths that use it.
    var keyClients: [KeyClient]
    var metrics: StrategyMetrics
    /// Its executions in their polling loop.
    var active = 0

    init(_ spec: StrategySpec, name: String, scenario: Scenario) {
        rules = ClientRules(spec, name: name, scenario: scenario)
        keyClients = rules.sharesKeyState ? Array(repeating: KeyClient(spec.keyClient), count: scenario.workload.apiKeys) : []
        metrics = StrategyMetrics(bucket: scenario.report.bucket)
    }
}
