import Testing
@testable import PollsterCore

private let second = Time.nanosecondsPerSecond

@Suite struct RateLimitHeadersTests {
    static let rules = [
        RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 10), burst: 20)),
        RateLimitRule(scope: .global, algorithm: .slidingWindowCounter(limit: 2000, window: 60 * second)),
    ]

    @Test func policyFieldListsEveryRule() {
        #expect(RateLimitHeaders.policyField(for: Self.rules) == #""apikey";q=20;w=2, "global";q=2000;w=60"#)
        #expect(RateLimitHeaders.policyField(for: []) == "")
    }

    /// q and w per algorithm; token bucket w = ceil(burst / rate), computed exactly
    /// (3 / 0.1 is 30.000000000000004 in floating point, which would round up to 31).
    @Test(arguments: [
        (RateLimitAlgorithm.tokenBucket(rate: Rate(perSecond: 10), burst: 20), "q=20;w=2"),
        (.gcra(rate: Rate(perSecond: 3), burst: 5), "q=5;w=2"),
        (.tokenBucket(rate: Rate(perSecond: 0.1), burst: 3), "q=3;w=30"),
        (.tokenBucket(rate: .perMinute(10), burst: 1), "q=1;w=6"),
        (.fixedWindow(limit: 100, window: 60 * second), "q=100;w=60"),
        (.slidingWindowLog(limit: 5, window: 1_500_000_000), "q=5;w=2"),
        (.slidingWindowCounter(limit: 7, window: 3600 * second), "q=7;w=3600"),
        (.concurrency(limit: 8), "q=8"),
    ])
    func policyParameters(algorithm: RateLimitAlgorithm, expected: String) {
        #expect(RateLimitPolicy(algorithm).parameters == expected)
    }

    @Test func policyNamesStayUnique() {
        let names = RateLimitHeaders.policyNames(for: [
            RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 1), burst: 1)),
            RateLimitRule(scope: .apiKey, algorithm: .fixedWindow(limit: 1, window: second)),
            RateLimitRule(scope: .apiKey, algorithm: .fixedWindow(limit: 5, window: 60 * second)),
            RateLimitRule(scope: .global, algorithm: .concurrency(limit: 1)),
        ])
        #expect(names == ["apikey-tokenBucket", "apikey-fixedWindow", "apikey-fixedWindow-2", "global"])
    }

    @Test func deniedResponseCarriesRetryAfter() {
        var set = RateLimitSet(rules: Self.rules, apiKeys: 1)
        for _ in 0..<20 { #expect(set.decide(apiKey: 0, at: 0).allowed) }
        let fields = RateLimitHeaders.fields(for: set.decide(apiKey: 0, at: 0))
        #expect(fields.map(\.name) == ["Retry-After", "RateLimit-Policy", "RateLimit",
                                       "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"])
        // Empty bucket of 20 at 10/s: 1 token in 0.1 s (Retry-After 1), full in 2 s.
        #expect(fields.map(\.value) == ["1", #""apikey";q=20;w=2, "global";q=2000;w=60"#, #""apikey";r=0;t=2"#,
                                        "20", "0", "2"])
    }

    @Test func allowedResponseHasNoRetryAfter() {
        var set = RateLimitSet(rules: Self.rules, apiKeys: 1)
        let fields = RateLimitHeaders.fields(for: set.decide(apiKey: 0, at: 0))
        #expect(!fields.contains { $0.name == "Retry-After" })
        // 19 of 20 tokens left (the global counter has 1999); 1 token refills in 0.1 s.
        #expect(fields.first { $0.name == "RateLimit" }?.value == #""apikey";r=19;t=1"#)
    }

    @Test func unlimitedHasNoFields() {
        #expect(RateLimitHeaders.fields(for: .unlimited).isEmpty)
    }

    @Test func parsesWhatTheServerWrites() {
        let decision = RateLimitDecision(allowed: false, retryAfter: 7, limit: 20, remaining: 0, reset: 9,
                                         policy: #""apikey";q=20;w=2, "global";q=2000;w=60"#, policyName: "global")
        let parsed = RateLimitHeaders.parse(RateLimitHeaders.fields(for: decision))
        // The RateLimit member names "global", so the limit is global's q, not X-RateLimit-Limit.
        #expect(parsed == RateLimitHeaders(retryAfter: 7, limit: 2000, remaining: 0, reset: 9))
    }

    @Test func picksTheMemberWithFewestRemaining() {
        let parsed = RateLimitHeaders.parse([
            (name: "ratelimit-policy", value: #""burst";q=100;w=60, "day";q=1000;w=86400"#),
            (name: "RATELIMIT", value: #""burst";r=40;t=30, "day";r=5;t=600"#),
        ])
        #expect(parsed == RateLimitHeaders(retryAfter: nil, limit: 1000, remaining: 5, reset: 600))
    }

    @Test func readsListsSplitOverFieldLines() {
        let parsed = RateLimitHeaders.parse([
            (name: "RateLimit", value: #""a";r=4;t=1"#),
            (name: "RateLimit", value: #"b;r=2;t=8"#),
        ])
        #expect(parsed.remaining == 2)
        #expect(parsed.reset == 8)
    }

    @Test func fallsBackToOlderAndVendorFields() {
        let legacy = RateLimitHeaders.parse([
            (name: "RateLimit", value: "limit=10, remaining=4, reset=3"),
        ])
        #expect(legacy == RateLimitHeaders(retryAfter: nil, limit: 10, remaining: 4, reset: 3))
        let vendor = RateLimitHeaders.parse([
            (name: "Retry-After", value: " 12 "),
            (name: "X-RateLimit-Limit", value: "100, 100;w=60"),
            (name: "X-RateLimit-Remaining", value: "0"),
            (name: "X-RateLimit-Reset", value: "45"),
        ])
        #expect(vendor == RateLimitHeaders(retryAfter: 12, limit: 100, remaining: 0, reset: 45))
    }

    @Test func leavesOutWhatNeedsAClock() {
        let parsed = RateLimitHeaders.parse([
            (name: "Retry-After", value: "Wed, 21 Oct 2015 07:28:00 GMT"),
            (name: "X-RateLimit-Reset", value: "1735689600"),
            (name: "X-RateLimit-Remaining", value: "-1"),
        ])
        #expect(parsed == RateLimitHeaders())
    }
}
