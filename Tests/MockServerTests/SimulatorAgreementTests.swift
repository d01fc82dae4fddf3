@testable import MockServer
import PollsterCore
import Testing

/// The mock and the simulator share one rate-limiter implementation; these tests check
/// that the mock's request path reaches the same allow/deny decisions (and header values)
/// as a ``RateLimitSet`` fed the same request times directly.
struct SimulatorAgreementTests {
    static let ruleSets: [[RateLimitRule]] = [
        [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 2), burst: 3))],
        [RateLimitRule(scope: .apiKey, algorithm: .gcra(rate: Rate(perSecond: 5), burst: 2))],
        [RateLimitRule(scope: .global, algorithm: .fixedWindow(limit: 7, window: Time.seconds(1)))],
        [RateLimitRule(scope: .apiKey, algorithm: .slidingWindowLog(limit: 4, window: Time.seconds(2)))],
        [RateLimitRule(scope: .global, algorithm: .slidingWindowCounter(limit: 10, window: Time.seconds(3)))],
        [RateLimitRule(scope: .global, algorithm: .concurrency(limit: 3))],
        [
            RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 4), burst: 6)),
            RateLimitRule(scope: .global, algorithm: .slidingWindowCounter(limit: 20, window: Time.seconds(5))),
            RateLimitRule(scope: .global, algorithm: .concurrency(limit: 4)),
        ],
    ]

    @Test(arguments: ruleSets)
    func sameTimesSameDecisions(_ rules: [RateLimitRule]) {
        let api = ExecutionAPI(configuration: MockFixtures.configuration(rateLimits: rules), epoch: 0)
        let id = api.store.register(ExecutionPlan(index: 0, createdAt: 0, runTime: Time.seconds(3600)), flowId: "f")
        var reference = RateLimitSet(rules: rules, apiKeys: 4)
        let keys = [(MockFixtures.readWrite, 0), (MockFixtures.second, 3)]
        var rng = Xoshiro256StarStar(seed: 99)
        var time: Nanoseconds = 0
        // Requests in flight: (finish time, the mock's result, the key index).
        var inFlight: [(end: Nanoseconds, result: APIResult, key: Int)] = []
        var denials = 0
        for _ in 0..<3000 {
            time += Nanoseconds(rng.next() % 400_000_000)
            inFlight.sort { $0.end < $1.end }
            while let first = inFlight.first, first.end <= time {
                inFlight.removeFirst()
                api.release(first.result, at: first.end)
                reference.release(apiKey: first.key, at: first.end)
            }
            let (key, index) = keys[Int(rng.next() % 2)]
            let result = api.respond(to: APIRequest(.getExecution(id: id, include: []), apiKey: key[...]), at: time)
            let expected = reference.decide(apiKey: index, at: time)
            #expect(result.decision == expected)
            #expect((result.status == .tooManyRequests) == !expected.allowed)
            #expect(result.headers[.retryAfter] == (expected.allowed ? nil : String(expected.retryAfter)))
            if expected.allowed {
                inFlight.append((time + Nanoseconds(rng.next() % 900_000_000), result, index))
            } else {
                denials += 1
            }
        }
        #expect(denials > 0, "the sequence should exercise denials")
        #expect(denials < 3000, "and allowances")
    }
}
