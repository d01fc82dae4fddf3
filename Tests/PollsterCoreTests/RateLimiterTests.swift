import Testing
@testable import PollsterCore

private let second = Time.nanosecondsPerSecond
private func ms(_ value: Int64) -> Nanoseconds { value * 1_000_000 }

/// One request as a server makes it: evaluated, and counted only when allowed.
private func request(_ limiter: inout RateLimiter, at time: Nanoseconds) -> RateLimiterVerdict {
    let verdict = limiter.evaluate(at: time)
    if verdict.allowed { limiter.consume(at: time) }
    return verdict
}

/// An expected verdict row: time, allowed, Retry-After, remaining, reset.
private struct Step: Sendable, CustomStringConvertible {
    var time: Nanoseconds
    var allowed: Bool
    var retryAfter: Int
    var remaining: Int
    var reset: Int
    var description: String { "t=\(Time.describe(time))" }
}

private func check(_ algorithm: RateLimitAlgorithm, _ steps: [Step], sourceLocation: SourceLocation = #_sourceLocation) {
    var limiter = RateLimiter(algorithm)
    for step in steps {
        let verdict = request(&limiter, at: step.time)
        #expect(verdict.allowed == step.allowed, "allowed at \(step)", sourceLocation: sourceLocation)
        #expect(verdict.retryAfter == step.retryAfter, "Retry-After at \(step)", sourceLocation: sourceLocation)
        #expect(verdict.remaining == step.remaining, "remaining at \(step)", sourceLocation: sourceLocation)
        #expect(verdict.reset == step.reset, "reset at \(step)", sourceLocation: sourceLocation)
    }
}

@Suite struct TokenBucketAndGCRATests {
    static let bucketKinds: [@Sendable (Rate, Int) -> RateLimitAlgorithm] = [
        { .tokenBucket(rate: $0, burst: $1) },
        { .gcra(rate: $0, burst: $1) },
    ]

