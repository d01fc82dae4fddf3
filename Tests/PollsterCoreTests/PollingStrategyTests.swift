import Testing
@testable import PollsterCore

@Suite struct PollingStrategyTests {
    let s = Time.seconds

    func delays(_ kind: StrategyKind, count: Int, seed: UInt64 = 1, elapsedStep: Nanoseconds = 0) -> [Nanoseconds] {
        let strategy = PollingStrategy(StrategySpec(name: "x", kind: kind))
        var state = strategy.initialState()
        var rng = Xoshiro256StarStar(seed: seed)
        return (1...count).map { n in
            let observation = PollObservation(poll: n - 1, sentAt: 0, receivedAt: elapsedStep * Nanoseconds(n), createdAt: 0)
            return strategy.delay(beforePoll: n, after: observation, state: &state, rng: &rng)
        }
    }

    @Test func fixedIsConstant() {
        #expect(delays(.fixed(interval: s(2)), count: 5) == Array(repeating: s(2), count: 5))
    }

    @Test func exponentialWithoutJitterIsExact() {
        let kind = StrategyKind.exponential(initial: s(2), multiplier: 1.5, max: s(10), jitter: .none)
        // v_n = min(10, 2 * 1.5^(n-1)): 2, 3, 4.5, 6.75, 10 (10.125 capped), 10
        #expect(delays(kind, count: 6) == [s(2), s(3), s(4.5), s(6.75), s(10), s(10)])
    }

    @Test func exponentialNeverOverflowsForLargeAttempts() {
        let v = PollingStrategy.backoff(initial: s(1), multiplier: 2, max: s(30), step: 5000)
        #expect(v == s(30))
    }

    @Test func initialDelayDefaultsToFirstDelay() {
        var rng = Xoshiro256StarStar(seed: 3)
        let expo = PollingStrategy(StrategySpec(name: "e", kind: .exponential(initial: s(2), multiplier: 2, max: s(30), jitter: .none)))
        #expect(expo.initialDelay(state: expo.initialState(), rng: &rng) == s(2))
        let explicit = PollingStrategy(StrategySpec(name: "e", kind: .fixed(interval: s(5)), initialDelay: s(1)))
        #expect(explicit.initialDelay(state: explicit.initialState(), rng: &rng) == s(1))
    }

    struct JitterCase: Sendable, CustomTestStringConvertible {
        var jitter: Jitter
        var low: Double
        var high: Double
        var mean: Double
        var testDescription: String { "\(jitter)" }
    }

    // v = 8 s (no cap reached at n = 4 with initial 1 s, multiplier 2).
    @Test(arguments: [
        JitterCase(jitter: .full, low: 0, high: 8, mean: 4),
        JitterCase(jitter: .equal, low: 4, high: 8, mean: 6),
        JitterCase(jitter: .proportional(0.2), low: 6.4, high: 9.6, mean: 8),
    ])
    func jitterBoundsAndMean(_ c: JitterCase) {
        var rng = Xoshiro256StarStar(seed: 99)
        let v = PollingStrategy.backoff(initial: s(1), multiplier: 2, max: s(60), step: 4)
        #expect(v == s(8))
        var sum = 0.0
        let draws = 100_000
        for _ in 0..<draws {
            let d = Time.toSeconds(PollingStrategy.apply(c.jitter, to: v, rng: &rng))
            #expect(d >= c.low && d <= c.high)
            sum += d
        }
        let mean = sum / Double(draws)
        #expect(abs(mean - c.mean) / c.mean < 0.01, "mean \(mean), analytic \(c.mean)")
    }

