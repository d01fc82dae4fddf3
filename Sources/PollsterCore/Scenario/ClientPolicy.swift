/// What a client does besides its strategy: when it gives up and how it treats Retry-After.
public struct ClientPolicy: Sendable, Hashable {
    public enum RetryAfter: String, Sendable, Hashable, Codable {
        /// After a 429 wait max(strategy delay, Retry-After).
        case honor
        /// Ignore Retry-After; the strategy alone decides.
        case ignore
    }

    /// The client abandons an execution when its next poll would be sent later than this
    /// after creation. Default 10 minutes, as the API documentation advises.
    public var timeout: Nanoseconds
    public var retryAfter: RetryAfter

    public init(timeout: Nanoseconds = Time.seconds(600), retryAfter: RetryAfter = .honor) {
        self.timeout = timeout
        self.retryAfter = retryAfter
    }
}
