import Foundation
import Testing
import PollsterCore
import PollsterReport
@testable import PollsterSim

@Suite struct SimulatorDeterminismTests {
    static func scenario(seed: UInt64) -> Scenario {
        let s = Time.seconds
        return Scenario(
            name: "determinism", seed: seed,
            workload: Workload(
                executions: 3000, arrival: .poisson(Rate(perSecond: 20)),
                duration: .lognormal(median: s(20), upper: s(90), z: Distribution.p95Z),
                outcomes: OutcomeMix(completed: 0.9, failed: 0.08, cancelled: 0.02), apiKeys: 10
            ),
            server: ServerModel(
                latency: .lognormal(median: Time.milliseconds(40), upper: Time.milliseconds(250), z: Distribution.p99Z),
                rateLimits: [
                    RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 3), burst: 6)),
                    RateLimitRule(scope: .global, algorithm: .slidingWindowCounter(limit: 1500, window: s(60))),
                ]
            ),
            strategies: [
                StrategySpec(name: "fixed-2s", kind: .fixed(interval: s(2))),
                StrategySpec(name: "full-jitter", kind: .exponential(initial: s(2), multiplier: 2, max: s(30), jitter: .full)),
                StrategySpec(name: "decorrelated", kind: .decorrelatedJitter(base: s(2), max: s(30))),
                StrategySpec(name: "docs", kind: .recommended),
            ]
        )
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentBytes() async throws {
        let a = await Simulator(scenario: Self.scenario(seed: 42)).run()
        let b = await Simulator(scenario: Self.scenario(seed: 42), jobs: 1).run()
        let c = await Simulator(scenario: Self.scenario(seed: 43)).run()
        #expect(try ResultsJSON.encode(a) == ResultsJSON.encode(b))
        #expect(SummaryCSV.render(a) == SummaryCSV.render(b))
        #expect(try ResultsJSON.encode(a) != ResultsJSON.encode(c))
        #expect(SummaryCSV.render(a) != SummaryCSV.render(c))
        #expect(!a.partial)
    }

    @Test func resultsRoundTripThroughJSON() async throws {
        let result = await Simulator(scenario: Self.scenario(seed: 7)).run()
        let decoded = try ResultsJSON.decode(ResultsJSON.encode(result))
        #expect(decoded == result)
        #expect(SummaryCSV.render(decoded) == SummaryCSV.render(result))
    }

    @Test func strategiesSeeTheSameExecutions() async {
        let result = await Simulator(scenario: Self.scenario(seed: 5)).run()
        // Common random numbers: every strategy got all 3000 executions, and the same
        // outcomes, so only polling differs.
        #expect(result.strategies.allSatisfy { $0.metrics.executions == 3000 })
        #expect(result.strategies.allSatisfy { $0.metrics.detected + $0.metrics.abandoned == 3000 })
    }

    @Test func replicationsMergeEveryRun() async {
        let one = await Simulator(scenario: Self.scenario(seed: 9)).run()
        let three = await Simulator(scenario: Self.scenario(seed: 9), replications: 3).run()
        #expect(three.replications == 3)
        #expect(three.strategies[0].metrics.executions == 9000)
        #expect(three.strategies[0].metrics.requests > 2 * one.strategies[0].metrics.requests)
        // Complete runs and merged replications balance every law.
        #expect(Conservation.violations(one).isEmpty && Conservation.violations(three).isEmpty, "\(Conservation.violations(three))")
    }

    @Test func cancellationIsPromptAndGivesAPartialResult() async {
        // 100,000,000 executions per strategy (memory holds only those in flight), five
        // strategies on two jobs, the first the webhook baseline (admissions only, no
        // polls, some 40 ns each): cancelled after 200 ms, the run
        // returns at once with what was simulated; strategies that had not started report
        // no executions at all (the report does not rank them).
        var big = Self.scenario(seed: 1)
        big.workload.executions = 100_000_000
        big.strategies.insert(StrategySpec(name: "hook", kind: .webhook(delivery: .fixed(Time.milliseconds(100)))), at: 0)
        let task = Task { await Simulator(scenario: big, jobs: 2).run() }
        // The simulations take both of the pool's threads on two cores: this task wakes
        // from its sleep only because they yield their thread every slice of steps.
        let started = ContinuousClock.now
        try? await Task.sleep(for: .milliseconds(200))
        #expect(ContinuousClock.now - started < .seconds(2), "the sleeping task got no thread for \(ContinuousClock.now - started)")
        let cancelledAt = ContinuousClock.now
        task.cancel()
        let result = await task.value
        let stopping = ContinuousClock.now - cancelledAt
        #expect(result.partial)
        let executions = result.strategies.map(\.metrics.executions)
        #expect(executions.allSatisfy { $0 < 100_000_000 }, "\(executions)")
        #expect(executions[0] > 0 && executions[1] > 0, "the first two strategies were running: \(executions)")
        #expect(executions[2...].allSatisfy { $0 == 0 }, "the others never started: \(executions)")
        // The executions still polling at the stop are counted as stopped: the endings add up.
        #expect(result.strategies[1].metrics.stopped > 0)
        #expect(Conservation.violations(result).isEmpty, "\(Conservation.violations(result))")
        // A liveness bound, not a speed target: generous for a debug build on a busy machine
        // (the engine checks every 16,384 steps; before, a webhook strategy never checked).
        #expect(stopping < .seconds(2), "the run took \(stopping) to stop")
    }

    @Test func shardsByKeyMergeIntoExactlyTheUnshardedRun() async throws {
        // Per-key limits only (a token bucket and a concurrency limit): keys are independent.
        var sc = Self.scenario(seed: 11)
        sc.workload.executions = 1500
        sc.server.rateLimits = [
            RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 3), burst: 6)),
            RateLimitRule(scope: .apiKey, algorithm: .concurrency(limit: 4)),
        ]
        #expect(KeyShard.couplingReason(sc) == nil)
        let whole = await Simulator(scenario: sc, jobs: 1, keyShards: 1).run()
        for shards in [2, 3, 7] {
            let split = await Simulator(scenario: sc, jobs: 2, keyShards: shards).run()
            #expect(SummaryCSV.render(split) == SummaryCSV.render(whole), "\(shards) shards: summary.csv")
            #expect(try ResultsJSON.encode(split) == ResultsJSON.encode(whole), "\(shards) shards: results.json")
        }
        // A global limit couples the keys: the run stays in one piece, whatever is asked.
        #expect(KeyShard.couplingReason(Self.scenario(seed: 11)) == "a global rate limit couples the API keys")
        #expect(KeyShard.count(for: sc, simulations: 1, jobs: 2) == 2)
        #expect(KeyShard.count(for: sc, simulations: 4, jobs: 2) == 1)
    }
}
