/// The API's behaviour: its response latency and rate limits. The simulator models it and
/// the embedded mock server implements it.
public struct ServerModel: Sendable, Hashable {
    public var latency: Distribution
    public var rateLimits: [RateLimitRule]

    public init(latency: Distribution = .fixed(0), rateLimits: [RateLimitRule] = []) {
        self.latency = latency
        self.rateLimits = rateLimits
    }
}
