import Foundation
import Testing
import PollsterCore
@testable import PollsterSim

/// The simulator against results DESIGN.md's semantics fix in closed form.
@Suite struct SimulatorAnalyticTests {
    let s = Time.seconds

    func scenario(
        executions: Int, arrival: ArrivalProcess, duration: Nanoseconds, strategies: [StrategySpec],
        limits: [RateLimitRule] = [], apiKeys: Int = 1, timeout: Nanoseconds = Time.seconds(600),
        retryAfter: ClientPolicy.RetryAfter = .honor, seed: UInt64 = 1
    ) -> Scenario {
        Scenario(
            name: "analytic", seed: seed,
            workload: Workload(executions: executions, arrival: arrival, duration: .fixed(duration), apiKeys: apiKeys),
            server: ServerModel(latency: .fixed(0), rateLimits: limits),
            strategies: strategies,
            client: ClientPolicy(timeout: timeout, retryAfter: retryAfter)
        )
    }

    @Test func aHerdQueuesOnTheServersWorkers() async {
        // Ten executions at 0, first polled at 1 s, one worker, 100 ms of service each: the
        // answers come at 1.1, 1.2, ... 2.0 s, and each finds its execution (D = 0.5 s) done.
        var sc = scenario(executions: 10, arrival: .burst(at: 0), duration: s(0.5),
                          strategies: [StrategySpec(name: "f", kind: .fixed(interval: s(1)))])
        sc.server = ServerModel(latency: .fixed(Time.milliseconds(100)), capacity: ServerCapacity(workers: 1))
        let m = await Simulator(scenario: sc).run().strategies[0].metrics
        #expect(m.requests == 10 && m.detected == 10 && m.responses5xx == 0)
        // HdrHistogram keeps 3 significant digits: the recorded values are equivalent to the exact ones.
        #expect(m.latency.histogram.valuesAreEquivalent(m.latency.min, 100_000) && m.latency.histogram.valuesAreEquivalent(m.latency.max, 1_000_000))
        #expect(m.detectionLag.histogram.valuesAreEquivalent(m.detectionLag.min, 600_000)
                && m.detectionLag.histogram.valuesAreEquivalent(m.detectionLag.max, 1_500_000))
        #expect(m.latency.count == 10 && m.latency.histogram.mean > 540_000 && m.latency.histogram.mean < 560_000, "mean of 0.1 ... 1.0 s")
        // A queue of 3: one served, three wait, six are answered 503 and poll again at 2.1 s
        // (after their 100 ms), when the worker is free again for one of them.
        sc.server.capacity = ServerCapacity(workers: 1, queue: 3)
        let bounded = await Simulator(scenario: sc).run().strategies[0].metrics
        #expect(bounded.responses5xx > 0 && bounded.failures[.http5xx] == bounded.responses5xx)
        #expect(bounded.detected == 10 && bounded.requests == 10 + bounded.responses5xx)
        #expect(Conservation.violations(bounded, strategy: "f", partial: false).isEmpty)
    }

    struct FixedCase: Sendable { var interval: Double; var duration: Double }

    @Test(arguments: [
        FixedCase(interval: 3, duration: 10), FixedCase(interval: 2, duration: 10),
        FixedCase(interval: 0.7, duration: 13.3), FixedCase(interval: 5, duration: 1),
    ])
    func fixedIntervalPollsAndLag(_ c: FixedCase) async {
        let T = s(c.interval), D = s(c.duration)
        let strategy = StrategySpec(name: "fixed", kind: .fixed(interval: T), initialDelay: T)
        let result = await Simulator(scenario: scenario(executions: 500, arrival: .poisson(Rate(perSecond: 3)), duration: D, strategies: [strategy])).run()
        let m = result.strategies[0].metrics
        let polls = Int((Double(D) / Double(T)).rounded(.up))
        let lagMicros = UInt64((Nanoseconds(polls) * T - D) / 1000)
        // Every execution: exactly ceil(D/T) polls and a lag of ceil(D/T)*T - D.
        #expect(m.requests == 500 * polls)
        #expect(m.pollsPerExecution.min == UInt64(polls) && m.pollsPerExecution.max == UInt64(polls))
        #expect(m.detected == 500)
        #expect(m.detectionLag.min == m.detectionLag.max)
        #expect(m.detectionLag.histogram.valuesAreEquivalent(m.detectionLag.max, lagMicros))
        #expect(m.abandoned == 0 && m.responses429 == 0)
    }

    @Test func exponentialPollCountMatchesTheClosedForm() async {
        // Poll times I, I + v_1, I + v_1 + v_2, ... with v_k = I m^(k-1): s_n = I + I (m^n - 1)/(m - 1).
        // Polls = 1 + min n with s_n >= D = 1 + ceil(log_m(1 + (D/I - 1)(m - 1))).
        for (initial, multiplier, duration) in [(1.0, 2.0, 100.0), (2.0, 1.5, 45.0), (0.5, 3.0, 1000.0)] {
            let strategy = StrategySpec(name: "expo", kind: .exponential(initial: s(initial), multiplier: multiplier, max: s(1e6), jitter: .none))
            let result = await Simulator(scenario: scenario(executions: 10, arrival: .uniform(Rate(perSecond: 1)), duration: s(duration), strategies: [strategy], timeout: s(1e6))).run()
            let n = (log(1 + (duration / initial - 1) * (multiplier - 1)) / log(multiplier)).rounded(.up)
            let expected = Int(n) + 1
            let m = result.strategies[0].metrics
            #expect(m.requests == 10 * expected, "I=\(initial) m=\(multiplier) D=\(duration)")
            let lastSend = initial + initial * (pow(multiplier, n) - 1) / (multiplier - 1)
            // HdrHistogram keeps 3 significant digits: the recorded lag is equivalent to the exact one.
            #expect(m.detectionLag.histogram.valuesAreEquivalent(m.detectionLag.max, UInt64(((lastSend - duration) * 1e6).rounded())))
        }
    }

    @Test(arguments: [(100, 1.0, 50.0), (200, 2.0, 40.0), (60, 1.0, 45.0)])
    func tokenBucketLongRun429Rate(clients: Int, interval: Double, rate: Double) async {
        // N clients polling every T forever against a bucket of rate r (N/T > r): 429 rate -> 1 - rT/N.
        let strategy = StrategySpec(name: "fixed", kind: .fixed(interval: s(interval)))
        let limits = [RateLimitRule(scope: .global, algorithm: .tokenBucket(rate: Rate(perSecond: rate), burst: 5))]
        let scenario = scenario(
            executions: clients, arrival: .uniform(Rate(perSecond: Double(clients) / interval)),
            duration: s(2000), strategies: [strategy], limits: limits, timeout: s(1e6), retryAfter: .ignore
        )
        let m = await Simulator(scenario: scenario).run().strategies[0].metrics
        let expected = 1 - rate * interval / Double(clients)
        #expect(abs(m.rate429 - expected) < 0.01, "429 rate \(m.rate429), analytic \(expected)")
    }

    @Test func timeoutAbandonsExecutions() async {
        let strategy = StrategySpec(name: "fixed", kind: .fixed(interval: s(10)))
        // Polls at 10, 20, ..., 60 s; the 7th would go at 70 s > 65 s: abandoned after 6 polls.
        let result = await Simulator(scenario: scenario(executions: 20, arrival: .burst(at: 0), duration: s(300), strategies: [strategy], timeout: s(65))).run()
        let m = result.strategies[0].metrics
        #expect(m.abandoned == 20 && m.detected == 0 && m.requests == 120)
    }

    @Test func retryAfterIsHonored() async {
        // One key, bucket 1/s burst 1, two executions polling every 100 ms from the same instant.
        let strategy = StrategySpec(name: "fast", kind: .fixed(interval: s(0.1)))
        let limits = [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 1), burst: 1))]
        let honor = await Simulator(scenario: scenario(executions: 2, arrival: .burst(at: 0), duration: s(20), strategies: [strategy], limits: limits, retryAfter: .honor)).run()
        let ignore = await Simulator(scenario: scenario(executions: 2, arrival: .burst(at: 0), duration: s(20), strategies: [strategy], limits: limits, retryAfter: .ignore)).run()
        // Ignoring Retry-After, every 100 ms poll that finds no token is a 429: ~10x more requests.
        #expect(ignore.strategies[0].metrics.requests > 5 * honor.strategies[0].metrics.requests)
        #expect(honor.strategies[0].metrics.rate429 < ignore.strategies[0].metrics.rate429)
    }

    @Test func webhookBaselineSendsNoPolls() async {
        let strategy = StrategySpec(name: "hook", kind: .webhook(delivery: .fixed(Time.milliseconds(200))))
        let m = await Simulator(scenario: scenario(executions: 30, arrival: .poisson(Rate(perSecond: 1)), duration: s(5), strategies: [strategy])).run().strategies[0].metrics
        #expect(m.requests == 0 && m.detected == 30)
        #expect(m.detectionLag.histogram.valuesAreEquivalent(m.detectionLag.min, 200_000))
        #expect(m.detectionLag.histogram.valuesAreEquivalent(m.detectionLag.max, 200_000))
    }

    @Test func concurrencyLimitCountsRequestsInFlight() async {
        // Latency 1 s, limit 2 in flight, 4 executions polling at the same instant: 2 pass, 2 get 429.
        var sc = scenario(executions: 4, arrival: .burst(at: 0), duration: s(0.5), strategies: [StrategySpec(name: "f", kind: .fixed(interval: s(1)))],
                          limits: [RateLimitRule(scope: .global, algorithm: .concurrency(limit: 2))], retryAfter: .ignore)
        sc.server.latency = .fixed(s(1))
        let m = await Simulator(scenario: sc).run().strategies[0].metrics
        // t=1: 2 allowed (see terminal), 2 denied; t=3 (1 s latency + 1 s delay): the 2 others, now allowed.
        #expect(m.requests == 6 && m.responses429 == 2 && m.detected == 4)
    }
}
