import Logging
import MockServer
import PollsterCore
import PollsterLive

/// A short live run before the real one, on the same transport, against a throwaway
/// embedded server: the loop threads, connections, the whole poll path (sleep, request,
/// status, 429 and Retry-After, detection, the metrics) and the runtime's first-use work
/// (type metadata, protocol conformance lookups, lazily bound symbols) happen here rather
/// than in the run's first second, where each would stall a loop thread for milliseconds
/// and show as send lateness.
enum LiveWarmUp {
    /// Executions of the warm-up, created at once; each polls every 10 ms against a token
    /// bucket that answers some of them with 429.
    static let scenario = Scenario(
        name: "warm-up", seed: 1, mode: .live, timeScale: 1,
        workload: Workload(executions: 64, arrival: .burst(at: 0), duration: .fixed(Time.milliseconds(120)), apiKeys: 2),
        server: ServerModel(
            latency: .fixed(Time.milliseconds(1)),
            rateLimits: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 500), burst: 20))]),
        strategies: [StrategySpec(name: "warm-up", kind: .fixed(interval: Time.milliseconds(10)))],
        client: ClientPolicy(timeout: Time.milliseconds(300), retryAfter: .ignore)
    )

    /// Runs the warm-up on `transport` (about 0.3 s).
    static func run(_ transport: CurlTransport) async throws {
        var logger = Logger(label: "pollster.warm-up")
        logger.logLevel = .critical
        let clock = ScenarioClock(origin: .now + .milliseconds(20), timeScale: 1)
        let server = try MockServer(configuration: MockServerConfiguration(scenario: scenario), clock: clock, logger: logger)
        let keys = ["pk_warm_0", "pk_warm_1"]
        for (index, key) in keys.enumerated() { server.registerKey(key, scopes: [.executionsRead], index: index) }
        _ = try await server.withRunning { baseURL in
            let target = LiveTarget(baseURL: baseURL, apiKeys: keys, submit: { server.register($0, flowId: "flow_warm_up") },
                                    retire: { server.retire($0) })
            let run = LiveStrategyRun(
                scenario: scenario, strategy: scenario.strategies[0], target: target, clock: clock, transport: transport,
                limits: LiveLimits(), budget: RequestBudget(limit: nil), progress: nil)
            return await run.run()
        }
    }
}
