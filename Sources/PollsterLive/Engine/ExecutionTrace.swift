import PollsterCore

/// What one execution's polling loop measured; merged into the strategy's metrics when
/// the loop ends, so the hot path touches no shared state.
struct ExecutionTrace: Sendable {
    enum Ending: Sendable {
        /// A 200 with a terminal status arrived at this scenario time.
        case detected(at: Nanoseconds, lag: Nanoseconds?)
        /// The client gave up (timeout) at this scenario time.
        case abandoned(at: Nanoseconds)
        /// A 401, 403 or 404 (or the execution could not be created) ended the loop.
        case errored(at: Nanoseconds)
        /// The run stopped (Ctrl-C, a cap) before the loop ended.
        case stopped(at: Nanoseconds)
    }

    /// One request: when it went out (scenario time), whether it was a 429, how it failed,
    /// if it did, and its timings.
    struct Poll: Sendable {
        var sentAt: Nanoseconds
        var limited: Bool
        var failure: FailureKind?
        /// Microseconds of scenario time.
        var latency: UInt64
        var latencyFromIntended: UInt64
        /// Microseconds of wall time (see ``LiveMeasurements``).
        var sendLateness: UInt64
        var connectionWait: UInt64
        /// The strategy's delay before the next poll, microseconds of scenario time; nil
        /// after the last poll.
        var nextDelay: UInt64?
    }

    let plan: ExecutionPlan
    var ending: Ending = .stopped(at: 0)
    var polls = 0
    var responses200 = 0
    var responses429 = 0
    var responsesOther4xx = 0
    var responses5xx = 0
    var transportErrors = 0
    /// Every request, in order.
    var log: [Poll] = []

    init(plan: ExecutionPlan) { self.plan = plan }

    /// When the execution left its polling loop.
    var endedAt: Nanoseconds {
        switch ending {
        case .detected(let at, _), .abandoned(let at), .errored(let at), .stopped(let at): return at
        }
    }
}