    @Test func decorrelatedJitterBoundsAndFirstStepMean() {
        let base = s(1), cap = s(20)
        let strategy = PollingStrategy(StrategySpec(name: "d", kind: .decorrelatedJitter(base: base, max: cap)))
        var rng = Xoshiro256StarStar(seed: 5)
        var firstSum = 0.0
        for _ in 0..<100_000 {
            var state = strategy.initialState()
            var previous = base
            for n in 1...12 {
                let observation = PollObservation(poll: n - 1, sentAt: 0, receivedAt: 0, createdAt: 0)
                let d = strategy.delay(beforePoll: n, after: observation, state: &state, rng: &rng)
                // d_n = min(max, U(base, 3 d_{n-1}))
                #expect(d >= min(base, cap) && d <= min(cap, previous * 3))
                if n == 1 { firstSum += Time.toSeconds(d) }
                previous = d
            }
        }
        // d_1 ~ U(1 s, 3 s): mean 2 s.
        #expect(abs(firstSum / 100_000 - 2) / 2 < 0.01)
    }

    @Test func recommendedFollowsTheDocsAdvice() {
        // Responses 5 s apart: under 30 s elapsed the delay is U(2 s, 3 s) ...
        let d = delays(.recommended, count: 12, seed: 11, elapsedStep: s(5))
        for delay in d.prefix(5) { #expect(delay >= s(2) && delay < s(3)) }
        // ... from 30 s on it grows by 1.5x per poll from the last jittered delay, up to 30 s.
        #expect(d[5] == Nanoseconds(Double(d[4]) * 1.5))
        #expect(d[6] == Nanoseconds(Double(d[5]) * 1.5))
        #expect(d[11] == s(30))
        let strategy = PollingStrategy(StrategySpec(name: "r", kind: .recommended))
        #expect(strategy.timeout(client: ClientPolicy(timeout: s(3600))) == s(600))
        #expect(strategy.timeout(client: ClientPolicy(timeout: s(60))) == s(60))
    }

    @Test func recommendedMeanIsTwoAndAHalfSeconds() {
        let d = delays(.recommended, count: 100_000, seed: 12, elapsedStep: 0)
        let mean = d.reduce(0.0) { $0 + Time.toSeconds($1) } / Double(d.count)
        #expect(abs(mean - 2.5) / 2.5 < 0.01)
    }

    @Test func progressAwarePollsJustAfterTheEstimatedEnd() {
        let strategy = PollingStrategy(StrategySpec(name: "p", kind: .progressAware(min: s(1), max: s(60), fallback: s(2))))
        var state = strategy.initialState()
        var rng = Xoshiro256StarStar(seed: 1)
        // No progress yet (pending): the fallback.
        let pending = PollObservation(poll: 0, sentAt: s(2), receivedAt: s(2), createdAt: 0)
        #expect(strategy.delay(beforePoll: 1, after: pending, state: &state, rng: &rng) == s(2))
        // 25% done 10 s after creation: 30 s remain; poll 2% after that.
        let first = PollObservation(poll: 1, sentAt: s(10), receivedAt: s(10), createdAt: 0, progress: 25)
        #expect(strategy.delay(beforePoll: 2, after: first, state: &state, rng: &rng) == s(30.6))
        // 50% at 20 s: 2.5%/s from the last two readings, 20 s remain; the 1 s in transit counts.
        let second = PollObservation(poll: 2, sentAt: s(20), receivedAt: s(21), createdAt: 0, progress: 50)
        #expect(strategy.delay(beforePoll: 3, after: second, state: &state, rng: &rng) == s(19 * 1.02))
        // Clamped to [min, max].
        let nearlyDone = PollObservation(poll: 3, sentAt: s(39.9), receivedAt: s(39.9), createdAt: 0, progress: 99.9)
        #expect(strategy.delay(beforePoll: 4, after: nearlyDone, state: &state, rng: &rng) == s(1))
    }

    @Test func sameSeedSameSequenceDifferentSeedDifferent() {
        let kind = StrategyKind.exponential(initial: s(1), multiplier: 2, max: s(30), jitter: .full)
        #expect(delays(kind, count: 50, seed: 7) == delays(kind, count: 50, seed: 7))
        #expect(delays(kind, count: 50, seed: 7) != delays(kind, count: 50, seed: 8))
    }
}
