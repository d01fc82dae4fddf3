/// Sliding-window log state: a request at `t` is allowed iff fewer than `limit` accepted
/// requests lie in `(t - W, t]`.
///
/// The accepted times live in a ring of `limit` slots owned by ``RateLimiter`` and passed
/// in, not stored here: an array inside an enum payload would be copied on every
/// mutation (the payload and the enum would both hold it).
struct SlidingWindowLog: Sendable, Hashable {
    let limit: Int
    let window: Nanoseconds
    let policy: RateLimitPolicy
    /// Ring index of the oldest logged request.
    var head = 0
    /// Logged requests still in the window.
    var count = 0
    var latest: Nanoseconds = .min

    init(limit: Int, window: Nanoseconds) {
        precondition(limit >= 1, "a window limit must be at least 1, got \(limit)")
        precondition(window > 0, "a window must be longer than 0, got \(window) ns")
        self.limit = limit
        self.window = window
        policy = RateLimitPolicy(quota: limit, window: Time.wholeSecondsRoundedUp(window))
    }

    /// Drops requests that have left the window: a request at `e` is in it while `t < e + W`.
    @inline(__always) mutating func advance(to time: Nanoseconds, ring: inout [Nanoseconds]) -> Nanoseconds {
        if time > latest { latest = time }
        let t = latest
        while count > 0, ring[head] <= t - window {
            head = head + 1 == limit ? 0 : head + 1
            count -= 1
        }
        return t
    }

    mutating func evaluate(at time: Nanoseconds, ring: inout [Nanoseconds]) -> RateLimiterVerdict {
        let t = advance(to: time, ring: &ring)
        if count < limit {
            // Counted, this request is the newest and leaves the window last.
            return RateLimiterVerdict(allowed: true, retryAfter: 0, limit: limit,
                                      remaining: limit - count - 1,
                                      reset: Time.wholeSecondsRoundedUp(window), policy: policy)
        }
        let oldest = ring[head]
        var newestSlot = head + count - 1
        if newestSlot >= limit { newestSlot -= limit }
        let newest = ring[newestSlot]
        return RateLimiterVerdict(allowed: false,
                                  retryAfter: max(1, Time.wholeSecondsRoundedUp(oldest + window - t)),
                                  limit: limit, remaining: 0,
                                  reset: Time.wholeSecondsRoundedUp(newest + window - t), policy: policy)
    }

    mutating func consume(at time: Nanoseconds, ring: inout [Nanoseconds]) {
        let t = advance(to: time, ring: &ring)
        // A full ring means the caller counted a request the log denied; the oldest entry
        // makes room so the log keeps its `limit` most recent requests.
        if count == limit {
            head = head + 1 == limit ? 0 : head + 1
            count -= 1
        }
        var slot = head + count
        if slot >= limit { slot -= limit }
        ring[slot] = t
        count += 1
    }
}
