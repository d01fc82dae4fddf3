/// How the server turns a request away when a rate limit (or a lockout) denies it, and
/// which rate-limit header fields it sends: `server.rejection` in a scenario. The
/// simulator and the mock server both follow it; the live client reads what it says.
public struct RejectionStyle: Sendable, Hashable {
    /// How a rejection tells the client when to come back.
    public enum RetryAfterForm: String, Sendable, Hashable, CaseIterable {
        /// `Retry-After: 3`, whole seconds rounded up.
        case seconds
        /// `Retry-After: Wed, 02 Dec 2026 10:00:03 GMT`: the instant the request would be
        /// allowed, rounded up to a whole second (HTTP dates have no fractions).
        case date
        /// No `Retry-After`: clients that honor it fall back to their own delay.
        case none
    }

    /// A family of rate-limit header fields.
    public enum HeaderFamily: String, Sendable, Hashable, CaseIterable {
        /// `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers).
        case ietf
        /// `X-RateLimit-Limit`, `-Remaining`, `-Reset` (seconds from now).
        case xRateLimit
        /// GitHub's: `X-RateLimit-Limit`, `-Remaining`, `-Used`, `-Reset` (Unix seconds),
        /// `-Resource`.
        case github
    }

    /// 429, or 503 for APIs that throttle with Service Unavailable.
    public var status: Int
    public var retryAfter: RetryAfterForm
    /// Whether a rejected request is counted by the limiters as if it had been allowed
    /// (it takes a token, even into debt of at most one burst; it enters the window or the
    /// log). Default false: a rejected request consumes nothing.
    public var countsRejected: Bool
    /// The header families sent on every response of a limited server; empty: none.
    public var headers: [HeaderFamily]

    public init(status: Int = 429, retryAfter: RetryAfterForm = .seconds, countsRejected: Bool = false,
                headers: [HeaderFamily] = [.ietf, .xRateLimit]) {
        self.status = status
        self.retryAfter = retryAfter
        self.countsRejected = countsRejected
        self.headers = headers
    }

    /// 429 with Retry-After in seconds, rejected requests not counted, IETF and
    /// X-RateLimit-* fields: what the mock has always sent.
    public static let standard = RejectionStyle()

    /// The statuses a rejection may use.
    public static let statuses = [429, 503]
}

extension RejectionStyle {
    /// The wait a rejection at `rejectedAt` that says `seconds` tells a client who reads it
    /// at `receivedAt`: the seconds; the time left until the date (at least 0); nil when
    /// the server sends no Retry-After.
    @inlinable public func wait(seconds: Int, rejectedAt: Nanoseconds, receivedAt: Nanoseconds) -> Nanoseconds? {
        switch retryAfter {
        case .seconds: return Nanoseconds(seconds) * Time.nanosecondsPerSecond
        case .date: return Swift.max(0, RetryAfterValue.dateInstant(rejectedAt: rejectedAt, seconds: seconds) - receivedAt)
        case .none: return nil
        }
    }
}
