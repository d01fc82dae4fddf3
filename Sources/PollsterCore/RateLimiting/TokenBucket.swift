/// Token bucket state: `burst` tokens, refilled continuously at `rate`; a request takes one.
///
/// Credit is kept in exact integer units (see ``ExactRate``), so the update
/// `tokens = min(b, tokens + (t - t_last) r)` has no rounding and agrees with ``GCRA``.
struct TokenBucket: Sendable, Hashable {
    let rate: ExactRate
    let burst: Int
    let capacity: Int64
    let policy: RateLimitPolicy
    /// Tokens held, in credit units.
    var credit: Int64
    /// The last time credit was brought up to date; `.min` before the first request.
    var updated: Nanoseconds = .min

    init(rate: Rate, burst: Int) {
        self.rate = ExactRate(perSecond: rate.perSecond, burst: burst)
        self.burst = burst
        capacity = Int64(burst) * self.rate.unitsPerToken
        policy = RateLimitPolicy(quota: burst, window: self.rate.fillSeconds(burst: burst))
        credit = capacity
    }

    /// Refills up to `time`. Time never runs backwards for a limiter: an earlier time is
    /// treated as the latest one seen, so requests racing in a live server stay consistent.
    @inline(__always) mutating func advance(to time: Nanoseconds) {
        if updated == .min { updated = time; return }
        guard time > updated else { return }
        let elapsed = time - updated
        updated = time
        let missing = capacity - credit
        guard missing > 0 else { return }
        // min(capacity, credit + elapsed * rate), exactly: the product can overflow after a
        // long idle period, and then the bucket is full.
        let (refill, overflow) = elapsed.multipliedReportingOverflow(by: rate.unitsPerNanosecond)
        credit = overflow || refill >= missing ? capacity : credit + refill
    }

    mutating func evaluate(at time: Nanoseconds) -> RateLimiterVerdict {
        advance(to: time)
        let cost = rate.unitsPerToken
        if credit >= cost {
            let after = credit - cost
            return RateLimiterVerdict(
                allowed: true, retryAfter: 0, limit: burst,
                remaining: Int(after / cost),
                reset: rate.secondsToRefill(capacity - after),
                policy: policy)
        }
        // Retry-After = ceil((1 - tokens) / r).
        return RateLimiterVerdict(
            allowed: false, retryAfter: max(1, rate.secondsToRefill(cost - credit)), limit: burst,
            remaining: 0,
            reset: rate.secondsToRefill(capacity - credit),
            policy: policy)
    }

    /// ``evaluate(at:)`` then ``consume(at:)`` when allowed (``consumeRejected(at:)`` when
    /// denied and `countsRejected`): the same state change, computing only what a
    /// simulated client reads (allow or deny, and Retry-After).
    @inline(__always) mutating func admit(at time: Nanoseconds, countsRejected: Bool) -> RateLimitAdmission {
        advance(to: time)
        let cost = rate.unitsPerToken
        if credit >= cost {
            credit -= cost
            return RateLimitAdmission(allowed: true, retryAfter: 0)
        }
        let retryAfter = max(1, rate.secondsToRefill(cost - credit))
        if countsRejected { credit = max(credit - cost, -capacity) }
        return RateLimitAdmission(allowed: false, retryAfter: retryAfter)
    }

    mutating func consume(at time: Nanoseconds) {
        advance(to: time)
        credit -= rate.unitsPerToken
    }

    /// Counts a request the bucket denied (`rejection.countRejected`): it takes a token it
    /// does not have, into a debt of at most one burst.
    mutating func consumeRejected(at time: Nanoseconds) {
        advance(to: time)
        credit = max(credit - rate.unitsPerToken, -capacity)
    }
}
