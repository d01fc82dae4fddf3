import Testing
@testable import PollsterCore

/// What the executions of one API key share: the send gate (fixed, AIMD, CUBIC), the retry
/// budget and header pacing, as exact tables with no clock.
@Suite struct KeyClientTests {
    let s = Time.seconds

    @Test func aFixedGateLetsItsBurstGoThenOneSendPerToken() {
        var gate = SendGate(.fixed(rate: 10, burst: 2))
        // Full bucket of 2 at the first send; the third and fourth are told to look again
        // when the next token is due (0.1 s), and take nothing meanwhile.
        var answers: [Nanoseconds?] = []
        for _ in 0..<4 { answers.append(gate.take(at: s(1))) }
        #expect(answers == [nil, nil, s(1.1), s(1.1)])
        // At 1.1 s one token has come: the first to look takes it, the next waits 0.1 s more.
        answers = [gate.take(at: s(1.1)), gate.take(at: s(1.1))]
        #expect(answers == [nil, s(1.2)])
        // At 2 s the bucket is full again (capped at its burst of 2).
        answers = [gate.take(at: s(2)), gate.take(at: s(2)), gate.take(at: s(2))]
        #expect(answers == [nil, nil, s(2.1)])
    }

    @Test func learnedGatesAreOffUntilTheFirstThrottle() {
        for control in [SendRateControl.aimd(AIMDParameters()), .cubic(CubicParameters())] {
            var gate = SendGate(control)
            for i in 0..<50 {
                let t = s(Double(i) * 0.1)
                let again = gate.take(at: t)
                #expect(again == nil)
                gate.observe(throttled: false, at: t)
            }
            #expect(!gate.enabled)
            gate.observe(throttled: true, at: s(5))
            #expect(gate.enabled)
        }
    }

    /// botocore's CUBIC: a throttle sets w_max to the rate in use and the rate to 0.7 of it;
    /// t seconds later the rate is 0.4 (t - K)^3 + w_max with K = cbrt(w_max * 0.3 / 0.4).
    @Test func cubicFollowsBotocoresFormula() {
        var gate = SendGate(.cubic(CubicParameters()))
        // Ten responses per second for 5 s: the measured rate converges on 10/s.
        for i in 0..<50 { gate.observe(throttled: false, at: s(Double(i) * 0.1)) }
        let measured = gate.clock.measured
        #expect(abs(measured - 10) < 0.5, "measured \(measured)")
        gate.observe(throttled: true, at: s(5))
        let wMax = gate.maxRate
        #expect(abs(gate.rate - 0.7 * wMax) < 1e-9)
        let k = _pow(wMax * 0.3 / 0.4, 1.0 / 3)
        // Responses go on at 10/s without a throttle: 3.5 s later the rate is the cubic's
        // (below twice the measured rate).
        for i in 1...35 { gate.observe(throttled: false, at: s(5 + Double(i) * 0.1)) }
        let expected = 0.4 * _pow(3.5 - k, 3) + wMax
        #expect(expected < 2 * gate.clock.measured)
        #expect(abs(gate.rate - expected) < 1e-6, "rate \(gate.rate), expected \(expected)")
    }

    @Test func aimdHalvesOnAThrottleOncePerCooldownThenGrowsLinearly() {
        var gate = SendGate(.aimd(AIMDParameters(increase: 1, decrease: 0.5, cooldown: s(1))))
        for i in 0..<50 { gate.observe(throttled: false, at: s(Double(i) * 0.1)) }
        let measured = gate.clock.measured
        gate.observe(throttled: true, at: s(5))
        let halved = gate.rate
        #expect(abs(halved - 0.5 * gate.clock.measured) < 0.3, "rate \(halved) after a throttle at about \(measured)/s")
        // A second throttle 0.2 s later is within the cooldown: no second halving.
        gate.observe(throttled: true, at: s(5.2))
        #expect(gate.rate >= halved)
        // Responses go on at 10/s: two seconds on, +1/s per second.
        for i in 3...20 { gate.observe(throttled: false, at: s(5 + Double(i) * 0.1)) }
        #expect(halved + 2 < 2 * gate.clock.measured)
        #expect(abs(gate.rate - (halved + 2)) < 1e-6, "rate \(gate.rate)")
    }

