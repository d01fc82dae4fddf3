/// Generic cell rate algorithm state: one theoretical arrival time (TAT) instead of a
/// token count. A request at `t` conforms iff `t >= TAT - τ`, with emission interval
/// `T = 1/r` and tolerance `τ = (b - 1) T`; a conforming request sets
/// `TAT = max(TAT, t) + T`. This is a token bucket of `b` tokens seen from the other
/// side (tokens = b - (TAT - t) / T), which is why it must decide exactly like one.
///
/// `T` is rarely a whole number of nanoseconds (1/3 s), so instants are kept as whole
/// nanoseconds plus a fraction in steps of `1 / rate.unitsPerNanosecond` ns: exact
/// rational time, without multiplying absolute times by the rate (which would overflow).
struct GCRA: Sendable, Hashable {
    /// `nanoseconds + fraction / steps` with `fraction` in `[0, steps)`.
    struct Instant: Sendable, Hashable {
        var nanoseconds: Int64
        var fraction: Int64

        @inline(__always) func adding(_ other: Instant, steps: Int64) -> Instant {
            var sum = Instant(nanoseconds: nanoseconds + other.nanoseconds, fraction: fraction + other.fraction)
            if sum.fraction >= steps { sum.fraction -= steps; sum.nanoseconds += 1 }
            return sum
        }

        @inline(__always) func subtracting(_ other: Instant, steps: Int64) -> Instant {
            var difference = Instant(nanoseconds: nanoseconds - other.nanoseconds, fraction: fraction - other.fraction)
            if difference.fraction < 0 { difference.fraction += steps; difference.nanoseconds -= 1 }
            return difference
        }

        /// True when this instant is at or before the whole nanosecond `time`.
        @inline(__always) func isAtOrBefore(_ time: Nanoseconds) -> Bool {
            nanoseconds < time || (nanoseconds == time && fraction == 0)
        }

        /// The duration from `time` to this instant in whole nanoseconds, rounded up.
        @inline(__always) func nanosecondsAfter(_ time: Nanoseconds) -> Int64 {
            nanoseconds - time + (fraction > 0 ? 1 : 0)
        }
    }

    let rate: ExactRate
    let burst: Int
    let capacity: Int64
    let policy: RateLimitPolicy
    let emissionInterval: Instant
    let tolerance: Instant
    var theoreticalArrival = Instant(nanoseconds: .min, fraction: 0)
    /// The latest time seen, so that time never runs backwards (as in ``TokenBucket``).
    var latest: Nanoseconds = .min

    init(rate: Rate, burst: Int) {
        self.rate = ExactRate(perSecond: rate.perSecond, burst: burst)
        self.burst = burst
        capacity = Int64(burst) * self.rate.unitsPerToken
        policy = RateLimitPolicy(quota: burst, window: self.rate.fillSeconds(burst: burst))
        let steps = self.rate.unitsPerNanosecond
        let interval = self.rate.unitsPerToken
        emissionInterval = Instant(nanoseconds: interval / steps, fraction: interval % steps)
        let tau = Int64(burst - 1) * interval
        tolerance = Instant(nanoseconds: tau / steps, fraction: tau % steps)
    }

    @inline(__always) mutating func clamp(_ time: Nanoseconds) -> Nanoseconds {
        if time > latest { latest = time }
        if theoreticalArrival.nanoseconds == .min {
            // Before the first request the bucket is full, which TAT = t expresses.
            theoreticalArrival = Instant(nanoseconds: latest, fraction: 0)
        }
        return latest
    }

    mutating func evaluate(at time: Nanoseconds) -> RateLimiterVerdict {
        let t = clamp(time)
        let steps = rate.unitsPerNanosecond
        let tat = theoreticalArrival
        let earliest = tat.subtracting(tolerance, steps: steps)
        if earliest.isAtOrBefore(t) {
            let next = (tat.isAtOrBefore(t) ? Instant(nanoseconds: t, fraction: 0) : tat)
                .adding(emissionInterval, steps: steps)
            // Tokens left after this request: b - (TAT' - t) / T, in credit units.
            let ahead = (next.nanoseconds - t) * steps + next.fraction
            return RateLimiterVerdict(
                allowed: true, retryAfter: 0, limit: burst,
                remaining: Int((capacity - ahead) / rate.unitsPerToken),
                reset: Time.wholeSecondsRoundedUp(next.nanosecondsAfter(t)),
                policy: policy)
        }
        return RateLimiterVerdict(
            allowed: false,
            retryAfter: max(1, Time.wholeSecondsRoundedUp(earliest.nanosecondsAfter(t))),
            limit: burst, remaining: 0,
            reset: Time.wholeSecondsRoundedUp(tat.nanosecondsAfter(t)),
            policy: policy)
    }

    mutating func consume(at time: Nanoseconds) {
        let t = clamp(time)
        let start = theoreticalArrival.isAtOrBefore(t) ? Instant(nanoseconds: t, fraction: 0) : theoreticalArrival
        theoreticalArrival = start.adding(emissionInterval, steps: rate.unitsPerNanosecond)
    }

    /// Counts a request GCRA denied, as ``TokenBucket/consumeRejected(at:)`` does: TAT
    /// moves on by T, but never beyond t + 2bT (a debt of one burst).
    mutating func consumeRejected(at time: Nanoseconds) {
        let t = clamp(time)
        let steps = rate.unitsPerNanosecond
        let start = theoreticalArrival.isAtOrBefore(t) ? Instant(nanoseconds: t, fraction: 0) : theoreticalArrival
        let moved = start.adding(emissionInterval, steps: steps)
        let debt = 2 * capacity
        let cap = Instant(nanoseconds: t + debt / steps, fraction: debt % steps)
        let capIsEarlier = cap.nanoseconds < moved.nanoseconds
            || (cap.nanoseconds == moved.nanoseconds && cap.fraction < moved.fraction)
        theoreticalArrival = capIsEarlier ? cap : moved
    }
}
