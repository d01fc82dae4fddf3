import PollsterCore

/// Safety caps of a live run (essential against real targets).
public struct LiveLimits: Sendable, Hashable {
    /// Client-side ceiling on requests per second over the whole run; nil: none.
    /// Default for non-loopback targets: 50/s.
    public var maxRequestRate: Double?
    /// Stop sending after this many requests; nil: no cap.
    public var maxRequests: Int?
    /// Stop after this much wall-clock time; nil: no cap.
    public var maxDuration: Duration?

    public init(maxRequestRate: Double? = nil, maxRequests: Int? = nil, maxDuration: Duration? = nil) {
        self.maxRequestRate = maxRequestRate
        self.maxRequests = maxRequests
        self.maxDuration = maxDuration
    }

    /// The default ceiling for targets off this machine.
    public static let defaultRemoteRequestRate = 50.0
}
