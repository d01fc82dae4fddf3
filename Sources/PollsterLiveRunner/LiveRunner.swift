#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Logging
import MockServer
import PollsterCore
import PollsterLive

/// Runs a scenario live, over real HTTP through libcurl: against the embedded mock API
/// (a fresh server per strategy, on 127.0.0.1 and a free port, with scenario time
/// compressed by `timeScale`) or against a real API.
///
/// Strategies run side by side, each against the identical workload and its own server
/// (its own rate-limit state and API keys), so that strategies never share buckets and a
/// live run compares like the simulation does.
public struct LiveRunner: Sendable {
    public let scenario: Scenario
    public let limits: LiveLimits
    public let transportConfiguration: TransportConfiguration
    /// Connections the client may open; nil: ``connectionsPerStrategy`` per strategy against
    /// the embedded server and loopback targets (within the open-file limit), and the
    /// transport's own limit (64 by default) against any other API.
    public let connections: Int?
    /// Only this share of the API keys (`--shard I/N`): their executions, against a target
    /// the other shards share; nil: every key.
    public var keyShard: KeyShard?
    /// Where executions.csv's rows go (one part per strategy); nil: not kept.
    public var executionLog: ExecutionLog?
    /// Where the run's figures are exported while it goes (`--metrics-port`); nil: nowhere.
    public var exporter: LiveMetricsExporter?

    /// Wall time between creating a strategy's clock and its scenario time 0: room for
    /// the embedded server to start listening before the first arrival.
    static let startLead = Duration.milliseconds(250)

    public init(
        scenario: Scenario, limits: LiveLimits = LiveLimits(), transport: TransportConfiguration = TransportConfiguration(),
        connections: Int? = nil, keyShard: KeyShard? = nil, executionLog: ExecutionLog? = nil
    ) {
        self.keyShard = keyShard
        self.executionLog = executionLog
        self.scenario = scenario
        self.limits = limits
        self.transportConfiguration = transport
        self.connections = connections
    }

    /// Runs every strategy; cancelling the calling task stops the run and returns what was
    /// measured until then (marked partial). `tally` can be read during the run.
    public func run(progress: LiveProgress? = nil, stop: StopSignal = StopSignal(), tally: LiveRunTally? = nil) async throws -> RunResult {
        tally?.begin(scenario)
        guard case .embedded = scenario.target else {
            return try await runRemote(progress: progress, stop: stop, tally: tally)
        }
        let budget = RequestBudget(limit: limits.maxRequests)
        let runner = self
        let strategies = scenario.strategies
        var configuration = transportConfiguration
        configuration.maxConnections = Swift.max(configuration.threads, connections ?? Self.embeddedConnections(strategies: scenario.runCount))
        // The embedded server reads the stamps to measure its own queueing.
        configuration.stampsDispatchTime = true
        let outcomes = try await withCurlTransport(configuration: configuration) { transport in
            try await LiveWarmUp.run(transport)
            return try await withDeadline(limits.maxDuration, stop: stop) {
                // Every strategy at once, each against its own server: the same wall-clock
                // window for all, so none is favoured by a quieter machine.
                try await withThrowingTaskGroup(of: (Int, [StrategyMetrics], Bool).self) { group in
                    for (index, strategy) in strategies.enumerated() {
                        group.addTask {
                            let outcome = try await runner.runEmbedded(strategy, index: index, transport: transport, budget: budget, progress: progress, stop: stop, tally: tally)
                            return (index, outcome.metrics, outcome.partial)
                        }
                    }
                    if let population = scenario.population {
                        // The mix: its members on one server, after the strategies' rows.
                        group.addTask {
                            let outcome = try await runner.runEmbedded(strategies[0], index: strategies.count, population: population, transport: transport,
                                                                       budget: budget, progress: progress, stop: stop, tally: tally)
                            return (strategies.count, outcome.metrics, outcome.partial)
                        }
                    }
                    var outcomes: [(Int, [StrategyMetrics], Bool)] = []
                    for try await outcome in group { outcomes.append(outcome) }
                    return outcomes.sorted { $0.0 < $1.0 }
                }
            }
        }
        let results = outcomes.flatMap { outcome in
            outcome.1.enumerated().map { offset, metrics in
                outcome.0 < strategies.count
                    ? StrategyResult(name: strategies[outcome.0].name, description: strategies[outcome.0].summary, metrics: metrics)
                    : scenario.populationResult(offset, metrics: metrics)
            }
        }
        let partial = outcomes.contains { $0.2 } || budget.exhausted || stop.isRequested
        var info = ScenarioInfo(scenario)
        info.shard = keyShard
        return RunResult(scenario: info, partial: partial, replications: 1, strategies: results)
    }

    /// Connections per strategy against the embedded server and loopback targets. The mock,
    /// like the model it serves, answers any number of requests at once, each after its own
    /// latency; a smaller pool would queue requests in the client (a herd released by a
    /// rate-limit window easily puts a thousand in flight).
    static let connectionsPerStrategy = 1024

    /// The connection limit of an embedded run: ``connectionsPerStrategy`` each, within the
    /// process's file-descriptor limit (every connection takes two, client and server end).
    static func embeddedConnections(strategies: Int) -> Int {
        let wanted = connectionsPerStrategy * strategies
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return wanted }
        // Leave room for the process's other descriptors.
        let available = (Int(clamping: limit.rlim_cur) - 256) / 2
        return Swift.max(64 * strategies, Swift.min(wanted, available))
    }

    /// One strategy against its own embedded server, or the population's members together
    /// against theirs; each client group's metrics in order.
    func runEmbedded(
        _ strategy: StrategySpec, index: Int, population: Population? = nil, transport: CurlTransport, budget: RequestBudget,
        progress: LiveProgress?, stop: StopSignal, tally: LiveRunTally?
    ) async throws -> (metrics: [StrategyMetrics], partial: Bool) {
        let clock = ScenarioClock(origin: .now + Self.startLead, timeScale: scenario.timeScale)
        var logger = Logger(label: "pollster.mock", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .error
        let server = try MockServer(configuration: MockServerConfiguration(scenario: scenario), clock: clock, logger: logger)
        let keys = (0..<Swift.max(1, scenario.workload.apiKeys)).map { "pk_\(index)_\($0)" }
        for (keyIndex, key) in keys.enumerated() {
            server.registerKey(key, scopes: [.executionsRead, .executionsWrite], index: keyIndex)
        }
        let flowID = "flow_" + scenario.name
        var outcome = try await server.withRunning { baseURL in
            let target = LiveTarget(baseURL: baseURL, apiKeys: keys, submit: { plan in server.register(plan, flowId: flowID) },
                                    retire: { server.retire($0) }, epoch: server.epoch)
            let run = LiveStrategyRun(
                scenario: scenario, strategy: strategy, target: target, clock: clock,
                transport: transport, limits: limits, budget: budget, progress: progress, stop: stop,
                tally: tally.map { ($0, index) }, keyShard: keyShard, executionLog: executionLog?.part(strategy: index),
                exporter: exporter, population: population
            )
            return await run.runMembers()
        }
        // The server's own queueing, which every group on it met.
        for member in outcome.metrics.indices {
            if var live = outcome.metrics[member].live {
                live.serverQueue = server.queueDelays.canonical
                live.saturation = Saturation.assess(live, modelledLatencyP99: scenario.server.latency.p99)
                outcome.metrics[member].live = live
            }
        }
        return outcome
    }
}
