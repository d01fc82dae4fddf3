/// The quota policy one limiter advertises in `RateLimit-Policy`: `quota` requests per
/// `window` seconds, or `quota` in flight when there is no window (concurrency).
public struct RateLimitPolicy: Sendable, Hashable {
    /// Requests the policy allows (`q`): the burst, the window's limit or the in-flight limit.
    public var quota: Int
    /// The policy's time window in whole seconds (`w`), rounded up; nil for concurrency.
    public var window: Int?

    /// A policy of `quota` requests per `window` seconds.
    public init(quota: Int, window: Int?) {
        self.quota = quota
        self.window = window
    }

    /// The policy an algorithm advertises: token bucket and GCRA `q=burst`,
    /// `w=ceil(burst / rate)` (the time an empty bucket takes to fill); windowed limits
    /// `q=limit`, `w=window`; concurrency `q=limit` and no window.
    public init(_ algorithm: RateLimitAlgorithm) {
        switch algorithm {
        case .tokenBucket(let rate, let burst), .gcra(let rate, let burst):
            let exact = ExactRate(perSecond: rate.perSecond, burst: burst)
            self.init(quota: burst, window: exact.fillSeconds(burst: burst))
        case .fixedWindow(let limit, let window),
             .slidingWindowLog(let limit, let window),
             .slidingWindowCounter(let limit, let window):
            self.init(quota: limit, window: Time.wholeSecondsRoundedUp(window))
        case .concurrency(let limit):
            self.init(quota: limit, window: nil)
        }
    }

    /// The policy's parameters in structured-field syntax, e.g. `q=20;w=2`.
    public var parameters: String {
        if let window { return "q=\(quota);w=\(window)" }
        return "q=\(quota)"
    }
}
