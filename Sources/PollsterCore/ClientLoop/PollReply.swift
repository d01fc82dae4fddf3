/// What one poll got back, as the client loop sees it: the engines (simulator, live
/// poller) turn a modelled decision or a real HTTP response into one of these.
public enum PollReply: Sendable, Hashable {
    /// A 2xx whose body is an execution: terminal or not, with `progress.percentage` when
    /// the body carried it.
    case execution(terminal: Bool, progress: Double?)
    /// Rejected by a rate limit (429, or a 503 used for it), with its Retry-After as a wait
    /// when the response had one the client could read.
    case rejected(retryAfter: Nanoseconds?)
    /// 401, 403 or 404: the client cannot go on with this execution.
    case refused
    /// Anything else that failed (5xx, other 4xx, a transport error, a 2xx that is not an
    /// execution): counted by the engine, and the loop goes on as after any poll.
    case failed
}
