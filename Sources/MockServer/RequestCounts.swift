/// How many requests the mock answered, by kind of answer.
public struct RequestCounts: Sendable, Hashable {
    /// Every request answered.
    public var total: Int
    /// Answered with a 2xx status.
    public var succeeded: Int
    /// Rejected by the rate limits (429).
    public var rateLimited: Int
    /// Rejected for any reason (4xx and 5xx, 429 included).
    public var rejected: Int
    /// Of ``total``, the status polls (`GET /v1/executions/{id}`).
    public var polls: Int

    /// Counts with these values.
    public init(total: Int = 0, succeeded: Int = 0, rateLimited: Int = 0, rejected: Int = 0, polls: Int = 0) {
        self.polls = polls
        self.total = total
        self.succeeded = succeeded
        self.rateLimited = rateLimited
        self.rejected = rejected
    }
}
