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
    /// The `RateLimit-Policy` field value listing every limiter that applied, e.g.
    /// `"apikey";q=20;w=2, "global";q=2000;w=60` (see ``RateLimitHeaders``); empty when
    /// no limit is configured.
    public var policy: String
    /// The name of the most constraining limiter's policy in ``policy`` (e.g. `apikey`),
    /// which the `RateLimit` field reports on; empty when no limit is configured.
    public var policyName: String

    /// A decision with every field given; `policyName` names the limiter that `limit`,
    /// `remaining` and `reset` describe.
    public init(allowed: Bool, retryAfter: Int, limit: Int, remaining: Int, reset: Int, policy: String, policyName: String = "") {
        self.allowed = allowed
        self.retryAfter = retryAfter
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.policy = policy
        self.policyName = policyName
    }

    /// The decision when no limit is configured.
    public static let unlimited = RateLimitDecision(allowed: true, retryAfter: 0, limit: 0, remaining: 0, reset: 0, policy: "")
}
