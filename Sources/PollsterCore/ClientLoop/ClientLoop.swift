/// DESIGN's per-execution client loop, once, with no clock and no I/O: the simulator and
/// the live poller both drive it and keep only their own sending and receiving.
///
/// - Poll 0 is sent at c_e + the strategy's initial delay.
/// - After the answer to poll n at r_n, poll n+1 is sent at r_n + delay_{n+1}; with
///   Retry-After honored, a rejection waits max(delay, Retry-After) (a rejection without a
///   readable Retry-After waits the strategy's delay).
/// - A terminal execution ends the loop (detected at r_n); 401/403/404 end it as an error;
///   rejections and failures advance the strategy as any poll does.
/// - When the next send would be more than the timeout after c_e, the loop is abandoned at
///   r_n (at c_e when even poll 0 would be too late).
///
/// `ClientLoop` holds the rules shared by every execution of a strategy; each execution's
/// state is a ``ClientLoopState``. A class (immutable), so that the engines' hot paths pass
/// one reference instead of copying the strategy's specification on every call.
public final class ClientLoop: Sendable {
    public let strategy: PollingStrategy
    /// The strategy's timeout under the client policy (see ``PollingStrategy/timeout(client:)``).
    public let timeout: Nanoseconds
    /// Whether a rejection's Retry-After lengthens the wait.
    public let honorsRetryAfter: Bool

    public init(strategy: PollingStrategy, client: ClientPolicy) {
        self.strategy = strategy
        self.timeout = strategy.timeout(client: client)
        self.honorsRetryAfter = client.retryAfter == .honor
    }

    /// A new execution created at `createdAt`, drawing from `rng`, and its first step: poll
    /// 0's send time, or abandoned at once when even that is beyond the timeout.
    @inlinable public func begin(createdAt: Nanoseconds, rng: Xoshiro256StarStar) -> (ClientLoopState, LoopStep) {
        var rng = rng
        let state = strategy.initialState()
        let first = createdAt + strategy.initialDelay(state: state, rng: &rng)
        let loop = ClientLoopState(createdAt: createdAt, strategy: state, rng: rng)
        if first - createdAt > timeout { return (loop, .abandoned(at: createdAt)) }
        return (loop, .send(at: first))
    }

    /// ``begin(createdAt:rng:)`` for an execution whose key shares client state: it joins
    /// the key's executions, and with header pacing its first poll also waits for its share
    /// of the quota the key's latest reading reported.
    @inlinable public func begin(createdAt: Nanoseconds, rng: Xoshiro256StarStar, key: inout KeyClient) -> (ClientLoopState, LoopStep) {
        key.executionStarted()
        var (loop, step) = begin(createdAt: createdAt, rng: rng)
        guard key.pacesByHeaders, case .send(let first) = step else { return (loop, step) }
        let paced = createdAt + key.pacedDelay(at: createdAt, unit: loop.rng.nextUnit())
        if paced <= first { return (loop, step) }
        if paced - createdAt > timeout { return (loop, .abandoned(at: createdAt)) }
        return (loop, .send(at: paced))
    }

    /// The step after the poll sent at `sentAt` got `reply` at `receivedAt`.
    ///
    /// `scheduleFrom` is the instant the next delay counts from, `receivedAt` unless the
    /// engine says otherwise: the live poller passes the time the answer would have come
    /// had the poll gone out on time, so one late send does not push every later poll back.
    /// `notBefore` is a least wait (header pacing's), 0 for none.
    @inlinable public func next(
        after reply: PollReply, sentAt: Nanoseconds, receivedAt: Nanoseconds, scheduleFrom: Nanoseconds? = nil,
        notBefore: Nanoseconds = 0, state loop: inout ClientLoopState
    ) -> LoopStep {
        let n = loop.turns
        loop.polls += 1
        loop.turns = n + 1
        loop.afterRejection = false
        var observation = PollObservation(poll: n, sentAt: sentAt, receivedAt: receivedAt, createdAt: loop.createdAt)
        var retryAfter: Nanoseconds = notBefore
        switch reply {
        case .execution(let terminal, let progress):
            if terminal {
                loop.lastDelay = 0
                return .detected(at: receivedAt)
            }
            observation.progress = progress
        case .rejected(let wait):
            loop.afterRejection = true
            if honorsRetryAfter, let wait { retryAfter = Swift.max(retryAfter, wait) }
        case .refused:
            loop.lastDelay = 0
            return .errored(at: receivedAt)
        case .failed:
            break
        }
        let delay = Swift.max(strategy.delay(beforePoll: n + 1, after: observation, state: &loop.strategy, rng: &loop.rng), retryAfter)
        loop.lastDelay = delay
        let nextSend = (scheduleFrom ?? receivedAt) + delay
        if nextSend - loop.createdAt > timeout { return .abandoned(at: receivedAt) }
        return .send(at: nextSend)
    }

    /// The step after a turn that sent nothing at `time` (a retry the key's budget could
    /// not pay for): the strategy's next delay, as after a poll that learned nothing. As an
    /// SDK call whose retry the quota refused fails, and the next call starts afresh, the
    /// next poll is not a retry.
    @inlinable public func skipped(at time: Nanoseconds, state loop: inout ClientLoopState) -> LoopStep {
        let n = loop.turns
        loop.turns = n + 1
        loop.afterRejection = false
        let observation = PollObservation(poll: n, sentAt: time, receivedAt: time, createdAt: loop.createdAt)
        let delay = strategy.delay(beforePoll: n + 1, after: observation, state: &loop.strategy, rng: &loop.rng)
        loop.lastDelay = delay
        if time + delay - loop.createdAt > timeout { return .abandoned(at: time) }
        return .send(at: time + delay)
    }

    /// For an execution whose key shares client state (``KeyClientPolicy``), its poll
    /// due at `due`: sent now, held back by the key's send gate until a time to ask again
    /// (``sendAgain(at:key:)``), or skipped when it is a retry the key's budget cannot pay for.
    @inlinable public func send(due: Nanoseconds, key: inout KeyClient, state loop: inout ClientLoopState) -> SendTurn {
        guard key.admit(afterRejection: loop.afterRejection) else { return .skipped(skipped(at: due, state: &loop)) }
        return sendAgain(at: due, key: &key)
    }

    /// A poll the send gate held back asks again at `time`.
    @inlinable public func sendAgain(at time: Nanoseconds, key: inout KeyClient) -> SendTurn {
        if let again = key.gate(at: time) { return .wait(until: again) }
        return .send(at: time)
    }

    /// ``next(after:sentAt:receivedAt:scheduleFrom:notBefore:state:)`` for an execution
    /// whose key shares client state: the key learns from the reply and its quota reading
    /// first, and header pacing sets the least wait.
    @inlinable public func next(
        after reply: PollReply, quota: QuotaReading?, sentAt: Nanoseconds, receivedAt: Nanoseconds, scheduleFrom: Nanoseconds? = nil,
        key: inout KeyClient, state loop: inout ClientLoopState
    ) -> LoopStep {
        key.observe(reply, quota: quota, at: receivedAt)
        let paced = key.pacesByHeaders ? key.pacedDelay(at: receivedAt, unit: loop.rng.nextUnit()) : 0
        return next(after: reply, sentAt: sentAt, receivedAt: receivedAt, scheduleFrom: scheduleFrom, notBefore: paced, state: &loop)
    }
}
