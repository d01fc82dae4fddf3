import Testing
import PollsterCore
@testable import PollsterSim

/// The strategies whose executions share state per API key (adaptive, budgeted,
/// headerPaced, presets), simulated: what each promises, with fixed seeds.
@Suite struct SharedKeyStrategyTests {
    static let s = Time.seconds

    /// 200 executions on one key, all running for the whole run (5-6 minutes), each
    /// wanting a poll every 500 ms (400/s) against a bucket of 10/s, burst 20: a saturated key.
    static func saturated(_ strategy: StrategySpec, limits: [RateLimitRule]? = nil, rejection: RejectionStyle = .standard) -> Scenario {
        Scenario(
            name: "saturated", seed: 3,
            workload: Workload(executions: 200, arrival: .poisson(Rate(perSecond: 50)), duration: .uniform(min: s(300), max: s(360))),
            server: ServerModel(latency: .uniform(min: Time.milliseconds(20), max: Time.milliseconds(60)),
                                rateLimits: limits ?? [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 10), burst: 20))],
                                rejection: rejection),
            strategies: [strategy],
            client: ClientPolicy(timeout: s(900), retryAfter: .ignore)
        )
    }

    static func adaptive(_ control: SendRateControl) -> StrategySpec {
        var spec = StrategySpec(name: "adaptive", kind: .fixed(interval: Time.milliseconds(500)))
        spec.keyClient.gate = control
        return spec
    }

    /// Requests per second sent from 60 s to 300 s (after the controller has settled, while
    /// every execution is still running).
    static func steadyRate(_ m: StrategyMetrics) -> Double {
        let perBucket = Double(m.timeSeries.bucket) / 1e9
        let from = Int(60 / perBucket), to = Int(300 / perBucket)
        return Double(m.timeSeries.requests[from..<to].reduce(0, +)) / 240
    }

    @Test(arguments: ["aimd", "cubic"])
    func adaptiveConvergesOnASaturatedKeysBucketRate(_ control: String) async {
        let gate: SendRateControl = control == "aimd" ? .aimd(AIMDParameters()) : .cubic(CubicParameters())
        let m = await Simulator(scenario: Self.saturated(Self.adaptive(gate))).run().strategies[0].metrics
        let rate = Self.steadyRate(m)
        #expect(abs(rate - 10) <= 1, "\(control): \(rate) requests/s against a 10/s bucket")
        // Without the gate the same clients send 400/s.
        let plain = await Simulator(scenario: Self.saturated(StrategySpec(name: "plain", kind: .fixed(interval: Time.milliseconds(500)))))
            .run().strategies[0].metrics
        #expect(Self.steadyRate(plain) > 300)
    }

    /// A fixed window of 100 per 10 s that sends its headers, 200 executions arriving at 2/s
    /// and running 200-260 s, each wanting a poll every 2 s: pacing by the headers keeps the
    /// 429 rate under 1% and uses the quota, where the same clients without it are mostly
    /// rejected.
    @Test(arguments: [RejectionStyle.HeaderFamily.ietf, .xRateLimit])
    func headerPacedStaysWithinAFixedWindowThatSendsItsHeaders(_ family: RejectionStyle.HeaderFamily) async {
        func scenario(_ spec: StrategySpec, headers: [RejectionStyle.HeaderFamily]) -> Scenario {
            var scenario = Self.saturated(spec, limits: [RateLimitRule(scope: .apiKey, algorithm: .fixedWindow(limit: 100, window: Self.s(10)))],
                                          rejection: RejectionStyle(headers: headers))
            scenario.workload.arrival = .poisson(Rate(perSecond: 2))
            scenario.workload.duration = .uniform(min: Self.s(200), max: Self.s(260))
            scenario.report.bucket = Self.s(10)
            return scenario
        }
        var spec = StrategySpec(name: "paced", kind: .fixed(interval: Self.s(2)))
        spec.keyClient.headerPacing = true
        let m = await Simulator(scenario: scenario(spec, headers: [family])).run().strategies[0].metrics
        #expect(m.rate429 < 0.01, "\(family): 429 rate \(m.rate429) over \(m.requests) requests")
        #expect(m.detected == 200)
        // The quota is used, not wasted: from 110 s to 200 s (every execution running),
        // at least 90 of the 100 requests each window allows.
        let used = m.timeSeries.requests[11..<20].reduce(0, +)
        #expect(used >= 810, "\(used) requests in nine windows of 100")
        let plain = StrategySpec(name: "plain", kind: .fixed(interval: Self.s(2)))
        let unpaced = await Simulator(scenario: scenario(plain, headers: [family])).run().strategies[0].metrics
        #expect(unpaced.rate429 > 0.5)
        // Without headers there is nothing to pace by: the base strategy's polls.
        let blind = await Simulator(scenario: scenario(spec, headers: [])).run().strategies[0].metrics
        #expect(blind.requests == unpaced.requests)
    }

    /// A key that rejects nearly every poll. With a budget of 20 that successes barely
    /// refill, retries stop once the 20 are spent: every rejection is followed by a skipped
    /// turn and then a fresh poll, so about half as many requests as without a budget. With
    /// a budget that each success refills by 1, retries resume as successes come in.
    @Test func aRetryBudgetStopsRetriesWhenSpentAndResumesAsSuccessesRefillIt() async {
        func budgeted(_ deposit: Double) -> StrategySpec {
            var spec = StrategySpec(name: "budgeted", kind: .fixed(interval: Time.milliseconds(500)))
            spec.keyClient.budget = RetryBudgetPolicy(capacity: 20, deposit: deposit, cost: 1)
            return spec
        }
        let plain = await Simulator(scenario: Self.saturated(StrategySpec(name: "plain", kind: .fixed(interval: Time.milliseconds(500)))))
            .run().strategies[0].metrics
        let spent = await Simulator(scenario: Self.saturated(budgeted(0.0001))).run().strategies[0].metrics
        let refilled = await Simulator(scenario: Self.saturated(budgeted(1))).run().strategies[0].metrics
        #expect(plain.rate429 > 0.95)
        let share = Double(spent.requests) / Double(plain.requests)
        #expect(share > 0.45 && share < 0.56, "requests with a spent budget: \(spent.requests) of \(plain.requests) (\(share))")
        // Refilled by about 10 successes a second over 5 minutes, it pays for on the order
        // of a thousand more retries.
        #expect(refilled.requests > spent.requests + 1000, "refilled \(refilled.requests) vs spent \(spent.requests)")
        #expect(spent.detected == 200 && refilled.detected == 200)
    }

    @Test func presetsAndWrappersRunDeterministically() async {
        let scenario = Scenario(
            name: "presets", seed: 9,
            workload: Workload(executions: 150, arrival: .poisson(Rate(perSecond: 1)), duration: .uniform(min: Self.s(10), max: Self.s(120)), apiKeys: 2),
            server: ServerModel(latency: .fixed(Time.milliseconds(40)),
                                rateLimits: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 3), burst: 6))]),
            strategies: StrategyPreset.allCases.map { $0.spec(name: $0.rawValue) },
            client: ClientPolicy(timeout: Self.s(900))
        )
        let a = await Simulator(scenario: scenario).run()
        let b = await Simulator(scenario: scenario, jobs: 1).run()
        for (x, y) in zip(a.strategies, b.strategies) {
            #expect(x.metrics == y.metrics, "\(x.name)")
            #expect(x.metrics.detected + x.metrics.abandoned + x.metrics.errored == 150, "\(x.name)")
        }
    }
}
