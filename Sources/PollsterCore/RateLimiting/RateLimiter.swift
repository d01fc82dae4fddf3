/// One rate limiter: one ``RateLimitRule``'s algorithm for one scope instance (one API key,
/// or the whole server). Pure and clock-free: the caller passes the time, so the
/// simulator (virtual time) and the mock server (scaled wall time) share it.
///
/// A request is first evaluated, and counted with ``consume(at:)`` only if every limiter
/// that applies allowed it, so that a rejected request consumes nothing anywhere.
/// Times should not decrease; an earlier time than one already seen counts as the latest
/// one seen (concurrent requests in a live server can arrive slightly out of order).
///
/// The state is an enum of plain structs rather than a protocol, so calls dispatch with a
/// switch and nothing is allocated per request; only ``RateLimitAlgorithm/slidingWindowLog(limit:window:)``
/// allocates, once, a ring of `limit` timestamps.
public struct RateLimiter: Sendable {
    enum State: Sendable {
        case tokenBucket(TokenBucket)
        case gcra(GCRA)
        case fixedWindow(FixedWindow)
        case slidingWindowLog(SlidingWindowLog)
        case slidingWindowCounter(SlidingWindowCounter)
        case concurrency(ConcurrencyLimit)
    }

    var state: State
    /// The sliding log's ring of accepted request times; empty for other algorithms. Kept
    /// outside `state` so that mutating it never copies it (see ``SlidingWindowLog``).
    var log: [Nanoseconds]

    /// A limiter in its initial state: buckets full, windows and logs empty, nothing in
    /// flight. Parameters must be positive (rates, bursts, limits, windows).
    public init(_ algorithm: RateLimitAlgorithm) {
        log = []
        switch algorithm {
        case .tokenBucket(let rate, let burst):
            state = .tokenBucket(TokenBucket(rate: rate, burst: burst))
        case .gcra(let rate, let burst):
            state = .gcra(GCRA(rate: rate, burst: burst))
        case .fixedWindow(let limit, let window):
            state = .fixedWindow(FixedWindow(limit: limit, window: window))
        case .slidingWindowLog(let limit, let window):
            state = .slidingWindowLog(SlidingWindowLog(limit: limit, window: window))
            log = [Nanoseconds](repeating: 0, count: limit)
        case .slidingWindowCounter(let limit, let window):
            state = .slidingWindowCounter(SlidingWindowCounter(limit: limit, window: window))
        case .concurrency(let limit):
            state = .concurrency(ConcurrencyLimit(limit: limit))
        }
    }

    /// Whether a request at `time` would be allowed, with its headers' numbers. Does not
    /// count the request; it may bring time-based state (refill, window roll) up to `time`.
    public mutating func evaluate(at time: Nanoseconds) -> RateLimiterVerdict {
        switch state {
        case .tokenBucket(var bucket):
            let verdict = bucket.evaluate(at: time)
            state = .tokenBucket(bucket)
            return verdict
        case .gcra(var gcra):
            let verdict = gcra.evaluate(at: time)
            state = .gcra(gcra)
            return verdict
        case .fixedWindow(var window):
            let verdict = window.evaluate(at: time)
            state = .fixedWindow(window)
            return verdict
        case .slidingWindowLog(var window):
            let verdict = window.evaluate(at: time, ring: &log)
            state = .slidingWindowLog(window)
            return verdict
        case .slidingWindowCounter(var window):
            let verdict = window.evaluate(at: time)
            state = .slidingWindowCounter(window)
            return verdict
        case .concurrency(let limit):
            return limit.evaluate()
        }
    }

    /// A limiter alone deciding a request at `time`: ``evaluate(at:)``, then
    /// ``consume(at:)`` when allowed or, when `countsRejected`, ``consumeRejected(at:)``
    /// when denied. The same state change as those calls, in one step (the simulator's path
    /// when a server has a single limit).
    public mutating func admit(at time: Nanoseconds, countsRejected: Bool) -> RateLimitAdmission {
        if case .tokenBucket(var bucket) = state {
            let admission = bucket.admit(at: time, countsRejected: countsRejected)
            state = .tokenBucket(bucket)
            return admission
        }
        let verdict = evaluate(at: time)
        if verdict.allowed {
            consume(at: time)
        } else if countsRejected {
            consumeRejected(at: time)
        }
        return RateLimitAdmission(allowed: verdict.allowed, retryAfter: verdict.retryAfter)
    }

    /// Counts a request at `time` that was allowed.
    public mutating func consume(at time: Nanoseconds) {
        switch state {
        case .tokenBucket(var bucket):
            bucket.consume(at: time)
            state = .tokenBucket(bucket)
        case .gcra(var gcra):
            gcra.consume(at: time)
            state = .gcra(gcra)
        case .fixedWindow(var window):
            window.consume(at: time)
            state = .fixedWindow(window)
        case .slidingWindowLog(var window):
            window.consume(at: time, ring: &log)
            state = .slidingWindowLog(window)
        case .slidingWindowCounter(var window):
            window.consume(at: time)
            state = .slidingWindowCounter(window)
        case .concurrency(var limit):
            limit.consume()
            state = .concurrency(limit)
        }
    }

    /// Counts a request that was denied, for a server whose rejected requests count
    /// against the limit: a bucket goes into debt (at most one burst), a window or log
    /// records it; a concurrency limit holds nothing for it.
    public mutating func consumeRejected(at time: Nanoseconds) {
        switch state {
        case .tokenBucket(var bucket):
            bucket.consumeRejected(at: time)
            state = .tokenBucket(bucket)
        case .gcra(var gcra):
            gcra.consumeRejected(at: time)
            state = .gcra(gcra)
        case .fixedWindow, .slidingWindowLog, .slidingWindowCounter:
            consume(at: time)
        case .concurrency:
            break
        }
    }

    /// Marks a counted request as finished at `time`. Only a concurrency limit holds
    /// requests; for every other algorithm this does nothing.
    public mutating func release(at time: Nanoseconds) {
        guard case .concurrency(var limit) = state else { return }
        limit.release()
        state = .concurrency(limit)
    }

    /// True for a concurrency limit, the one kind that needs ``release(at:)``.
    public var isConcurrencyLimit: Bool {
        if case .concurrency = state { return true }
        return false
    }
}
