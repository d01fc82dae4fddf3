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
/// state is a ``ClientLoopState``.
public struct ClientLoop: Sendable {
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

    /// The step after the poll sent at `sentAt` got `reply` at `receivedAt`.
    ///
    /// `scheduleFrom` is the instant the next delay counts from, `receivedAt` unless the
    /// engine says otherwise: the live poller passes the time the answer would have come
    /// had the poll gone out on time, so one late send does not push every later poll back.
    @inlinable public func next(
        after reply: PollReply, sentAt: Nanoseconds, receivedAt: Nanoseconds, scheduleFrom: Nanoseconds? = nil,
        state loop: inout ClientLoopState
    ) -> LoopStep {
        let n = loop.polls
        loop.polls = n + 1
        var observation = PollObservation(poll: n, sentAt: sentAt, receivedAt: receivedAt, createdAt: loop.createdAt)
        var retryAfter: Nanoseconds = 0
        switch reply {
        case .execution(let terminal, let progress):
            if terminal {
                loop.lastDelay = 0
                return .detected(at: receivedAt)
            }
            observation.progress = progress
        case .rejected(let wait):
            if honorsRetryAfter, let wait { retryAfter = wait }
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
}
