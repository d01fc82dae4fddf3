import Testing
@testable import PollsterCore

/// The client loop's rules as exact tables, with no clock: each row is a reply and its
/// times in, the step out.
@Suite struct ClientLoopTests {
    let s = Time.seconds

    func loop(_ kind: StrategyKind, timeout: Nanoseconds = Time.seconds(600), retryAfter: ClientPolicy.RetryAfter = .honor,
              initialDelay: Nanoseconds? = nil) -> ClientLoop {
        let spec = StrategySpec(name: "x", kind: kind, initialDelay: initialDelay)
        return ClientLoop(strategy: PollingStrategy(spec), client: ClientPolicy(timeout: timeout, retryAfter: retryAfter))
    }

    /// Drives `rules` from `createdAt` through `replies`, each answered `latency` after it
    /// was sent; returns every step, the first one included.
    func steps(_ rules: ClientLoop, createdAt: Nanoseconds = 0, latency: Nanoseconds = 0, _ replies: [PollReply]) -> [LoopStep] {
        var (state, step) = rules.begin(createdAt: createdAt, rng: Xoshiro256StarStar(seed: 1))
        var steps = [step]
        for reply in replies {
            guard case .send(let at) = step else { break }
            step = rules.next(after: reply, sentAt: at, receivedAt: at + latency, state: &state)
            steps.append(step)
        }
        return steps
    }

    static let running = PollReply.execution(terminal: false, progress: 50)
    static let done = PollReply.execution(terminal: true, progress: nil)

    @Test func fixedPollsEveryIntervalAfterEachAnswerUntilTerminal() {
        let table = steps(loop(.fixed(interval: s(4))), createdAt: s(10), latency: s(0.5), [Self.running, Self.running, Self.done])
        #expect(table == [.send(at: s(14)), .send(at: s(18.5)), .send(at: s(23)), .detected(at: s(23.5))])
    }

    @Test func exponentialDoublesFromItsFirstDelay() {
        let rules = loop(.exponential(initial: s(1), multiplier: 2, max: s(60), jitter: .none))
        let table = steps(rules, [Self.running, Self.running, Self.running, Self.done])
        #expect(table == [.send(at: s(1)), .send(at: s(2)), .send(at: s(4)), .send(at: s(8)), .detected(at: s(8))])
    }

    @Test func aRejectionWaitsForRetryAfterOnlyWhenHonoredAndGiven() {
        let rejected = PollReply.rejected(retryAfter: s(10))
        #expect(steps(loop(.fixed(interval: s(4))), [rejected]) == [.send(at: s(4)), .send(at: s(14))])
        #expect(steps(loop(.fixed(interval: s(4)), retryAfter: .ignore), [rejected]) == [.send(at: s(4)), .send(at: s(8))])
        // No readable Retry-After: the strategy's delay.
        #expect(steps(loop(.fixed(interval: s(4))), [.rejected(retryAfter: nil)]) == [.send(at: s(4)), .send(at: s(8))])
        // A Retry-After shorter than the strategy's delay changes nothing.
        #expect(steps(loop(.fixed(interval: s(4))), [.rejected(retryAfter: s(1))]) == [.send(at: s(4)), .send(at: s(8))])
    }

    @Test func refusalEndsAsAnErrorAndFailuresGoOn() {
        #expect(steps(loop(.fixed(interval: s(2))), latency: s(1), [.refused]) == [.send(at: s(2)), .errored(at: s(3))])
        #expect(steps(loop(.fixed(interval: s(2))), latency: s(1), [.failed, .failed, Self.done])
                == [.send(at: s(2)), .send(at: s(5)), .send(at: s(8)), .detected(at: s(9))])
    }

    @Test func theClientGivesUpWhenTheNextSendWouldPassTheTimeout() {
        // Sends at 4 and 8; the next would be at 12 > 10: abandoned when poll 1 is answered.
        let table = steps(loop(.fixed(interval: s(4)), timeout: s(10)), [Self.running, Self.running])
        #expect(table == [.send(at: s(4)), .send(at: s(8)), .abandoned(at: s(8))])
        // A send exactly at the timeout is still made.
        #expect(steps(loop(.fixed(interval: s(5)), timeout: s(10)), [Self.running, Self.running])
                == [.send(at: s(5)), .send(at: s(10)), .abandoned(at: s(10))])
        // Even the first poll is too late: abandoned at creation, nothing sent.
        #expect(steps(loop(.fixed(interval: s(4)), timeout: s(3)), createdAt: s(7), []) == [.abandoned(at: s(7))])
        #expect(steps(loop(.fixed(interval: s(4)), initialDelay: 0), createdAt: s(7), []) == [.send(at: s(7))])
    }

    @Test func theScheduleCanCountFromWhenTheAnswerWasDue() {
        // The live poller sent 300 ms late: the next delay counts from the answer's due time.
        let rules = loop(.fixed(interval: s(4)))
        var (state, _) = rules.begin(createdAt: 0, rng: Xoshiro256StarStar(seed: 1))
        let step = rules.next(after: Self.running, sentAt: s(4.3), receivedAt: s(4.5), scheduleFrom: s(4.2), state: &state)
        #expect(step == .send(at: s(8.2)))
        #expect(state.polls == 1 && state.lastDelay == s(4))
    }

    @Test func progressReachesTheStrategy() {
        // progressAware polls just after the estimated end: at 50% after 10 s, 10 s are left.
        let rules = loop(.progressAware(min: s(1), max: s(60), fallback: s(5)))
        var (state, _) = rules.begin(createdAt: 0, rng: Xoshiro256StarStar(seed: 1))
        let withProgress = rules.next(after: .execution(terminal: false, progress: 50), sentAt: s(10), receivedAt: s(10), state: &state)
        var (other, _) = rules.begin(createdAt: 0, rng: Xoshiro256StarStar(seed: 1))
        let without = rules.next(after: .execution(terminal: false, progress: nil), sentAt: s(10), receivedAt: s(10), state: &other)
        #expect(without == .send(at: s(15)), "no progress: the fallback")
        // 10 s left, aimed 2% after: 10 + 10.2 s (to the nanosecond the double arithmetic gives).
        guard case .send(let at) = withProgress else { Issue.record("\(withProgress)"); return }
        #expect(abs(at - s(20.2)) <= 1, "\(at)")
    }
}
