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

    let plan: ExecutionPlan
    var ending: Ending = .stopped(at: 0)
    var polls = 0
    var responses200 = 0
    var responses429 = 0
    var responsesOther4xx = 0
    var responses5xx = 0
    var transportErrors = 0
    /// Per request: send time (scenario ns) and whether it was a 429.
    var sends: [(at: Nanoseconds, limited: Bool)] = []
    /// Per answered request, microseconds of scenario time.
    var latencies: [UInt64] = []
    var latenciesFromIntended: [UInt64] = []

    init(plan: ExecutionPlan) { self.plan = plan }

    /// When the execution left its polling loop.
    var endedAt: Nanoseconds {
        switch ending {
        case .detected(let at, _), .abandoned(let at), .errored(let at), .stopped(let at): return at
        }
    }
}
