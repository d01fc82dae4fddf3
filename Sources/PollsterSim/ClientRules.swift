import PollsterCore

/// The fixed part of a ``ClientGroup``: its strategy and client loop, its name and which
/// of the engine's per-key paths it takes.
final class ClientRules: Sendable {
    let strategy: PollingStrategy
    /// The client's rules, shared with the live poller.
    let clientLoop: ClientLoop
    /// The name its executions.csv rows carry (`docs`, or `docs@mix` in a population).
    let name: String
    /// Its executions share per-key state (``KeyClientPolicy``).
    let sharesKeyState: Bool
    /// `headerPaced` against a server that sends rate-limit headers a client can read.
    let readsQuota: Bool

    init(_ spec: StrategySpec, name: String, scenario: Scenario) {
        strategy = PollingStrategy(spec)
        clientLoop = ClientLoop(strategy: strategy, client: scenario.client)
        self.name = name
        sharesKeyState = !spec.keyClient.isEmpty && strategy.sendsPolls
        readsQuota = spec.keyClient.headerPacing && !scenario.server.rateLimits.isEmpty
            && scenario.server.rejection.headers.contains { $0 != .github }
    }
}
