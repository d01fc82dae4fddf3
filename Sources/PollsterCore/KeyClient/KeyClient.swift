/// The client-side state one API key's executions share: its send gate, retry budget,
/// last quota reading and how many of its executions are polling. The simulator keeps one
/// per key; the live engine one per key behind a lock of its own (a key's executions run
/// on one transport thread, so the lock is never contended). Pure: times come in.
public struct KeyClient: Sendable {
    public private(set) var gate: SendGate?
    public private(set) var budget: RetryBudget?
    /// Whether replies pace the key's executions (`headerPaced`).
    public let pacesByHeaders: Bool
    /// The latest quota reading and when it was received.
    public private(set) var quota: QuotaReading?
    var quotaAt: Nanoseconds = 0
    /// The longest time to a reset the readings of each limit gave: that limit's window (a
    /// fixed window's reset just after it starts, a bucket's time to fill from empty),
    /// which headers such as X-RateLimit-* do not state. By limit, because a server with
    /// several limits reports whichever is the most constraining at the time.
    var windows: [Int: Nanoseconds] = [:]
    /// Executions of the key in their polling loop.
    public private(set) var active = 0

    public init(_ policy: KeyClientPolicy) {
        gate = policy.gate.map(SendGate.init)
        budget = policy.budget.map(RetryBudget.init)
        pacesByHeaders = policy.headerPacing
    }

    public mutating func executionStarted() { active += 1 }
    public mutating func executionEnded() { active -= 1 }

    /// Whether a poll due now may be sent at all: false when it is a retry
    /// (`afterRejection`) the budget cannot pay for (the turn is skipped); a retry it can
    /// pay for is paid for here, once.
    public mutating func admit(afterRejection: Bool) -> Bool {
        if afterRejection, budget != nil, !budget!.spend() { return false }
        return true
    }

    /// An admitted poll at `time` asks the send gate: nil when it goes now (its token
    /// taken), else the time to ask again.
    public mutating func gate(at time: Nanoseconds) -> Nanoseconds? {
        guard gate != nil else { return nil }
        return gate!.take(at: time)
    }

    /// Learns from a reply received at `time`, with the quota its headers reported.
    public mutating func observe(_ reply: PollReply, quota reading: QuotaReading?, at time: Nanoseconds) {
        var throttled = false
        switch reply {
        case .execution: budget?.deposit()
        case .rejected: throttled = true
        case .refused, .failed: break
        }
        gate?.observe(throttled: throttled, at: time)
        if pacesByHeaders, let reading {
            quota = reading
            quotaAt = time
            windows[reading.limit ?? 0] = Swift.max(windows[reading.limit ?? 0] ?? 0, reading.reset)
        }
    }

    /// `headerPaced`: the least wait, from `time`, that keeps the key within the quota its
    /// latest reading reported when each of its A active executions takes an equal share:
    ///
    /// - r remaining of at least A: an equal share of what is left until the reset,
    ///   `A t / r`;
    /// - fewer than A left: the execution's share of this window is the fraction r / A of
    ///   its turn; the rest of its turn comes after the reset at the pace of the whole
    ///   quota q, which serves every execution once per `C = W A / q` (W: the window, the
    ///   longest reset seen for this limit, at least 1 s): `t + (1 - r / A) C`;
    /// - nothing left: after the reset, at a random point of the turn around its middle,
    ///   `t + (0.5 + U) C` (`unit` is U, in [0, 1)), so the rejected do not all come back
    ///   at once.
    ///
    /// 0 without a reading.
    public func pacedDelay(at time: Nanoseconds, unit: Double) -> Nanoseconds {
        guard pacesByHeaders, let quota else { return 0 }
        let reset = Double(Swift.max(0, quota.reset - (time - quotaAt)))
        let sharing = Double(Swift.max(1, active))
        let window = Swift.max(Double(windows[quota.limit ?? 0] ?? 0), reset, 1e9)
        let turn = window * sharing / Double(Swift.max(1, quota.limit ?? 1))
        let remaining = Double(quota.remaining)
        if remaining <= 0 { return Nanoseconds(reset + (0.5 + unit) * turn) }
        if remaining >= sharing { return Nanoseconds(reset * sharing / remaining) }
        return Nanoseconds(reset + (1 - remaining / sharing) * turn)
    }
}
