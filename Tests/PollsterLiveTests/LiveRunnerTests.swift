import Foundation
import MockServer
import PollsterCore
import PollsterSim
import Testing
@testable import PollsterLive

/// The live engine against the embedded mock server on 127.0.0.1:0.
@Suite(.serialized) struct LiveRunnerTests {
    let s = Time.seconds

    func scenario(
        executions: Int = 40, duration: Distribution, strategies: [StrategySpec],
        limits: [RateLimitRule] = [], apiKeys: Int = 1, latency: Distribution = .fixed(0),
        timeScale: Double = 10, timeout: Nanoseconds = Time.seconds(600), arrival: ArrivalProcess? = nil
    ) -> Scenario {
        Scenario(
            name: "live-test", seed: 3, mode: .live, timeScale: timeScale,
            workload: Workload(executions: executions, arrival: arrival ?? .poisson(Rate(perSecond: 10)), duration: duration, apiKeys: apiKeys),
            server: ServerModel(latency: latency, rateLimits: limits),
            strategies: strategies,
            client: ClientPolicy(timeout: timeout)
        )
    }

    @Test func fixedDurationsGiveExactPollCountsAndLags() async throws {
        // D = 14 s, polls every 4 s from 4 s: polls at 4, 8, 12, 16 s: exactly 4, lag ~2 s.
        // Expo 1 s x2: polls at 1, 2, 4, 8, 16 s: exactly 5, lag ~2 s. The 2 s margins
        // absorb the scheduling slack of real sleeps (400 ms of wall time at scale 5).
        let sc = scenario(duration: .fixed(s(14)), strategies: [
            StrategySpec(name: "fixed", kind: .fixed(interval: s(4))),
            StrategySpec(name: "expo", kind: .exponential(initial: s(1), multiplier: 2, max: s(60), jitter: .none)),
        ], timeScale: 5)
        let result = try await LiveRunner(scenario: sc).run()
        #expect(!result.partial)
        for (strategy, (polls, lag)) in zip(result.strategies, [(4, 2.0), (5, 2.0)]) {
            let m = strategy.metrics
            #expect(m.executions == 40 && m.detected == 40, "\(strategy.name)")
            #expect(m.pollsPerExecution.min == UInt64(polls) && m.pollsPerExecution.max == UInt64(polls), "\(strategy.name)")
            #expect(m.requests == 40 * polls && m.responses200 == 40 * polls)
            // Real sleeps are never early, so the lag is at least the analytic one; the
            // slack (scheduling and loopback, times the scale of 5) stays well under 1 s.
            let median = Double(m.detectionLag.value(atPercentile: 50)) / 1e6
            #expect(median >= lag - 0.01 && median < lag + 1.0, "\(strategy.name): median lag \(median) s, analytic \(lag) s")
        }
    }

