/// Fixed-window counter state: at most `limit` requests in each window
/// `[k W, (k + 1) W)`, windows aligned to multiples of `W` from time 0.
struct FixedWindow: Sendable, Hashable {
    let limit: Int
    let window: Nanoseconds
    let policy: RateLimitPolicy
    var windowStart: Nanoseconds = .min
    var count = 0

    init(limit: Int, window: Nanoseconds) {
        precondition(limit >= 1, "a window limit must be at least 1, got \(limit)")
        precondition(window > 0, "a window must be longer than 0, got \(window) ns")
        self.limit = limit
        self.window = window
        policy = RateLimitPolicy(quota: limit, window: Time.wholeSecondsRoundedUp(window))
    }

    /// Moves to the window holding `time`; an earlier time stays in the current window.
    @inline(__always) mutating func advance(to time: Nanoseconds) {
        guard windowStart == .min || time >= windowStart + window else { return }
        // Floor division, so that negative times also land on multiples of the window.
        let index = time >= 0 ? time / window : -((-time + window - 1) / window)
        windowStart = index * window
        count = 0
    }

    mutating func evaluate(at time: Nanoseconds) -> RateLimiterVerdict {
        advance(to: time)
        let untilEnd = Time.wholeSecondsRoundedUp(windowStart + window - max(time, windowStart))
        if count < limit {
            return RateLimiterVerdict(allowed: true, retryAfter: 0, limit: limit,
                                      remaining: limit - count - 1, reset: untilEnd, policy: policy)
        }
        return RateLimiterVerdict(allowed: false, retryAfter: max(1, untilEnd), limit: limit,
                                  remaining: 0, reset: untilEnd, policy: policy)
    }

    mutating func consume(at time: Nanoseconds) {
        advance(to: time)
        count += 1
    }
}
