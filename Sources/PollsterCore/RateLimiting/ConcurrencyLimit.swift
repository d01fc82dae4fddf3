/// Concurrency limit state: at most `limit` requests in flight; counted requests hold a
/// slot until released.
struct ConcurrencyLimit: Sendable, Hashable {
    let limit: Int
    let policy: RateLimitPolicy
    var inFlight = 0

    init(limit: Int) {
        precondition(limit >= 1, "a concurrency limit must be at least 1, got \(limit)")
        self.limit = limit
        policy = RateLimitPolicy(quota: limit, window: nil)
    }

    func evaluate() -> RateLimiterVerdict {
        if inFlight < limit {
            return RateLimiterVerdict(allowed: true, retryAfter: 0, limit: limit,
                                      remaining: limit - inFlight - 1, reset: 0, policy: policy)
        }
        // The limiter cannot know when a slot frees up: one second is the conventional hint.
        return RateLimiterVerdict(allowed: false, retryAfter: 1, limit: limit, remaining: 0, reset: 1, policy: policy)
    }

    mutating func consume() { inFlight += 1 }

    /// Frees a slot; extra releases are ignored rather than letting the count go negative.
    mutating func release() { inFlight = max(0, inFlight - 1) }
}
