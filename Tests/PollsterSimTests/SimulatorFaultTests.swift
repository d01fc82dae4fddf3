import Testing
import PollsterCore
@testable import PollsterSim

/// `server.faults` and `server.rejection` in simulation, on cases DESIGN.md's semantics
/// fix exactly: one execution (D = 30 s) polled every second from 1 s, latency 0, so
/// without faults it sends 30 polls (1 s ... 30 s) and is detected at 30 s.
@Suite struct SimulatorFaultTests {
    let s = Time.seconds

    func run(_ faults: [ServerFault], executions: Int = 1, limits: [RateLimitRule] = [], rejection: RejectionStyle = .standard,
             interval: Nanoseconds = Time.seconds(1)) async -> StrategyMetrics {
        let scenario = Scenario(
            name: "faults", seed: 1,
            workload: Workload(executions: executions, arrival: .burst(at: 0), duration: .fixed(s(30))),
            server: ServerModel(latency: .fixed(0), rateLimits: limits, rejection: rejection, faults: faults),
            strategies: [StrategySpec(name: "f", kind: .fixed(interval: interval))],
            client: ClientPolicy(timeout: s(600))
        )
        return await Simulator(scenario: scenario).run().strategies[0].metrics
    }

    @Test func errorsInAWindowFailEveryPollSentInIt() async {
        // Polls at 10, 11, ..., 19 s fall in [10 s, 20 s): ten 502s; the loop goes on.
        let m = await run([ServerFault(.error(status: 502), window: FaultWindow(start: s(10), length: s(10)))])
        #expect(m.requests == 30 && m.responses5xx == 10 && m.responses200 == 20 && m.failures[.http5xx] == 10)
        #expect(m.detected == 1 && m.detectionLag.max == 0)
        #expect(m.timeSeries.failures[.http5xx]?.reduce(0, +) == 10)
    }

    @Test func anOutageResetsEveryPollAndNoLimitSeesIt() async {
        // A bucket of 20 tokens and no refill to speak of: the ten polls of the outage
        // take none, so the other twenty all pass.
        let bucket = RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 0.001), burst: 20))
        let m = await run([ServerFault(.outage, window: FaultWindow(start: s(10), length: s(10)))], limits: [bucket])
        #expect(m.requests == 30 && m.transportErrors == 10 && m.failures[.connectionReset] == 10 && m.responses429 == 0)
        #expect(m.responses200 == 20 && m.detected == 1)
    }

    @Test func aLatencySpikeDelaysTheAnswersAndThereforeThePolls() async {
        // Polls at 1 ... 9 s; from 10 s each answer takes 0.5 s more, so polls go out every
        // 1.5 s: 10, 11.5, ..., 19 s (seven); the answer at 19.5 s sends the next at 20.5 s;
        // then 21.5 ... 30.5 s, which sees the execution done: 27 polls, lag 0.5 s.
        let m = await run([ServerFault(.latencySpike(extra: Time.milliseconds(500)), window: FaultWindow(start: s(10), length: s(10)))])
        #expect(m.requests == 27 && m.detected == 1 && m.failedRequests == 0)
        #expect(m.latency.histogram.valuesAreEquivalent(m.latency.max, 500_000) && m.latency.count == 27)
        #expect(abs(m.latency.histogram.mean - 129_630) < 1_000, "mean \(m.latency.histogram.mean): seven of 27 answers 500 ms late")
        #expect(m.detectionLag.histogram.valuesAreEquivalent(m.detectionLag.max, 500_000))
    }

    @Test func unknownExecutionsEndAtTheirFirstPollAsErrors() async {
        let m = await run([ServerFault(.notFound(share: 1))], executions: 5)
        #expect(m.requests == 5 && m.errored == 5 && m.responsesOther4xx == 5 && m.failures[.otherStatus] == 5 && m.detected == 0)
        let none = await run([ServerFault(.notFound(share: 0))], executions: 5)
        #expect(none.errored == 0 && none.detected == 5)
    }

    @Test func resetsAndTruncatedBodiesAreTransportErrorsOfTheirKind() async {
        let resets = await run([ServerFault(.reset)])
        #expect(resets.transportErrors == 600 && resets.failures[.connectionReset] == 600 && resets.abandoned == 1,
                "every poll reset until the timeout (600 s)")
        let cut = await run([ServerFault(.truncated, window: FaultWindow(start: s(5), length: s(2)))])
        #expect(cut.requests == 30 && cut.failures[.malformedResponse] == 2 && cut.transportErrors == 2)
    }

    @Test func rejectionsWith503AreCountedAsRejections() async {
        // 2 tokens, refilled every 10 s, polls every second: most polls are rejected.
        let bucket = RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 0.1), burst: 2))
        let a = await run([], limits: [bucket])
        let b = await run([], limits: [bucket], rejection: RejectionStyle(status: 503))
        #expect(a.responses429 > 0 && a == b, "the status a server rejects with changes nothing else")
        // Without Retry-After, honoring clients keep their own 1 s delay.
        let c = await run([], limits: [bucket], rejection: RejectionStyle(retryAfter: .none))
        #expect(c.requests >= 30 && a.requests < 30, "without Retry-After \(c.requests), with \(a.requests)")
    }
}