    /// Rate 2/s, burst 3. reset = ceil((3 - tokens after) / 2).
    @Test(arguments: 0..<2) func burstThenRefillAndCap(kind: Int) {
        check(Self.bucketKinds[kind](Rate(perSecond: 2), 3), [
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 2, reset: 1),        // 3 -> 2; ceil(1/2)
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 1, reset: 1),        // 2 -> 1; ceil(2/2)
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 0, reset: 2),        // 1 -> 0; ceil(3/2)
            Step(time: 0, allowed: false, retryAfter: 1, remaining: 0, reset: 2),       // 0 tokens; ceil((1-0)/2)
            Step(time: ms(500), allowed: true, retryAfter: 0, remaining: 0, reset: 2),  // 0 + 0.5*2 = 1 -> 0
            Step(time: ms(700), allowed: false, retryAfter: 1, remaining: 0, reset: 2), // 0.4; ceil(0.6/2) = 1; ceil(2.6/2) = 2
            Step(time: ms(999), allowed: false, retryAfter: 1, remaining: 0, reset: 2), // 0.998
            Step(time: second, allowed: true, retryAfter: 0, remaining: 0, reset: 2),   // exactly 1.0
            // 99 s idle would give 198 tokens; the bucket holds only 3.
            Step(time: 100 * second, allowed: true, retryAfter: 0, remaining: 2, reset: 1),
            Step(time: 100 * second, allowed: true, retryAfter: 0, remaining: 1, reset: 1),
            Step(time: 100 * second, allowed: true, retryAfter: 0, remaining: 0, reset: 2),
            Step(time: 100 * second, allowed: false, retryAfter: 1, remaining: 0, reset: 2),
        ])
    }

    /// Rate 0.5/s, burst 1: Retry-After = ceil((1 - tokens) / r) is more than a second.
    @Test(arguments: 0..<2) func retryAfterRoundsUpSlowRefill(kind: Int) {
        check(Self.bucketKinds[kind](.perMinute(30), 1), [
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 0, reset: 2),          // ceil(1/0.5)
            Step(time: ms(500), allowed: false, retryAfter: 2, remaining: 0, reset: 2),   // 0.25; ceil(0.75/0.5) = ceil(1.5)
            Step(time: ms(1000), allowed: false, retryAfter: 1, remaining: 0, reset: 1),  // 0.5; ceil(0.5/0.5) = 1
            Step(time: ms(2000), allowed: true, retryAfter: 0, remaining: 0, reset: 2),   // 1.0
        ])
    }

    /// Rate 10/m (1/6 per second), whose floating-point form is inexact: 6 s must refill
    /// exactly one token, and 1 s leaves exactly 5 s to wait.
    @Test(arguments: 0..<2) func exactRefillForNonDecimalRate(kind: Int) {
        check(Self.bucketKinds[kind](.perMinute(10), 1), [
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 0, reset: 6),
            Step(time: second, allowed: false, retryAfter: 5, remaining: 0, reset: 5),     // 1/6; ceil((5/6) * 6) = 5
            Step(time: 6 * second - 1, allowed: false, retryAfter: 1, remaining: 0, reset: 1),
            Step(time: 6 * second, allowed: true, retryAfter: 0, remaining: 0, reset: 6),
        ])
    }

    /// Rate 3/s, burst 1: the next token arrives at 333.33… ms.
    @Test(arguments: 0..<2) func fractionalEmissionInterval(kind: Int) {
        check(Self.bucketKinds[kind](Rate(perSecond: 3), 1), [
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 0, reset: 1),
            Step(time: 333_333_333, allowed: false, retryAfter: 1, remaining: 0, reset: 1),
            // 1.000000002 tokens, capped at the burst of 1: the next is due 333.33… ms later.
            Step(time: 333_333_334, allowed: true, retryAfter: 0, remaining: 0, reset: 1),
            Step(time: 666_666_667, allowed: false, retryAfter: 1, remaining: 0, reset: 1),
            Step(time: 666_666_668, allowed: true, retryAfter: 0, remaining: 0, reset: 1),
        ])
        // Burst 3 emptied at 0: 1 ns before 1 s it holds 2.999999997 tokens; taking two
        // leaves 0.999999997, and the last nanosecond adds exactly the missing 3e-9.
        check(Self.bucketKinds[kind](Rate(perSecond: 3), 3), [
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 2, reset: 1),
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 1, reset: 1),
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 0, reset: 1),
            Step(time: second - 1, allowed: true, retryAfter: 0, remaining: 1, reset: 1),   // 2.999999997 -> 1.999999997
            Step(time: second - 1, allowed: true, retryAfter: 0, remaining: 0, reset: 1),   // -> 0.999999997
            Step(time: second - 1, allowed: false, retryAfter: 1, remaining: 0, reset: 1),
            Step(time: second, allowed: true, retryAfter: 0, remaining: 0, reset: 1),       // 0.999999997 + 3e-9 = 1
        ])
    }

    @Test(arguments: 0..<2) func evaluateDoesNotCount(kind: Int) {
        var limiter = RateLimiter(Self.bucketKinds[kind](Rate(perSecond: 1), 1))
        for _ in 0..<5 { #expect(limiter.evaluate(at: 0).allowed) }
        limiter.consume(at: 0)
        #expect(!limiter.evaluate(at: 0).allowed)
    }

    @Test(arguments: 0..<2) func earlierTimeCountsAsLatest(kind: Int) {
        var limiter = RateLimiter(Self.bucketKinds[kind](Rate(perSecond: 1), 1))
        #expect(request(&limiter, at: 5 * second).allowed)
        // 4 s is before the last request: no refill, not a 1 s credit.
        #expect(!request(&limiter, at: 4 * second).allowed)
        #expect(request(&limiter, at: 6 * second).allowed)
    }

    @Test func policyAdvertisesBurstAndFillTime() {
        let verdict = RateLimiter(.tokenBucket(rate: Rate(perSecond: 10), burst: 20)).evaluated(at: 0)
        #expect(verdict.limit == 20)
        #expect(verdict.policy == RateLimitPolicy(quota: 20, window: 2))
    }

    /// GCRA must decide, and report, exactly as the token bucket on any request times.
    /// Gaps are drawn on 1 ms (boundary-heavy: 2/s, 5/s, 10/m land exactly on refill
    /// instants) or 1 ns grids, with many simultaneous requests, around the limit's rate.
    @Test(arguments: [
        (2.0, 1, Int64(1_000_000)), (2.0, 3, 1_000_000), (3.0, 1, 1_000_000), (3.0, 4, 1_000_000),
        (7.0, 1, 1_000_000), (7.0, 10, 1_000_000), (5.0, 2, 1_000_000), (1.0 / 6.0, 3, 1_000_000),
        (0.5, 2, 1_000_000), (1000.0, 50, 1_000), (3.0, 2, 1), (7.0, 5, 1), (2.5, 3, 1_000_000),
    ])
    func gcraMatchesTokenBucket(rate: Double, burst: Int, grid: Int64) {
        var bucket = RateLimiter(.tokenBucket(rate: Rate(perSecond: rate), burst: burst))
        var gcra = RateLimiter(.gcra(rate: Rate(perSecond: rate), burst: burst))
        var rng = Xoshiro256StarStar(seed: UInt64(rate * 1000) &* 31 &+ UInt64(burst) &+ UInt64(grid))
        // Mean gap of half the emission interval, so the bucket empties and refills often.
        let meanGapSteps = max(1, Int64(Double(second) / rate / Double(grid)))
        var time: Nanoseconds = 0
        var allowed = 0
        var mismatches = 0
        for _ in 0..<100_000 {
            if rng.next() % 4 != 0 {
                time += Int64(rng.next() % UInt64(meanGapSteps)) * grid
            }
            let expected = request(&bucket, at: time)
            let actual = request(&gcra, at: time)
            if expected != actual { mismatches += 1 }
            if expected.allowed { allowed += 1 } else { #expect(expected.retryAfter >= 1) }
        }
        #expect(mismatches == 0)
        // Both outcomes must be common, or the comparison proves little.
        #expect(allowed > 10_000 && allowed < 90_000, "allowed \(allowed) of 100000")
    }
    /// The same comparison with gaps of whole multiples of the emission interval rounded
    /// down or up (333333333 or 333333334 ns at 3/s), which land within a nanosecond of a
    /// fractional refill instant: where a GCRA that dropped the fraction would slip.
    @Test(arguments: [(3.0, 1), (3.0, 4), (7.0, 2), (7.0, 6), (1.0 / 6.0, 3), (2.5, 2), (1000.0 / 3.0, 5)])
    func gcraMatchesTokenBucketAtEmissionIntervals(rate: Double, burst: Int) {
        var bucket = RateLimiter(.tokenBucket(rate: Rate(perSecond: rate), burst: burst))
        var gcra = RateLimiter(.gcra(rate: Rate(perSecond: rate), burst: burst))
        var rng = Xoshiro256StarStar(seed: UInt64(rate * 1000) &+ UInt64(burst))
        let interval = Int64(Double(second) / rate)                      // rounded down
        let gaps: [Int64] = [0, 0, 0, 0, interval, interval + 1, interval - 1, 2 * interval + 1]
        var time: Nanoseconds = 0
        var allowed = 0
        var mismatches = 0
        for _ in 0..<100_000 {
            time += gaps[Int(rng.next() % UInt64(gaps.count))]
            let expected = request(&bucket, at: time)
            let actual = request(&gcra, at: time)
            if expected != actual { mismatches += 1 }
            if expected.allowed { allowed += 1 }
        }
        #expect(mismatches == 0)
        #expect(allowed > 10_000 && allowed < 90_000, "allowed \(allowed) of 100000")
    }
}

extension RateLimiter {
    fileprivate func evaluated(at time: Nanoseconds) -> RateLimiterVerdict {
        var copy = self
        return copy.evaluate(at: time)
    }
}

@Suite struct WindowLimiterTests {
    /// Limit 2 per 1 s window, windows [0, 1), [1, 2), …; reset = ceil(window end - t).
    @Test func fixedWindowBoundaries() {
        check(.fixedWindow(limit: 2, window: second), [
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 1, reset: 1),
            Step(time: ms(400), allowed: true, retryAfter: 0, remaining: 0, reset: 1),
            Step(time: second - 1, allowed: false, retryAfter: 1, remaining: 0, reset: 1),
            Step(time: second, allowed: true, retryAfter: 0, remaining: 1, reset: 1),   // new window
            Step(time: ms(1500), allowed: true, retryAfter: 0, remaining: 0, reset: 1),
            Step(time: ms(1600), allowed: false, retryAfter: 1, remaining: 0, reset: 1),
            Step(time: ms(3200), allowed: true, retryAfter: 0, remaining: 1, reset: 1), // skipped a window
        ])
    }

    /// Limit 1 per 10 s: windows align to multiples of 10 s from 0, not to the first request.
    @Test func fixedWindowAlignedToZero() {
        check(.fixedWindow(limit: 1, window: 10 * second), [
            Step(time: 5 * second, allowed: true, retryAfter: 0, remaining: 0, reset: 5),
            Step(time: ms(7500), allowed: false, retryAfter: 3, remaining: 0, reset: 3),    // ceil(10 - 7.5)
            Step(time: 10 * second - ms(1), allowed: false, retryAfter: 1, remaining: 0, reset: 1),
            Step(time: 10 * second, allowed: true, retryAfter: 0, remaining: 0, reset: 10),
        ])
    }

    /// Limit 2 in (t - 10 s, t]: a request leaves the window 10 s after it was accepted.
    @Test func slidingWindowLogOldestLeaves() {
        check(.slidingWindowLog(limit: 2, window: 10 * second), [
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 1, reset: 10),
            Step(time: 4 * second, allowed: true, retryAfter: 0, remaining: 0, reset: 10),
            // Oldest (0) leaves at 10: ceil(10 - 6) = 4; newest (4) at 14: 8.
            Step(time: 6 * second, allowed: false, retryAfter: 4, remaining: 0, reset: 8),
            Step(time: 10 * second - 1, allowed: false, retryAfter: 1, remaining: 0, reset: 5),
            // 0 is out of (0, 10]; the denied request at 6 s was never logged.
            Step(time: 10 * second, allowed: true, retryAfter: 0, remaining: 0, reset: 10),
            // Log {4, 10}: 4 leaves at 14, 10 at 20.
            Step(time: 13 * second, allowed: false, retryAfter: 1, remaining: 0, reset: 7),
            Step(time: 14 * second, allowed: true, retryAfter: 0, remaining: 0, reset: 10),
            Step(time: 40 * second, allowed: true, retryAfter: 0, remaining: 1, reset: 10),
        ])
    }

    @Test func slidingWindowLogRoundsRetryAfterUp() {
        check(.slidingWindowLog(limit: 1, window: ms(2500)), [
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 0, reset: 3),
            Step(time: second, allowed: false, retryAfter: 2, remaining: 0, reset: 2), // ceil(1.5)
            Step(time: ms(2500), allowed: true, retryAfter: 0, remaining: 0, reset: 3),
        ])
    }

    /// Limit 10 per 60 s, 8 requests in the previous window [0, 60). At 75 s (15 s into
    /// [60, 120)) the estimate is 8 * 45/60 + current = 6 + current.
    @Test func slidingWindowCounterEstimate() {
        var steps = (0..<8).map { i in
            Step(time: 30 * second, allowed: true, retryAfter: 0, remaining: 9 - i, reset: 90) // floor(10 - (i + 1)); 120 - 30
        }
        steps += [
            // estimate 6 + c; remaining = floor(10 - (6 + c + 1)); reset = 180 - 75 = 105.
            Step(time: 75 * second, allowed: true, retryAfter: 0, remaining: 3, reset: 105),  // c = 0: 7 <= 10
            Step(time: 75 * second, allowed: true, retryAfter: 0, remaining: 2, reset: 105),  // c = 1: 8
            Step(time: 75 * second, allowed: true, retryAfter: 0, remaining: 1, reset: 105),  // c = 2: 9
            Step(time: 75 * second, allowed: true, retryAfter: 0, remaining: 0, reset: 105),  // c = 3: 10
            // c = 4: 6 + 4 + 1 = 11 > 10. Allowed again when 8 (60 - e)/60 + 4 + 1 <= 10,
            // i.e. e >= 22.5 s (t = 82.5 s): wait 7.5 s, Retry-After 8.
            Step(time: 75 * second, allowed: false, retryAfter: 8, remaining: 0, reset: 105),
            Step(time: ms(82_500) - 1, allowed: false, retryAfter: 1, remaining: 0, reset: 98),
            Step(time: ms(82_500), allowed: true, retryAfter: 0, remaining: 0, reset: 98),   // 5 + 4 + 1 = 10
        ]
        check(.slidingWindowCounter(limit: 10, window: 60 * second), steps)
    }

    /// Allowed only while the estimate *including* this request stays within the limit:
    /// an estimate of 9.5 of 10 is denied.
    @Test func slidingWindowCounterCountsTheRequest() {
        var limiter = RateLimiter(.slidingWindowCounter(limit: 10, window: 60 * second))
        #expect(request(&limiter, at: 10 * second).allowed)         // previous window: 1
        for c in 0..<9 {
            // estimate at 90 s = 1 * 30/60 + c = 0.5 + c; 0.5 + 8 + 1 = 9.5 <= 10.
            #expect(request(&limiter, at: 90 * second).allowed, "c = \(c)")
        }
        let denied = request(&limiter, at: 90 * second)              // 0.5 + 9 + 1 = 10.5
        #expect(!denied.allowed)
        // 1 * (60 - e)/60 + 9 + 1 <= 10 needs e = 60: the next window, at 120 s.
        #expect(denied.retryAfter == 30)
        #expect(!request(&limiter, at: 120 * second - ms(1)).allowed)
        #expect(request(&limiter, at: 120 * second).allowed)         // 9 * 60/60 + 0 + 1 = 10
    }

    /// When the current window alone is over the limit, the wait runs into the next window.
    @Test func slidingWindowCounterWaitsIntoNextWindow() {
        // Limit 2 per 10 s: after 2 at t = 0, 2 (10 - e)/10 + 1 <= 2 needs e >= 5 in [10, 20).
        check(.slidingWindowCounter(limit: 2, window: 10 * second), [
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 1, reset: 20),
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 0, reset: 20),
            Step(time: 0, allowed: false, retryAfter: 15, remaining: 0, reset: 20),
            Step(time: 15 * second - 1, allowed: false, retryAfter: 1, remaining: 0, reset: 6),   // ceil(20 - 14.999999999)
            Step(time: 15 * second, allowed: true, retryAfter: 0, remaining: 0, reset: 15), // 2 * 5/10 + 0 + 1 = 2
        ])
        // Limit 1: only once the previous window has fully slid out, at 20 s.
        check(.slidingWindowCounter(limit: 1, window: 10 * second), [
            Step(time: 0, allowed: true, retryAfter: 0, remaining: 0, reset: 20),
            Step(time: second, allowed: false, retryAfter: 19, remaining: 0, reset: 19),
            Step(time: 20 * second - 1, allowed: false, retryAfter: 1, remaining: 0, reset: 1),
            Step(time: 20 * second, allowed: true, retryAfter: 0, remaining: 0, reset: 20),
        ])
    }

    @Test func slidingWindowCounterForgetsAfterTwoWindows() {
        var limiter = RateLimiter(.slidingWindowCounter(limit: 1, window: 10 * second))
        #expect(request(&limiter, at: 0).allowed)
        // At 25 s the window [10, 20) held nothing, so the previous count is 0, not 1.
        #expect(request(&limiter, at: 25 * second).allowed)
    }
}

