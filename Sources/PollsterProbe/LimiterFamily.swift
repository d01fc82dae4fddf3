/// The kinds of rate limiter a probe can tell apart. Token bucket and GCRA decide every
/// request identically (GCRA is a token bucket seen from the other side), so no sequence
/// of requests can separate them: they are one answer, ``bucket``.
public enum LimiterFamily: String, Sendable, Hashable, Codable, CaseIterable {
    /// Token bucket or GCRA: `burst` requests at once, then `rate` per second.
    case bucket
    /// `limit` requests per window, windows at fixed instants; the whole quota comes back at once.
    case fixedWindow
    /// `limit` requests in any sliding window; each request's slot comes back a window after it.
    case slidingWindowLog
    /// A fixed-window count with the previous window weighted in; quota comes back gradually.
    case slidingWindowCounter
    /// `limit` requests in flight; sequential requests are never rejected.
    case concurrency

    /// A phrase for people.
    public var title: String {
        switch self {
        case .bucket: return "token bucket / GCRA"
        case .fixedWindow: return "fixed window"
        case .slidingWindowLog: return "sliding window (log)"
        case .slidingWindowCounter: return "sliding window (counter)"
        case .concurrency: return "concurrency limit"
        }
    }

    /// Parameters the family has, a tie-breaker: with equal fits the simpler model wins.
    var complexity: Int {
        switch self {
        case .bucket: return 0
        case .slidingWindowLog: return 1
        case .concurrency: return 1
        case .fixedWindow: return 2
        case .slidingWindowCounter: return 3
        }
    }
}
