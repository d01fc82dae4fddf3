import Foundation
public import PollsterCore

/// One candidate explanation of a timeline: a limiter family with its parameters, and
/// where the server's windows start relative to the probe's clock.
public struct LimiterHypothesis: Sendable, Hashable, Codable {
    public var family: LimiterFamily
    /// The burst (bucket), the window's limit, or the in-flight limit.
    public var limit: Int
    /// Requests per second (bucket only).
    public var rate: Double?
    /// The window in seconds (window families only).
    public var window: Double?
    /// Seconds to add to the probe's clock to land on the server's window grid (fixed
    /// windows and the counter align windows to multiples of the window).
    public var phase: Double
    /// Whether rejected requests are counted by the limiter.
    public var countsRejected: Bool

    public init(family: LimiterFamily, limit: Int, rate: Double? = nil, window: Double? = nil, phase: Double = 0,
                countsRejected: Bool = false) {
        self.family = family
        self.limit = limit
        self.rate = rate
        self.window = window
        self.phase = phase
        self.countsRejected = countsRejected
    }

    /// The algorithm as a scenario writes it; a bucket is written as a token bucket.
    public var algorithm: RateLimitAlgorithm {
        let window = Time.seconds(Swift.max(self.window ?? 1, 1e-6))
        switch family {
        case .bucket: return .tokenBucket(rate: Rate(perSecond: rate ?? 1), burst: limit)
        case .fixedWindow: return .fixedWindow(limit: limit, window: window)
        case .slidingWindowLog: return .slidingWindowLog(limit: limit, window: window)
        case .slidingWindowCounter: return .slidingWindowCounter(limit: limit, window: window)
        case .concurrency: return .concurrency(limit: limit)
        }
    }

    /// For example `token bucket / GCRA: 10/s, burst 20`.
    public var summary: String {
        switch family {
        case .bucket: return "\(family.title): \(Self.number(rate ?? 0))/s, burst \(limit)"
        case .fixedWindow, .slidingWindowLog, .slidingWindowCounter:
            return "\(family.title): \(limit) per \(Self.number(window ?? 0)) s"
        case .concurrency: return "\(family.title): \(limit) in flight"
        }
    }

    /// A number with at most three significant decimals, no trailing zeros.
    static func number(_ value: Double) -> String {
        let digits = value >= 100 ? 1 : value >= 10 ? 2 : 3
        var text = String(format: "%.\(digits)f", value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