    @Test func theRetryBudgetPaysForRetriesAndSuccessesRefillIt() {
        var budget = RetryBudget(RetryBudgetPolicy(capacity: 2, deposit: 0.5, cost: 1))
        var spent: [Bool] = []
        spent.append(budget.spend())
        spent.append(budget.spend())
        spent.append(budget.spend())
        budget.deposit()
        spent.append(budget.spend())
        budget.deposit()
        spent.append(budget.spend())
        #expect(spent == [true, true, false, false, true])
        for _ in 0..<10 { budget.deposit() }
        #expect(budget.balance == 2)
    }

    /// A budgeted loop: after a rejection the next poll is a retry; when the budget is
    /// spent it is skipped (no request, the strategy's delay again), and a success of
    /// another execution of the key lets the next retry go.
    @Test func aSpentBudgetSkipsRetriesUntilASuccessRefillsIt() {
        var spec = StrategySpec(name: "b", kind: .fixed(interval: s(2)))
        spec.keyClient.budget = RetryBudgetPolicy(capacity: 1, deposit: 1, cost: 1)
        let rules = ClientLoop(strategy: PollingStrategy(spec), client: ClientPolicy(timeout: s(600), retryAfter: .ignore))
        var key = KeyClient(spec.keyClient)
        var (state, first) = rules.begin(createdAt: 0, rng: Xoshiro256StarStar(seed: 1))
        #expect(first == .send(at: s(2)))
        // Poll 0 is not a retry: it goes, free.
        do { let turn = rules.send(due: s(2), key: &key, state: &state); #expect(turn == .send(at: s(2))) }
        var step = rules.next(after: .rejected(retryAfter: nil), quota: nil, sentAt: s(2), receivedAt: s(2), key: &key, state: &state)
        #expect(step == .send(at: s(4)) && state.afterRejection)
        // The first retry spends the one token.
        do { let turn = rules.send(due: s(4), key: &key, state: &state); #expect(turn == .send(at: s(4))) }
        step = rules.next(after: .rejected(retryAfter: nil), quota: nil, sentAt: s(4), receivedAt: s(4), key: &key, state: &state)
        // The second finds the budget spent: skipped (no request), and the poll 2 s later
        // is a fresh attempt, sent without a token.
        #expect(step == .send(at: s(6)))
        do { let turn = rules.send(due: s(6), key: &key, state: &state); #expect(turn == .skipped(.send(at: s(8)))) }
        #expect(state.polls == 2 && state.turns == 3 && !state.afterRejection)
        do { let turn = rules.send(due: s(8), key: &key, state: &state); #expect(turn == .send(at: s(8))) }
        step = rules.next(after: .rejected(retryAfter: nil), quota: nil, sentAt: s(8), receivedAt: s(8), key: &key, state: &state)
        // Still spent: the retry at 10 s is skipped too...
        var copy = state, copyKey = key
        do { let turn = rules.send(due: s(10), key: &copyKey, state: &copy); #expect(turn == .skipped(.send(at: s(12)))) }
        // ...unless another execution's success deposits a token first: then it goes.
        key.observe(.execution(terminal: false, progress: nil), quota: nil, at: s(9))
        do { let turn = rules.send(due: s(10), key: &key, state: &state); #expect(turn == .send(at: s(10))) }
    }

    @Test func headerPacingSharesTheRemainingQuotaAmongTheKeysExecutions() {
        var key = KeyClient(KeyClientPolicy(headerPacing: true))
        key.executionStarted()
        key.executionStarted()
        // 10 left for the next 5 s, two executions: each may poll every 1 s.
        key.observe(.execution(terminal: false, progress: nil), quota: QuotaReading(remaining: 10, reset: s(5), limit: 20), at: s(100))
        #expect(key.pacedDelay(at: s(100), unit: 0.5) == s(1))
        // A second later, the same reading covers 4 s: 0.8 s.
        #expect(key.pacedDelay(at: s(101), unit: 0.5) == s(0.8))
        // Nothing left: after the reset, around the middle of one turn of the whole quota
        // (20 per 5 s, the longest reset seen for this limit, shared by two: 0.5 s).
        key.observe(.rejected(retryAfter: nil), quota: QuotaReading(remaining: 0, reset: s(3), limit: 20), at: s(102))
        #expect(key.pacedDelay(at: s(102), unit: 0.5) == s(3) + s(0.5))
        // One left for 60 s of a limit of 240 per 60 s, shared by two: half of this turn
        // now, the other half after the reset at the whole quota's pace (0.25 s).
        key.observe(.execution(terminal: false, progress: nil), quota: QuotaReading(remaining: 1, reset: s(60), limit: 240), at: s(103))
        #expect(key.pacedDelay(at: s(103), unit: 0) == s(60) + s(0.25))
        // Without a reading (or without pacing), no least wait.
        #expect(KeyClient(KeyClientPolicy(headerPacing: true)).pacedDelay(at: 0, unit: 0.5) == 0)
    }

    @Test func headerPacingSlowsTheBaseStrategyButNeverSpeedsItUp() {
        var spec = StrategySpec(name: "h", kind: .fixed(interval: s(2)))
        spec.keyClient.headerPacing = true
        let rules = ClientLoop(strategy: PollingStrategy(spec), client: ClientPolicy(timeout: s(600)))
        var key = KeyClient(spec.keyClient)
        key.executionStarted()
        var (state, _) = rules.begin(createdAt: 0, rng: Xoshiro256StarStar(seed: 1))
        let running = PollReply.execution(terminal: false, progress: nil)
        // Plenty left: the strategy's 2 s.
        var step = rules.next(after: running, quota: QuotaReading(remaining: 100, reset: s(10), limit: 100), sentAt: s(2), receivedAt: s(2),
                              key: &key, state: &state)
        #expect(step == .send(at: s(4)))
        // One left for 10 s: 10 s.
        step = rules.next(after: running, quota: QuotaReading(remaining: 1, reset: s(10), limit: 100), sentAt: s(4), receivedAt: s(4),
                          key: &key, state: &state)
        #expect(step == .send(at: s(14)))
    }

    /// Polly's DecorrelatedJitterBackoffV2: each delay is the formula's, and the first one's
    /// median is the median first delay it is given.
    @Test func pollyJitterMatchesItsFormula() {
        let strategy = PollingStrategy(StrategySpec(name: "p", kind: .pollyJitter(median: s(1))))
        var firsts: [Double] = [], seconds: [Double] = []
        for seed in 0..<2001 {
            var state = strategy.initialState()
            var rng = Xoshiro256StarStar(seed: UInt64(seed))
            let observation = PollObservation(poll: 0, sentAt: 0, receivedAt: 0, createdAt: 0)
            var check = rng
            let d1 = strategy.delay(beforePoll: 1, after: observation, state: &state, rng: &rng)
            let d2 = strategy.delay(beforePoll: 2, after: observation, state: &state, rng: &rng)
            let t = check.nextUnit()
            let f = _pow(2, t) * PollingStrategy.tanh((4 * t).squareRoot())
            #expect(abs(Double(d1) - f / 1.4 * 1e9) < 2)
            let t2 = 1 + check.nextUnit()
            let f2 = _pow(2, t2) * PollingStrategy.tanh((4 * t2).squareRoot())
            #expect(abs(Double(d2) - (f2 - f) / 1.4 * 1e9) < 2)
            firsts.append(Double(d1) / 1e9)
            seconds.append(Double(d2) / 1e9)
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        #expect(abs(median(firsts) - 1) < 0.25, "median delay_1 \(median(firsts))")
        // The medians of the cumulative waits fall near 1 and 2 times the median first delay
        // (the scaling 1/1.4 is chosen for that).
        let cumulative = zip(firsts, seconds).map { $0 + $1 }
        #expect(abs(median(cumulative) - 2) < 0.3, "median delay_1 + delay_2 \(median(cumulative))")
    }

    @Test func presetsCarryTheirSDKsNumbers() {
        let grpc = StrategyPreset.grpc.spec(name: "g")
        #expect(grpc.initialDelay == s(1))
        #expect(grpc.kind == .exponential(initial: s(1.6), multiplier: 1.6, max: s(120), jitter: .proportional(0.2)))
        let aws = StrategyPreset.awsAdaptive.spec(name: "a")
        #expect(aws.keyClient.gate == .cubic(CubicParameters(scale: 0.4, beta: 0.7)))
        #expect(aws.keyClient.budget == RetryBudgetPolicy(capacity: 500, deposit: 1, cost: 5))
        #expect(StrategyPreset.clientGo.spec(name: "c").keyClient.gate == .fixed(rate: 10, burst: 100))
        #expect(StrategyPreset.googleAPICore.spec(name: "g").timeout == s(120))
        #expect(StrategyPreset.googleHTTPClient.spec(name: "h").timeout == s(900))
        for preset in StrategyPreset.allCases { #expect(preset.spec(name: "x").kindName == "preset:" + preset.rawValue) }
    }
}
