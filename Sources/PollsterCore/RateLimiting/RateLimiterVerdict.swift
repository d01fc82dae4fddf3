/// What one limiter says about a request at a given time, before it is counted.
///
/// `remaining` and `reset` describe the state *after* this request if it is allowed (as if
/// it were counted), and the current state if it is denied, so that a response's headers
/// read the same whether the server counts first or reports first.
public struct RateLimiterVerdict: Sendable, Hashable {
    /// True when the limiter would let the request through.
    public var allowed: Bool
    /// Whole seconds, rounded up, until a request would be allowed: 0 when allowed, at
    /// least 1 when denied.
    public var retryAfter: Int
    /// The limiter's quota (its policy's `q`: burst, window limit or in-flight limit).
    public var limit: Int
    /// Requests that would still be allowed right after this one (whole tokens, window
    /// slots or in-flight slots left once it is counted); 0 when denied.
    public var remaining: Int
    /// Whole seconds, rounded up, until the quota is fully restored if no further request
    /// comes: the bucket full again, the fixed window over, every logged request out of
    /// the sliding window, the sliding estimate back to 0. Concurrency limits cannot know
    /// when requests finish and report `retryAfter` (0 or 1).
    public var reset: Int
    /// The policy the limiter advertises.
    public var policy: RateLimitPolicy

    /// A verdict with every field given.
    public init(allowed: Bool, retryAfter: Int, limit: Int, remaining: Int, reset: Int, policy: RateLimitPolicy) {
        self.allowed = allowed
        self.retryAfter = retryAfter
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.policy = policy
    }
}
