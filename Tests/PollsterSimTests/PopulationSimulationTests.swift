import Testing
import PollsterCore
@testable import PollsterSim

/// `population:` in simulation: members share the keys and the server, and each is
/// reported within the mix.
@Suite struct PopulationSimulationTests {
    static let s = Time.seconds

    static func scenario(_ strategies: [StrategySpec], shares: [Double], rate: Double = 6) -> Scenario {
        Scenario(
            name: "mix", seed: 4,
            workload: Workload(executions: 600, arrival: .poisson(Rate(perSecond: 4)), duration: .uniform(min: s(10), max: s(90)), apiKeys: 3),
            server: ServerModel(latency: .uniform(min: Time.milliseconds(20), max: Time.milliseconds(80)),
                                rateLimits: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: rate), burst: 2 * Int(rate)))]),
            strategies: strategies,
            client: ClientPolicy(timeout: s(600)),
            population: Population(members: zip(strategies, shares).map { Population.Member(strategy: $0.name, share: $1) })
        )
    }

    /// Two members that poll alike make the same requests at the same instants as one
    /// strategy alone: their parts add up exactly to the strategy's run (every counter
    /// and every histogram), and each part has the executions its draw gave it.
    @Test func aPopulationsPartsAddUpToTheWhole() async {
        let a = StrategySpec(name: "a", kind: .exponential(initial: Self.s(1), multiplier: 1.5, max: Self.s(20), jitter: .full))
        var b = a
        b.name = "b"
        let scenario = Self.scenario([a, b], shares: [0.7, 0.3])
        let result = await Simulator(scenario: scenario).run()
        #expect(result.strategies.map(\.name) == ["a", "b", "a@mix", "b@mix"])
        let alone = result.strategies[0].metrics
        var whole = StrategyMetrics(bucket: alone.timeSeries.bucket)
        whole.add(result.strategies[2].metrics)
        whole.add(result.strategies[3].metrics)
        #expect(whole.executions == 600 && alone.executions == 600)
        #expect(whole.requests == alone.requests && whole.responses429 == alone.responses429 && whole.responses200 == alone.responses200)
        #expect(whole.detected == alone.detected && whole.abandoned == alone.abandoned && whole.errored == alone.errored)
        #expect(whole.detectionLag == alone.detectionLag && whole.latency == alone.latency && whole.pollsPerExecution == alone.pollsPerExecution)
        #expect(whole.timeSeries.requests == alone.timeSeries.requests && whole.timeSeries.rateLimited == alone.timeSeries.rateLimited)
        let population = scenario.population!
        let bShare = (0..<600).filter { population.member(seed: 4, index: $0) == 1 }.count
        #expect(result.strategies[3].metrics.executions == bShare)
        #expect(abs(bShare - 180) < 40)
    }

    /// One aggressive member costs the others: about 67 executions per key polling every
    /// 3 s fit a bucket of 30/s; with a fifth of them polling every 500 ms instead, the
    /// well-behaved rest meets 429s it does not meet alone.
    @Test func anAggressiveMemberCostsTheOthers() async {
        let calm = StrategySpec(name: "calm", kind: .fixed(interval: Self.s(3)))
        let eager = StrategySpec(name: "eager", kind: .fixed(interval: Time.milliseconds(500)))
        let result = await Simulator(scenario: Self.scenario([calm, eager], shares: [0.8, 0.2], rate: 30)).run()
        let alone = result.strategies[0].metrics, mixed = result.strategies[2].metrics
        #expect(alone.rate429 < 0.02, "calm alone: \(alone.rate429)")
        #expect(mixed.rate429 > alone.rate429 + 0.05, "calm in the mix: \(mixed.rate429), alone: \(alone.rate429)")
        // Deterministic: the same run twice, in any number of jobs.
        let again = await Simulator(scenario: Self.scenario([calm, eager], shares: [0.8, 0.2], rate: 30), jobs: 1).run()
        #expect(again.strategies.map(\.metrics) == result.strategies.map(\.metrics))
    }
}
