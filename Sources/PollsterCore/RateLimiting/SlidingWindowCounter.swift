/// Sliding-window counter state: counts in fixed windows aligned to multiples of `W`,
/// with the previous window weighted by how much of it still overlaps the sliding one:
/// `estimate = previous * (W - elapsed) / W + current`.
///
/// A request is allowed iff `estimate + 1 <= limit`: counted, it must keep the estimate
/// within the limit (so `estimate = 9.5` of 10 is denied, since 10.5 would exceed it).
/// All comparisons are multiplied through by `W` and done in `Int128`, so boundaries are
/// exact (`limit * W` overflows `Int64` for large limits and hour-long windows).
struct SlidingWindowCounter: Sendable, Hashable {
    let limit: Int
    let window: Nanoseconds
    let policy: RateLimitPolicy
    var windowStart: Nanoseconds = .min
    var previous = 0
    var current = 0
    var latest: Nanoseconds = .min

    init(limit: Int, window: Nanoseconds) {
        precondition(limit >= 1, "a window limit must be at least 1, got \(limit)")
        precondition(window > 0, "a window must be longer than 0, got \(window) ns")
        self.limit = limit
        self.window = window
        policy = RateLimitPolicy(quota: limit, window: Time.wholeSecondsRoundedUp(window))
    }

    /// Rolls the windows forward to the one holding `time` (never backwards).
    @inline(__always) mutating func advance(to time: Nanoseconds) -> Nanoseconds {
        if time > latest { latest = time }
        let t = latest
        if windowStart == .min {
            windowStart = t >= 0 ? t / window * window : -((-t + window - 1) / window) * window
        } else if t >= windowStart + window {
            let start = t >= 0 ? t / window * window : -((-t + window - 1) / window) * window
            previous = start == windowStart + window ? current : 0
            current = 0
            windowStart = start
        }
        return t
    }

    mutating func evaluate(at time: Nanoseconds) -> RateLimiterVerdict {
        let t = advance(to: time)
        let w = Int128(window)
        let elapsed = Int128(t - windowStart)
        // estimate * W, exactly.
        let scaledEstimate = Int128(previous) * (w - elapsed) + Int128(current) * w
        let scaledRoom = Int128(limit - 1) * w - scaledEstimate
        if scaledRoom >= 0 {
            // Quota fully back once this request's window and the one after it are over.
            let reset = Int64(windowStart + 2 * window - t)
            return RateLimiterVerdict(allowed: true, retryAfter: 0, limit: limit,
                                      remaining: Int(scaledRoom / w),
                                      reset: Time.wholeSecondsRoundedUp(reset), policy: policy)
        }
        let reset: Nanoseconds = current > 0 ? windowStart + 2 * window - t : windowStart + window - t
        return RateLimiterVerdict(allowed: false, retryAfter: max(1, Time.wholeSecondsRoundedUp(waitUntilAllowed(at: t))),
                                  limit: limit, remaining: 0,
                                  reset: Time.wholeSecondsRoundedUp(reset), policy: policy)
    }

    /// Nanoseconds from `t` until `estimate + 1 <= limit` again, if no request is counted
    /// meanwhile. The estimate falls linearly while the previous window slides out, then
    /// the current count becomes the previous one at the next window start.
    func waitUntilAllowed(at t: Nanoseconds) -> Nanoseconds {
        let w = Int128(window)
        let room = Int128(limit - 1)
        if Int128(current) <= room {
            // Still in this window: need previous * (W - e) <= (limit - 1 - current) * W,
            // i.e. e >= W - floor((limit - 1 - current) * W / previous). previous > 0 here,
            // since with previous == 0 the request would have been allowed.
            let allowance = (room - Int128(current)) * w / Int128(previous)
            let elapsedNeeded = w - allowance
            return windowStart + Int64(elapsedNeeded) - t
        }
        // Only in the next window, where previous = current and current = 0:
        // current * (W - e) <= (limit - 1) * W, i.e. e >= ceil((current - limit + 1) * W / current).
        let excess = (Int128(current) - room) * w
        let elapsedNeeded = min(w, (excess + Int128(current) - 1) / Int128(current))
        return windowStart + window + Int64(elapsedNeeded) - t
    }

    mutating func consume(at time: Nanoseconds) {
        _ = advance(to: time)
        current += 1
    }
}
