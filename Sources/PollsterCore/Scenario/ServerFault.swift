/// One fault of `server.faults`: what goes wrong, for which share of requests, and when.
///
/// Faults apply in both engines, at the instant the server evaluates a request (s_n):
/// outages before anything else (no limiter sees the request), lockouts with the rate
/// limits, the rest once a request has been admitted and served, drawn from the
/// execution's own random stream in the order the faults are listed (see ``FaultModel``).
public struct ServerFault: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A 5xx answer with this status, after the usual latency.
        case error(status: Int)
        /// The server is down: every request is answered by a connection reset at once.
        case outage
        /// The answer takes this much longer.
        case latencySpike(extra: Nanoseconds)
        /// The connection is reset after the usual latency, with no answer.
        case reset
        /// The answer's body is cut short (a transport error for the client).
        case truncated
        /// The body's second half comes this much later (a slower answer, not an error).
        case slowBody(extra: Nanoseconds)
        /// After `after` rejections of an API key within `within`, every request of that
        /// key is rejected for `duration`.
        case lockout(LockoutRule)
        /// This share of executions is unknown to the API: every poll of one gets a 404.
        case notFound(share: Double)
    }

    public var kind: Kind
    /// The share of requests hit while the fault is active (1: every one).
    public var rate: Double
    /// When the fault is active; nil: the whole run.
    public var window: FaultWindow?

    public init(_ kind: Kind, rate: Double = 1, window: FaultWindow? = nil) {
        self.kind = kind
        self.rate = rate
        self.window = window
    }
}

/// When a fault is active: from `start` for `length`, repeated every `period` when set.
public struct FaultWindow: Sendable, Hashable {
    public var start: Nanoseconds
    public var length: Nanoseconds
    public var period: Nanoseconds?

    public init(start: Nanoseconds, length: Nanoseconds, period: Nanoseconds? = nil) {
        self.start = start
        self.length = length
        self.period = period
    }

    /// True when scenario time `time` falls in the window (start included, end excluded).
    @inlinable public func contains(_ time: Nanoseconds) -> Bool {
        guard time >= start else { return false }
        var offset = time - start
        if let period, period > 0 { offset %= period }
        return offset < length
    }
}
