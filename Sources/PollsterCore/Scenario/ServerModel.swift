/// The API's behaviour: its response latency, rate limits, capacity, how it rejects and
/// what goes wrong. The simulator models it and the embedded mock server implements it.
public struct ServerModel: Sendable, Hashable {
    public var latency: Distribution
    public var rateLimits: [RateLimitRule]
    /// Workers and queue bound; nil: unlimited capacity (latency independent of load).
    public var capacity: ServerCapacity?
    /// The status, Retry-After and header fields of a rejection (`server.rejection`).
    public var rejection: RejectionStyle
    /// Errors, outages, latency spikes, lockouts, resets, truncated and slow bodies,
    /// unknown executions (`server.faults`), in the order given.
    public var faults: [ServerFault]

    public init(latency: Distribution = .fixed(0), rateLimits: [RateLimitRule] = [], capacity: ServerCapacity? = nil,
                rejection: RejectionStyle = .standard, faults: [ServerFault] = []) {
        self.latency = latency
        self.rateLimits = rateLimits
        self.capacity = capacity
        self.rejection = rejection
        self.faults = faults
    }
}