    @Test func rateLimitsGive429sAndRetryAfterIsHonored() async throws {
        // One key at 1/s, burst 2, and 20 executions polling every 250 ms: mostly 429s.
        let limits = [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 1), burst: 2))]
        let fast = StrategySpec(name: "fast", kind: .fixed(interval: Time.milliseconds(250)))
        var honor = scenario(executions: 20, duration: .fixed(s(6)), strategies: [fast], limits: limits, arrival: .burst(at: 0))
        var ignore = honor
        ignore.client.retryAfter = .ignore
        honor.client.retryAfter = .honor
        let honored = try await LiveRunner(scenario: honor).run().strategies[0].metrics
        let ignored = try await LiveRunner(scenario: ignore).run().strategies[0].metrics
        #expect(honored.responses429 > 0 && ignored.responses429 > 0)
        // Honoring Retry-After (1 s here) cuts the 250 ms re-polls of denied requests.
        #expect(honored.requests * 2 < ignored.requests, "honored \(honored.requests), ignored \(ignored.requests)")
        // Allowed requests are bounded by the bucket: its burst of 2 plus 1/s over the run
        // (which lasts until the last detection), whatever the client does.
        let runSeconds = Double(ignored.timeToOutcome.max) / 1e6
        #expect(Double(ignored.responses200) <= 2 + runSeconds.rounded(.up) + 1, "\(ignored.responses200) allowed in \(runSeconds) s")
        #expect(honored.detected == 20 && ignored.detected == 20)
    }

    /// Runs one strategy against a server where `prepare` sets up keys and ids.
    func runAgainstServer(
        keys: [(String, Set<APIScope>)], clientKey: String, unknownExecution: Bool = false
    ) async throws -> StrategyMetrics {
        let sc = scenario(executions: 5, duration: .fixed(s(4)), strategies: [StrategySpec(name: "f", kind: .fixed(interval: s(1)))])
        let clock = ScenarioClock(origin: .now + .milliseconds(100), timeScale: sc.timeScale)
        let server = try MockServer(configuration: MockServerConfiguration(scenario: sc), clock: clock)
        for (index, key) in keys.enumerated() { server.registerKey(key.0, scopes: key.1, index: index) }
        return try await withCurlTransport { transport in
            try await server.withRunning { baseURL in
                let target = LiveTarget(baseURL: baseURL, apiKeys: [clientKey]) { plan in
                    let id = server.register(plan, flowId: "flow_test")
                    return unknownExecution ? "exec_doesnotexist" : id
                }
                let run = LiveStrategyRun(scenario: sc, strategy: sc.strategies[0], target: target, clock: clock,
                                          transport: transport, limits: LiveLimits(), budget: RequestBudget(limit: nil), progress: nil)
                return await run.run().metrics
            }
        }
    }

    @Test func unauthorizedForbiddenAndNotFoundEndTheLoopAsErrors() async throws {
        let unauthorized = try await runAgainstServer(keys: [("pk_good", [.executionsRead])], clientKey: "pk_wrong")
        let forbidden = try await runAgainstServer(keys: [("pk_write", [.executionsWrite])], clientKey: "pk_write")
        let missing = try await runAgainstServer(keys: [("pk_good", [.executionsRead])], clientKey: "pk_good", unknownExecution: true)
        for m in [unauthorized, forbidden, missing] {
            // One request each, answered 4xx, and the execution counted as errored.
            #expect(m.executions == 5 && m.errored == 5 && m.requests == 5 && m.responsesOther4xx == 5 && m.detected == 0)
        }
        let fine = try await runAgainstServer(keys: [("pk_good", [.executionsRead])], clientKey: "pk_good")
        #expect(fine.detected == 5 && fine.errored == 0)
    }

    @Test func aTargetThatDiesMidRunStillGivesResults() async throws {
        // The server stops after ~0.3 s of a run of ~1 s wall; the clients keep polling into
        // refused connections until their 8 s timeout, and every one is accounted for.
        let sc = scenario(executions: 10, duration: .fixed(s(30)), strategies: [StrategySpec(name: "f", kind: .fixed(interval: s(1)))],
                          timeout: s(8), arrival: .burst(at: 0))
        let clock = ScenarioClock(origin: .now + .milliseconds(100), timeScale: sc.timeScale)
        let server = try MockServer(configuration: MockServerConfiguration(scenario: sc), clock: clock)
        server.registerKey("pk", scopes: [.executionsRead], index: 0)
        let metrics = try await withCurlTransport { transport in
            try await withThrowingTaskGroup(of: StrategyMetrics?.self) { group in
                let urls = AsyncStream<String>.makeStream()
                group.addTask {
                    try await server.withRunning { baseURL in
                        urls.continuation.yield(baseURL)
                        try await Task.sleep(for: .milliseconds(400))
                    }
                    return nil
                }
                var iterator = urls.stream.makeAsyncIterator()
                let baseURL = await iterator.next()!
                group.addTask {
                    let target = LiveTarget(baseURL: baseURL, apiKeys: ["pk"]) { server.register($0, flowId: "flow") }
                    let run = LiveStrategyRun(scenario: sc, strategy: sc.strategies[0], target: target, clock: clock,
                                              transport: transport, limits: LiveLimits(), budget: RequestBudget(limit: nil), progress: nil)
                    return await run.run().metrics
                }
                var metrics: StrategyMetrics?
                for try await value in group where value != nil { metrics = value }
                return metrics!
            }
        }
        #expect(metrics.executions == 10 && metrics.abandoned == 10)
        #expect(metrics.responses200 > 0, "some polls were answered before the server died")
        #expect(metrics.transportErrors > 0, "polls after it died are counted as transport errors")
        #expect(metrics.requests == metrics.responses200 + metrics.transportErrors)
    }

    @Test func simulationAndLiveAgree() async throws {
        // A small version of the quickstart: per-key token buckets that strategies hit.
        let limits = [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 2), burst: 4))]
        let sc = scenario(
            executions: 300, duration: .lognormal(median: s(10), upper: s(30), z: Distribution.p95Z),
            strategies: [
                StrategySpec(name: "fixed-1s", kind: .fixed(interval: s(1))),
                StrategySpec(name: "expo", kind: .exponential(initial: s(1), multiplier: 1.5, max: s(10), jitter: .none)),
                StrategySpec(name: "decorrelated", kind: .decorrelatedJitter(base: s(1), max: s(10))),
            ],
            limits: limits, apiKeys: 5, latency: .fixed(Time.milliseconds(20)), timeScale: 5
        )
        var simulated = sc
        simulated.mode = .simulate
        let sim = await Simulator(scenario: simulated).run()
        let live = try await LiveRunner(scenario: sc).run()
        for (a, b) in zip(sim.strategies, live.strategies) {
            print("sim-vs-live \(a.name): 429 rate \(a.metrics.rate429) / \(b.metrics.rate429), polls/execution \(a.metrics.meanPollsPerExecution) / \(b.metrics.meanPollsPerExecution), lag p50 \(a.metrics.detectionLag.value(atPercentile: 50)) / \(b.metrics.detectionLag.value(atPercentile: 50)) us")
            let polls = (a.metrics.meanPollsPerExecution, b.metrics.meanPollsPerExecution)
            #expect(abs(a.metrics.rate429 - b.metrics.rate429) < 0.02, "\(a.name): 429 rate sim \(a.metrics.rate429) live \(b.metrics.rate429)")
            #expect(abs(polls.0 - polls.1) / polls.0 < 0.10, "\(a.name): polls/execution sim \(polls.0) live \(polls.1)")
        }
    }
}