@Suite struct ConcurrencyLimitTests {
    @Test func slotsAreHeldUntilReleased() {
        var limiter = RateLimiter(.concurrency(limit: 2))
        #expect(request(&limiter, at: 0).remaining == 1)
        #expect(request(&limiter, at: 0).remaining == 0)
        let denied = request(&limiter, at: second)
        #expect(!denied.allowed)
        #expect(denied.retryAfter == 1)
        limiter.release(at: second)
        #expect(request(&limiter, at: second).allowed)
        #expect(!request(&limiter, at: second).allowed)
    }

    @Test func extraReleasesDoNotCreateSlots() {
        var limiter = RateLimiter(.concurrency(limit: 1))
        limiter.release(at: 0)
        limiter.release(at: 0)
        #expect(request(&limiter, at: 0).allowed)
        #expect(!request(&limiter, at: 0).allowed)
    }

    @Test func releaseIsNoOpForOtherAlgorithms() {
        var limiter = RateLimiter(.fixedWindow(limit: 1, window: second))
        #expect(request(&limiter, at: 0).allowed)
        limiter.release(at: 0)
        #expect(!request(&limiter, at: 0).allowed)
    }
}

/// `admit(at:countsRejected:)` is the simulator's one-step decision for a server with a
/// single limit; it must change a limiter exactly as evaluate-then-count does (the mock
/// server's path), for every algorithm, whether rejected requests count or not.
@Suite struct OneStepAdmissionTests {
    static let algorithms: [RateLimitAlgorithm] = [
        .tokenBucket(rate: Rate(perSecond: 3), burst: 4),
        .tokenBucket(rate: Rate(perSecond: 1.0 / 3.0), burst: 2),
        .gcra(rate: Rate(perSecond: 3), burst: 4),
        .fixedWindow(limit: 5, window: ms(1_000)),
        .slidingWindowLog(limit: 5, window: ms(1_000)),
        .slidingWindowCounter(limit: 5, window: ms(1_000)),
        .concurrency(limit: 3),
    ]

