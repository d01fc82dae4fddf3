import Foundation
import MockServer
import PollsterCore
import PollsterLive

extension LiveRunner {
    /// Against a real API: strategies one after another (they share the one API key, so
    /// running them side by side would make them share its rate limits), real time.
    func runRemote(progress: LiveProgress?, stop: StopSignal, tally: LiveRunTally?) async throws -> RunResult {
        guard case .url(let baseURL) = scenario.target else { throw LiveRunError.unsupportedTarget(scenario.target.description) }
        guard let source = scenario.live.executions else { throw LiveRunError.noExecutionSource(baseURL) }
        let variable = scenario.apiKeyEnv ?? "POLLSTER_API_KEY"
        guard let key = ProcessInfo.processInfo.environment[variable], !key.isEmpty else {
            throw LiveRunError.missingAPIKey(variable: variable)
        }
        let budget = RequestBudget(limit: limits.maxRequests)
        let runner = self
        var configuration = transportConfiguration
        if let connections {
            configuration.maxConnections = Swift.max(configuration.threads, connections)
        } else if Self.isLoopback(baseURL) {
            configuration.maxConnections = Swift.max(configuration.maxConnections, Self.embeddedConnections(strategies: 1))
        }
        let outcomes = try await withCurlTransport(configuration: configuration) { transport in
            // The warm-up runs against a throwaway embedded server on loopback, never the target.
            try await LiveWarmUp.run(transport)
            return try await withDeadline(limits.maxDuration, stop: stop) {
                var outcomes: [([StrategyMetrics], Bool)] = []
                let strategies = runner.scenario.strategies
                // Each strategy, then the population's mix (one run of its members).
                for index in 0..<runner.scenario.runCount {
                    if stop.isRequested || budget.exhausted { break }
                    let population = index < strategies.count ? nil : runner.scenario.population
                    let strategy = strategies[Swift.min(index, strategies.count - 1)]
                    let clock = ScenarioClock(origin: .now, timeScale: 1)
                    let target = RemoteTarget.make(baseURL: baseURL, apiKey: key, source: source, transport: transport, timeout: .seconds(30))
                    let run = LiveStrategyRun(
                        scenario: runner.scenario, strategy: strategy, target: target, clock: clock,
                        transport: transport, limits: runner.limits, budget: budget, progress: progress, stop: stop,
                        tally: tally.map { ($0, index) }, keyShard: runner.keyShard,
                        executionLog: runner.executionLog?.part(strategy: index), exporter: runner.exporter, population: population
                    )
                    var outcome = await run.runMembers()
                    for member in outcome.metrics.indices {
                        if var live = outcome.metrics[member].live {
                            live.saturation = Saturation.assess(live, modelledLatencyP99: nil)
                            outcome.metrics[member].live = live
                        }
                    }
                    outcomes.append(outcome)
                }
                return outcomes
            }
        }
        // A strategy the stop came before is in the result with nothing measured (no
        // executions started), so that the report names it as not run.
        let strategies = scenario.strategies
        let empty = StrategyMetrics(bucket: scenario.report.bucket)
        var results = strategies.indices.map { index in
            StrategyResult(
                name: strategies[index].name, description: strategies[index].summary,
                metrics: index < outcomes.count ? outcomes[index].0[0] : empty
            )
        }
        if let population = scenario.population {
            let mix = strategies.count < outcomes.count ? outcomes[strategies.count].0 : population.members.map { _ in empty }
            results += mix.indices.map { scenario.populationResult($0, metrics: mix[$0]) }
        }
        let partial = outcomes.count < scenario.runCount || outcomes.contains { $0.1 } || budget.exhausted || stop.isRequested
        var info = ScenarioInfo(scenario)
        info.shard = keyShard
        return RunResult(scenario: info, partial: partial, replications: 1, strategies: results)
    }
}

extension LiveRunner {
    /// True for URLs whose host is 127.0.0.0/8, localhost or [::1].
    public static func isLoopback(_ url: String) -> Bool {
        guard let schemeEnd = url.range(of: "://") else { return false }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" }
        if host.hasPrefix("[::1]") { return true }
        let name = host.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return name == "localhost" || MockServer.isLoopback(name)
    }
}
