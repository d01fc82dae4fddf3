/// The verdict of the rate limits on one request, with everything the response headers
/// need (`Retry-After`, `RateLimit-Policy`, `RateLimit`, `X-RateLimit-*`).
public struct RateLimitDecision: Sendable, Hashable {
    /// True when every applicable limiter allowed the request (and it was counted).
    public var allowed: Bool
    /// Whole seconds, rounded up, until the request would be allowed; 0 when allowed.
    public var retryAfter: Int
    /// The quota of the most constraining limiter (the one with the fewest remaining).
    public var limit: Int
    /// Requests left in that limiter's quota after this one.
    public var remaining: Int
    /// Whole seconds until that limiter's quota is fully restored (its window resets).
    public var reset: Int
    /// The `RateLimit-Policy` value for all limiters that applied, e.g. `10;w=1;burst=20`.
    public var policy: String

    public init(allowed: Bool, retryAfter: Int, limit: Int, remaining: Int, reset: Int, policy: String) {
        self.allowed = allowed
        self.retryAfter = retryAfter
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.policy = policy
    }

    /// The decision when no limit is configured.
    public static let unlimited = RateLimitDecision(allowed: true, retryAfter: 0, limit: 0, remaining: 0, reset: 0, policy: "")
}
