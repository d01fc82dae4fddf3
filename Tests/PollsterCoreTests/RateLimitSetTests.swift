import Testing
@testable import PollsterCore

private let second = Time.nanosecondsPerSecond

@Suite struct RateLimitSetTests {
    @Test func noRulesIsUnlimited() {
        var set = RateLimitSet(rules: [], apiKeys: 4)
        #expect(set.decide(apiKey: 3, at: 0) == .unlimited)
        #expect(!set.hasConcurrencyLimit)
    }

    /// A per-key bucket (0.1/s, burst 2) under a global limit of 3 per 1 s window: when
    /// the global limit denies, the key's bucket keeps the token it would have spent.
    @Test func deniedRequestConsumesNothing() {
        var set = RateLimitSet(rules: [
            RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 0.1), burst: 2)),
            RateLimitRule(scope: .global, algorithm: .fixedWindow(limit: 3, window: second)),
        ], apiKeys: 2)
        #expect(set.decide(apiKey: 0, at: 0).allowed)   // key 0: 2 -> 1 tokens; window 1
        #expect(set.decide(apiKey: 1, at: 0).allowed)   // key 1: 2 -> 1; window 2
        #expect(set.decide(apiKey: 1, at: 0).allowed)   // key 1: 1 -> 0; window 3
        let denied = set.decide(apiKey: 0, at: 0)       // window full; key 0 still has 1 token
        #expect(!denied.allowed)
        #expect(denied.retryAfter == 1)                 // the window ends at 1 s
        // At 1 s key 0 holds 1 + 0.1 tokens; had the denial spent one, only 0.1.
        #expect(set.decide(apiKey: 0, at: second).allowed)
        let empty = set.decide(apiKey: 0, at: second)   // 0.1 tokens: ceil(0.9 / 0.1) = 9 s
        #expect(!empty.allowed)
        #expect(empty.retryAfter == 9)
        // Nor did the bucket's denial count in the global window: [1 s, 2 s) has used 1 of
        // 3, so a fresh key gets the other 2.
        #expect(set.decide(apiKey: 2, at: second).allowed)
        #expect(set.decide(apiKey: 2, at: second).allowed)
        #expect(!set.decide(apiKey: 2, at: second).allowed)
    }

    /// Per key 1 per 5 s and globally 1 per 30 s, both fixed windows: at 1 s both deny,
    /// with 4 s and 29 s to wait; the larger wins, whatever the rule order.
    @Test(arguments: [false, true]) func largestRetryAfterWins(reversed: Bool) {
        var rules = [
            RateLimitRule(scope: .apiKey, algorithm: .fixedWindow(limit: 1, window: 5 * second)),
            RateLimitRule(scope: .global, algorithm: .fixedWindow(limit: 1, window: 30 * second)),
        ]
        if reversed { rules.reverse() }
        var set = RateLimitSet(rules: rules, apiKeys: 1)
        #expect(set.decide(apiKey: 0, at: 0).allowed)
        let denied = set.decide(apiKey: 0, at: second)
        #expect(!denied.allowed)
        #expect(denied.retryAfter == 29)
        // At 5 s the key's window is fresh but the global one is not: 25 s to wait.
        #expect(set.decide(apiKey: 0, at: 5 * second).retryAfter == 25)
    }

    /// The headers' numbers come from the limiter with the fewest remaining.
    @Test func mostConstrainingLimiterIsReported() {
        var set = RateLimitSet(rules: [
            RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 10), burst: 10)),
            RateLimitRule(scope: .global, algorithm: .fixedWindow(limit: 3, window: 60 * second)),
        ], apiKeys: 1)
        let decision = set.decide(apiKey: 0, at: 0)     // bucket 9 left, window 2 left
        #expect(decision.limit == 3)
        #expect(decision.remaining == 2)
        #expect(decision.reset == 60)
        #expect(decision.policyName == "global")
        #expect(decision.policy == #""apikey";q=10;w=1, "global";q=3;w=60"#)
    }

    /// Equal remaining: the limiter whose quota takes longer to come back is reported.
    @Test(arguments: [false, true]) func tieGoesToTheLongestReset(reversed: Bool) {
        var rules = [
            RateLimitRule(scope: .apiKey, algorithm: .fixedWindow(limit: 2, window: 10 * second)),
            RateLimitRule(scope: .global, algorithm: .fixedWindow(limit: 2, window: 60 * second)),
        ]
        if reversed { rules.reverse() }
        var set = RateLimitSet(rules: rules, apiKeys: 1)
        let decision = set.decide(apiKey: 0, at: 0)     // both 1 remaining; resets 10 and 60
        #expect(decision.remaining == 1)
        #expect(decision.reset == 60)
        #expect(decision.policyName == "global")
    }

    @Test func keysAreIsolatedAndGrowOnDemand() {
        var set = RateLimitSet(rules: [
            RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 1), burst: 1)),
        ], apiKeys: 2)
        #expect(set.decide(apiKey: 0, at: 0).allowed)
        #expect(!set.decide(apiKey: 0, at: 0).allowed)
        #expect(set.decide(apiKey: 1, at: 0).allowed)
        #expect(set.decide(apiKey: 5, at: 0).allowed)   // beyond the preallocated keys
        #expect(!set.decide(apiKey: 5, at: 0).allowed)
        #expect(set.decide(apiKey: 3, at: 0).allowed)   // created along the way, still fresh
        #expect(!set.decide(apiKey: 1, at: 0).allowed)
        #expect(set.decide(apiKey: 0, at: second).allowed)
    }

    @Test func globalLimitIsShared() {
        var set = RateLimitSet(rules: [
            RateLimitRule(scope: .global, algorithm: .slidingWindowLog(limit: 2, window: second)),
        ], apiKeys: 3)
        #expect(set.decide(apiKey: 0, at: 0).allowed)
        #expect(set.decide(apiKey: 1, at: 0).allowed)
        #expect(!set.decide(apiKey: 2, at: 0).allowed)
    }

    @Test func concurrencyIsReleasedPerKey() {
        var set = RateLimitSet(rules: [
            RateLimitRule(scope: .apiKey, algorithm: .concurrency(limit: 1)),
            RateLimitRule(scope: .global, algorithm: .concurrency(limit: 2)),
        ], apiKeys: 3)
        #expect(set.hasConcurrencyLimit)
        #expect(set.decide(apiKey: 0, at: 0).allowed)
        let sameKey = set.decide(apiKey: 0, at: 0)
        #expect(!sameKey.allowed)
        #expect(sameKey.retryAfter == 1)
        #expect(set.decide(apiKey: 1, at: 0).allowed)
        #expect(!set.decide(apiKey: 2, at: 0).allowed)  // key 2 is free, the server is not
        set.release(apiKey: 0, at: second)
        #expect(!set.decide(apiKey: 1, at: second).allowed) // key 1 still holds its slot
        #expect(set.decide(apiKey: 2, at: second).allowed)
    }

    @Test func hasConcurrencyLimitOnlyWithConcurrencyRules() {
        let set = RateLimitSet(rules: [
            RateLimitRule(scope: .global, algorithm: .gcra(rate: Rate(perSecond: 5), burst: 5)),
        ], apiKeys: 1)
        #expect(!set.hasConcurrencyLimit)
    }
}
