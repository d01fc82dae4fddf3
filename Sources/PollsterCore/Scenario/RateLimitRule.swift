/// Whom a rate limit counts: each API key separately, or all requests together.
public enum RateLimitScope: String, Sendable, Hashable, Codable {
    case apiKey
    case global
}

/// A rate-limiting algorithm with its parameters (DESIGN.md, "Rate limiters").
public enum RateLimitAlgorithm: Sendable, Hashable {
    case tokenBucket(rate: Rate, burst: Int)
    case gcra(rate: Rate, burst: Int)
    case fixedWindow(limit: Int, window: Nanoseconds)
    case slidingWindowLog(limit: Int, window: Nanoseconds)
    case slidingWindowCounter(limit: Int, window: Nanoseconds)
    case concurrency(limit: Int)

    /// The algorithm's name as written in scenario files.
    public var name: String {
        switch self {
        case .tokenBucket: return "tokenBucket"
        case .gcra: return "gcra"
        case .fixedWindow: return "fixedWindow"
        case .slidingWindowLog: return "slidingWindowLog"
        case .slidingWindowCounter: return "slidingWindowCounter"
        case .concurrency: return "concurrency"
        }
    }

    public var summary: String {
        switch self {
        case .tokenBucket(let rate, let burst): return "token bucket \(rate), burst \(burst)"
        case .gcra(let rate, let burst): return "GCRA \(rate), burst \(burst)"
        case .fixedWindow(let limit, let window): return "\(limit) per fixed \(Time.describe(window)) window"
        case .slidingWindowLog(let limit, let window): return "\(limit) per sliding \(Time.describe(window)) (log)"
        case .slidingWindowCounter(let limit, let window): return "\(limit) per sliding \(Time.describe(window)) (counter)"
        case .concurrency(let limit): return "\(limit) requests in flight"
        }
    }
}

/// One configured rate limit: an algorithm applied per scope.
public struct RateLimitRule: Sendable, Hashable {
    public var scope: RateLimitScope
    public var algorithm: RateLimitAlgorithm

    public init(scope: RateLimitScope, algorithm: RateLimitAlgorithm) {
        self.scope = scope
        self.algorithm = algorithm
    }
}
