import Testing
import PollsterCore
@testable import PollsterSim

/// `--split-global`: a run whose global limit couples the keys, split by key anyway with
/// an equal share of the limit per shard; marked as an approximation.
@Suite struct SplitGlobalTests {
    let s = Time.seconds

    func scenario(globalRate: Double) -> Scenario {
        Scenario(
            name: "split", seed: 2,
            workload: Workload(executions: 4000, arrival: .poisson(Rate(perSecond: 40)),
                               duration: .lognormal(median: s(20), upper: s(60), z: Distribution.p95Z), apiKeys: 40),
            server: ServerModel(latency: .fixed(Time.milliseconds(30)), rateLimits: [
                RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 2), burst: 4)),
                RateLimitRule(scope: .global, algorithm: .tokenBucket(rate: Rate(perSecond: globalRate), burst: 40)),
            ]),
            strategies: [StrategySpec(name: "expo", kind: .exponential(initial: s(1), multiplier: 1.5, max: s(20), jitter: .full))]
        )
    }

    @Test func theSharesAddUpToTheWholeLimit() {
        let split = KeyShard.splittingGlobal(scenario(globalRate: 90), into: 3)
        #expect(split.server.rateLimits[0] == scenario(globalRate: 90).server.rateLimits[0], "per-key limits are untouched")
        #expect(split.server.rateLimits[1].algorithm == .tokenBucket(rate: Rate(perSecond: 30), burst: 13))
        var capacity = scenario(globalRate: 90)
        capacity.server.capacity = ServerCapacity(workers: 8, queue: 2)
        #expect(KeyShard.splittingGlobal(capacity, into: 4).server.capacity == ServerCapacity(workers: 2, queue: 1))
    }

    @Test func aCoupledRunSplitsOnlyWhenAskedAndSaysItIsAnApproximation() async {
        let coupled = scenario(globalRate: 60)
        let whole = await Simulator(scenario: coupled, keyShards: 4).run()
        #expect(whole.scenario.splitGlobal == nil, "coupled keys stay in one piece by default")
        let split = await Simulator(scenario: coupled, keyShards: 4, splitGlobal: true).run()
        #expect(split.scenario.splitGlobal == 4)
        let (a, b) = (whole.strategies[0].metrics, split.strategies[0].metrics)
        #expect(a.executions == b.executions && a.detected == b.detected)
        // The same load against the same total limit: close, not equal.
        #expect(abs(a.rate429 - b.rate429) < 0.03 && a.rate429 > 0.05, "429 rate whole \(a.rate429), split \(b.rate429)")
        #expect(abs(a.meanPollsPerExecution - b.meanPollsPerExecution) / a.meanPollsPerExecution < 0.05)
    }

    @Test func aLimitThatNeverBindsSplitsExactly() async {
        // A global limit far above the load rejects nothing, split or not.
        let loose = scenario(globalRate: 100_000)
        let whole = await Simulator(scenario: loose, keyShards: 1).run().strategies[0].metrics
        let split = await Simulator(scenario: loose, keyShards: 4, splitGlobal: true).run().strategies[0].metrics
        #expect(whole == split)
    }
}
