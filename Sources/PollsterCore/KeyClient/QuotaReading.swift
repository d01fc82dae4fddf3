/// What a response's rate-limit headers said about the key's quota, as a client reads it.
public struct QuotaReading: Sendable, Hashable {
    /// Requests left in the quota.
    public var remaining: Int
    /// Time until the quota is restored (scenario time).
    public var reset: Nanoseconds
    /// The quota itself, when the headers gave it.
    public var limit: Int?

    public init(remaining: Int, reset: Nanoseconds, limit: Int?) {
        self.remaining = remaining
        self.reset = reset
        self.limit = limit
    }

    /// From parsed header values (the most constraining policy's); nil unless they give
    /// both how many remain and when the quota is restored.
    public init?(_ headers: RateLimitHeaders) {
        guard let remaining = headers.remaining, let reset = headers.reset else { return nil }
        self.init(remaining: Swift.max(0, remaining), reset: Nanoseconds(Swift.max(0, reset)) * Time.nanosecondsPerSecond, limit: headers.limit)
    }

    /// From the server model's decision (the simulator's reading of the same headers).
    public init(_ decision: RateLimitDecision) {
        self.init(remaining: Swift.max(0, decision.remaining), reset: Nanoseconds(Swift.max(0, decision.reset)) * Time.nanosecondsPerSecond,
                  limit: decision.limit)
    }
}
