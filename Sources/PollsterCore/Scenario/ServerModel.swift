/// The API's behaviour: its response latency, rate limits and capacity. The simulator
/// models it and the embedded mock server implements it.
public struct ServerModel: Sendable, Hashable {
    public var latency: Distribution
    public var rateLimits: [RateLimitRule]
    /// Workers and queue bound; nil: unlimited capacity (latency independent of load).
    public var capacity: ServerCapacity?

    public init(latency: Distribution = .fixed(0), rateLimits: [RateLimitRule] = [], capacity: ServerCapacity? = nil) {
        self.latency = latency
        self.rateLimits = rateLimits
        self.capacity = capacity
    }
}
