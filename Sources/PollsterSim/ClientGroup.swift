import PollsterCore

/// The clients of one strategy in a simulation: every execution of a plain run, or one
/// member of a population (``Population``), whose executions share the server with the
/// other members'. Its figures and per-key client state are its own.
struct ClientGroup: Sendable {
    var strategy: PollingStrategy
    /// The client's rules, shared with the live poller.
    var clientLoop: ClientLoop
    /// The name its executions.csv rows carry (`docs`, or `docs@mix` in a population).
    var name: String
    /// What each API key's executions share (``KeyClientPolicy``), one per key; empty for
    /// the classic strategies, which then take none of the engine's paths that use it.
    var keyClients: [KeyClient]
    var sharesKeyState: Bool
    /// `headerPaced` against a server that sends rate-limit headers a client can read.
    var readsQuota: Bool
    var metrics: StrategyMetrics
    /// Its executions in their polling loop.
    var active = 0

    init(_ spec: StrategySpec, name: String, scenario: Scenario) {
        strategy = PollingStrategy(spec)
        clientLoop = ClientLoop(strategy: strategy, client: scenario.client)
        self.name = name
        let policy = spec.keyClient
        sharesKeyState = !policy.isEmpty && strategy.sendsPolls
        keyClients = sharesKeyState ? Array(repeating: KeyClient(policy), count: scenario.workload.apiKeys) : []
        readsQuota = policy.headerPacing && !scenario.server.rateLimits.isEmpty
            && scenario.server.rejection.headers.contains { $0 != .github }
        metrics = StrategyMetrics(bucket: scenario.report.bucket)
    }
}
