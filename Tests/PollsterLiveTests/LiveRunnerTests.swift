import Foundation
import MockServer
import PollsterCore
import PollsterLiveRunner
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
        #expect(Conservation.violations(result).isEmpty, "\(Conservation.violations(result))")
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

    @Test func aHerdQueuesOnTheEmbeddedServersWorkersAsInTheSimulation() async throws {
        // 200 executions at once, first polled at 1 s: a herd of 200 requests on 8 workers of
        // 40 ms each queues for a second of scenario time, live as simulated.
        var sc = scenario(executions: 200, duration: .fixed(s(1.5)), strategies: [StrategySpec(name: "f", kind: .fixed(interval: s(1)))],
                          latency: .fixed(Time.milliseconds(40)), timeScale: 2, arrival: .burst(at: 0))
        sc.server.capacity = ServerCapacity(workers: 8)
        let simulated = await Simulator(scenario: sc).run().strategies[0].metrics
        let live = try await LiveRunner(scenario: sc).run().strategies[0].metrics
        #expect(live.detected == 200 && simulated.detected == 200)
        let polls = (Double(live.requests) / 200, Double(simulated.requests) / 200)
        #expect(abs(polls.0 - polls.1) <= 0.05 * polls.1, "polls per execution live \(polls.0), simulated \(polls.1)")
        let p99 = (Double(live.latency.value(atPercentile: 99)), Double(simulated.latency.value(atPercentile: 99)))
        #expect(simulated.latency.value(atPercentile: 99) > 900_000, "the herd queues about a second in the model")
        #expect(abs(p99.0 - p99.1) <= 0.25 * p99.1, "latency p99 live \(p99.0 / 1000) ms, simulated \(p99.1 / 1000) ms")
    }

    @Test func theServerForgetsEachExecutionItsClientIsDoneWith() async throws {
        // The soak's memory: an embedded server holds only the executions still polled.
        var held: [Int] = []
        let metrics = try await runAgainstServer(keys: [("pk", [.executionsRead])], clientKey: "pk", retire: true) { server in
            held.append(server.heldExecutions)
        }
        #expect(metrics.detected == 5)
        #expect(held == [0], "every execution was retired once detected")
        var kept: [Int] = []
        _ = try await runAgainstServer(keys: [("pk", [.executionsRead])], clientKey: "pk", retire: false) { server in
            kept.append(server.heldExecutions)
        }
        #expect(kept == [5], "without retire the five executions stay")
    }

    /// Runs one strategy against a server where `prepare` sets up keys and ids; `after`
    /// sees the server once the run is over.
    func runAgainstServer(
        keys: [(String, Set<APIScope>)], clientKey: String, unknownExecution: Bool = false,
        retire: Bool = false, after: (MockServer) -> Void = { _ in }
    ) async throws -> StrategyMetrics {
        let sc = scenario(executions: 5, duration: .fixed(s(4)), strategies: [StrategySpec(name: "f", kind: .fixed(interval: s(1)))])
        let clock = ScenarioClock(origin: .now + .milliseconds(100), timeScale: sc.timeScale)
        let server = try MockServer(configuration: MockServerConfiguration(scenario: sc), clock: clock)
        for (index, key) in keys.enumerated() { server.registerKey(key.0, scopes: key.1, index: index) }
        return try await withCurlTransport { transport in
            try await server.withRunning { baseURL in
                let target = LiveTarget(baseURL: baseURL, apiKeys: [clientKey], submit: { plan in
                    let id = server.register(plan, flowId: "flow_test")
                    return unknownExecution ? "exec_doesnotexist" : id
                }, retire: { id in if retire { server.retire(id) } })
                let run = LiveStrategyRun(scenario: sc, strategy: sc.strategies[0], target: target, clock: clock,
                                          transport: transport, limits: LiveLimits(), budget: RequestBudget(limit: nil), progress: nil)
                let metrics = await run.run().metrics
                after(server)
                return metrics
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
        // Polls after it died find nothing listening; one in flight at the moment may be cut off.
        #expect(metrics.failures[.connectionRefused] > 0)
        #expect(metrics.failedRequests == metrics.transportErrors, "\(metrics.failures.counts)")
        #expect(Conservation.violations(metrics, strategy: "f", partial: false).isEmpty, "\(Conservation.violations(metrics, strategy: "f", partial: false))")
    }

    @Test func simulationAndLiveAgreeWithPerKeyLimitsWhenTheRunSaysItIsFaithful() async throws {
        // The quickstart's shape at a small size, per-key token buckets only (no herds): a
        // hundred-odd requests per wall second at time scale 10. On a shared machine a
        // neighbour can still stall this process for tens of milliseconds, and then the run
        // must say it was saturated; the test then does what the warning tells a user to do
        // (a lower time scale). The contract checked: a run that does not call itself
        // saturated agrees with the simulation, and one of the scales gives such a run.
        // (At scale 20 a stall of a few milliseconds on the receiving side, which neither
        // send lateness nor the server's queue sees, moved the latency p99 by up to 34%; at
        // 10 it moved by under 3% in the runs measured.)
        let limits = [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 1), burst: 4))]
        var sc = scenario(
            executions: 150, duration: .lognormal(median: s(20), upper: s(90), z: Distribution.p95Z),
            strategies: [
                StrategySpec(name: "fixed-2s", kind: .fixed(interval: s(2))),
                StrategySpec(name: "expo", kind: .exponential(initial: s(2), multiplier: 1.5, max: s(30), jitter: .none)),
                StrategySpec(name: "decorrelated", kind: .decorrelatedJitter(base: s(2), max: s(30))),
            ],
            limits: limits, apiKeys: 10, latency: .lognormal(median: Time.milliseconds(50), upper: Time.milliseconds(400), z: Distribution.p99Z),
            timeScale: 20, arrival: .poisson(Rate(perSecond: 5))
        )
        var simulated = sc
        simulated.mode = .simulate
        let sim = await Simulator(scenario: simulated).run()
        var faithful: RunResult?
        var saturatedAt: [String] = []
        for timeScale in [10.0, 4.0] where faithful == nil {
            sc.timeScale = timeScale
            let live = try await LiveRunner(scenario: sc).run()
            #expect(!live.partial)
            let saturated = try live.strategies.filter { try #require($0.metrics.live?.saturation).isSaturated }
            if saturated.isEmpty {
                faithful = live
            } else {
                saturatedAt += saturated.map { "\(timeScale): \($0.name): \($0.metrics.live?.saturation?.reasons ?? [])" }
            }
        }
        let live = try #require(faithful, "every scale was saturated: \(saturatedAt)")
        for (a, b) in zip(sim.strategies, live.strategies) {
            let (m, l) = (a.metrics, b.metrics)
            #expect(abs(m.rate429 - l.rate429) <= 0.02, "\(a.name): 429 rate sim \(m.rate429) live \(l.rate429)")
            let polls = (m.meanPollsPerExecution, l.meanPollsPerExecution)
            #expect(abs(polls.0 - polls.1) / polls.0 <= 0.05, "\(a.name): polls/execution sim \(polls.0) live \(polls.1)")
            let latency = (Double(m.latency.value(atPercentile: 99)), Double(l.latency.value(atPercentile: 99)))
            #expect(abs(latency.0 - latency.1) / latency.0 <= 0.25, "\(a.name): latency p99 sim \(latency.0) live \(latency.1) us")
            #expect(l.failedRequests == 0 && l.detected == 150)
        }
    }

    @Test func simultaneousFirstPollsAllGetTheirAnswerAfterOneLatency() async throws {
        // 40 executions created at once poll at once (initial delay 0) against a latency of
        // 300 ms (scale 1): every first answer comes within the latency plus a margin, none
        // waits for another's (a client that waits for a connection to multiplex would
        // answer most of them after two latencies).
        var fast = StrategySpec(name: "fast", kind: .fixed(interval: s(1)))
        fast.initialDelay = 0
        let sc = scenario(executions: 40, duration: .fixed(Time.milliseconds(100)), strategies: [fast],
                          latency: .fixed(Time.milliseconds(300)), timeScale: 1, arrival: .burst(at: 0))
        let m = try await LiveRunner(scenario: sc).run().strategies[0].metrics
        #expect(m.requests == 80 && m.detected == 40)
        #expect(m.latency.max <= 450_000, "slowest answer \(m.latency.max) us for a latency of 300 ms")
        #expect(m.latency.min >= 299_000)
    }

    @Test func aStopLetsRequestsInFlightFinishAndCountsThem() async throws {
        // 20 executions poll at once against a latency of 400 ms (scale 1); the run is
        // stopped 100 ms after they started, with every first poll in flight. The stop
        // waits for those answers (within its 1 s grace), counts all 20, and ends every
        // execution as stopped: nothing in flight is lost, and the run ends promptly.
        var poller = StrategySpec(name: "f", kind: .fixed(interval: s(1)))
        poller.initialDelay = 0
        let sc = scenario(executions: 20, duration: .fixed(s(60)), strategies: [poller],
                          latency: .fixed(Time.milliseconds(400)), timeScale: 1, arrival: .burst(at: 0))
        let stop = StopSignal()
        let progress = LiveProgress()
        let stopper = Task {
            while progress.started < 20 { try await Task.sleep(for: .milliseconds(5)) }
            try await Task.sleep(for: .milliseconds(100))
            stop.request()
            return ContinuousClock.now
        }
        let result = try await LiveRunner(scenario: sc).run(progress: progress, stop: stop)
        let stoppedAt = try await stopper.value
        let afterStop = ContinuousClock.now - stoppedAt
        let m = result.strategies[0].metrics
        #expect(result.partial)
        #expect(m.requests == 20 && m.responses200 == 20, "requests \(m.requests), 200s \(m.responses200)")
        #expect(m.executions == 20 && m.stopped == 20)
        #expect(Conservation.violations(result).isEmpty, "\(Conservation.violations(result))")
        // The answers were due 300 ms after the stop; the grace would cut them at 1 s.
        #expect(afterStop < .milliseconds(900), "the run took \(afterStop) to end after the stop")
    }

    @Test func aConcurrencyLimitRejectsSimultaneousPollsAsTheModelDoes() async throws {
        // Four executions poll at once against a concurrency limit of 1 and a latency of
        // 500 ms: one is allowed, three get a 429 and come back with the strategy's 5 s (it
        // exceeds the Retry-After of 1 s), all four at once again; each round one gets
        // through: 4 + 4 + 3 + 2 + 1 requests and 3 + 3 + 2 + 1 429s, live exactly as simulated.
        var strategy = StrategySpec(name: "f", kind: .fixed(interval: s(5)))
        strategy.initialDelay = 0
        let limits = [RateLimitRule(scope: .apiKey, algorithm: .concurrency(limit: 1))]
        let sc = scenario(executions: 4, duration: .fixed(Time.milliseconds(200)), strategies: [strategy], limits: limits,
                          latency: .fixed(Time.milliseconds(500)), timeScale: 5, arrival: .burst(at: 0))
        var simulated = sc
        simulated.mode = .simulate
        let sim = await Simulator(scenario: simulated).run().strategies[0].metrics
        let live = try await LiveRunner(scenario: sc).run().strategies[0].metrics
        #expect(sim.requests == 14 && sim.responses429 == 9)
        #expect(live.requests == sim.requests && live.responses429 == sim.responses429, "live \(live.requests) requests, \(live.responses429) 429s")
    }

    @Test func aRunFarBeyondTheMachineIsReportedSaturated() async throws {
        // 3000 executions polling at once, every 100 ms of scenario time at scale 200: a
        // herd of 3000 requests in a few microseconds of wall time, against a modelled
        // latency of 10 ms (50 us of wall time). No machine serves that without queueing.
        var strategy = StrategySpec(name: "herd", kind: .fixed(interval: Time.milliseconds(100)))
        strategy.initialDelay = 0
        let sc = scenario(executions: 3000, duration: .fixed(s(2)), strategies: [strategy],
                          latency: .fixed(Time.milliseconds(10)), timeScale: 200, arrival: .burst(at: 0))
        let m = try await LiveRunner(scenario: sc).run().strategies[0].metrics
        let saturation = try #require(m.live?.saturation)
        #expect(saturation.isSaturated)
        #expect(saturation.causes.contains(.client) || saturation.causes.contains(.server))
        #expect(saturation.sendLatenessP99Ms > saturation.sendLatenessLimitMs || (saturation.serverQueueP99Ms ?? 0) > (saturation.serverQueueLimitMs ?? .infinity))
    }
}