    @Test(arguments: algorithms.indices, [false, true])
    func admitChangesTheLimiterAsEvaluateThenCount(algorithm: Int, countsRejected: Bool) {
        var oneStep = RateLimiter(Self.algorithms[algorithm])
        var twoSteps = oneStep
        var rng = Xoshiro256StarStar(seed: UInt64(algorithm) * 2 + (countsRejected ? 1 : 0))
        var time: Nanoseconds = 0
        var rejected = 0
        for step in 0..<4_000 {
            // Bursts at one instant, small and long gaps, now and then an earlier time.
            switch rng.next() % 6 {
            case 0: break
            case 1: time += Nanoseconds(rng.next() % 5_000_000_000)
            case 2: time -= Nanoseconds(rng.next() % 100_000_000)
            default: time += Nanoseconds(rng.next() % 300_000_000)
            }
            let admission = oneStep.admit(at: time, countsRejected: countsRejected)
            let verdict = twoSteps.evaluate(at: time)
            if verdict.allowed {
                twoSteps.consume(at: time)
            } else if countsRejected {
                twoSteps.consumeRejected(at: time)
            }
            #expect(admission == RateLimitAdmission(allowed: verdict.allowed, retryAfter: verdict.retryAfter), "step \(step)")
            if !verdict.allowed { rejected += 1 }
            if step % 3 == 0 {
                // Answers end now and then (a concurrency limit's slots).
                oneStep.release(at: time)
                twoSteps.release(at: time)
            }
        }
        // The limits were exercised both ways.
        #expect(rejected > 100 && rejected < 4_000, "rejected \(rejected) of 4,000")
    }
}
