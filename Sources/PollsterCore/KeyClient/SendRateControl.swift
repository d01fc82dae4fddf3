/// How a key's client-side send rate is set: fixed, or learned from throttling.
public enum SendRateControl: Sendable, Hashable {
    /// A fixed token bucket (client-go's workqueue `BucketRateLimiter`: 10/s, burst 100).
    case fixed(rate: Double, burst: Int)
    /// Additive increase, multiplicative decrease, off until the first throttle: after a
    /// throttle the rate is `decrease` times the rate then in use (at most once per
    /// `cooldown`), then grows by `increase` requests per second every second.
    case aimd(AIMDParameters)
    /// CUBIC as the AWS SDKs' adaptive retry mode (botocore `retries/throttling.py`,
    /// `adaptive.py`): off until the first throttle; after one, w_max is the rate then in
    /// use and the rate is beta * w_max; after t seconds without one it is
    /// C (t - K)^3 + w_max with K = cbrt(w_max (1 - beta) / C); never above twice the
    /// measured send rate.
    case cubic(CubicParameters)

    public var summary: String {
        switch self {
        case .fixed(let rate, let burst): return "client-side bucket \(Time.trimmed(rate))/s, burst \(burst) per key"
        case .aimd(let p):
            return "AIMD send rate per key (+\(Time.trimmed(p.increase))/s per s, x\(Time.trimmed(p.decrease)) on a throttle)"
        case .cubic(let p):
            return "CUBIC send rate per key (C \(Time.trimmed(p.scale)), beta \(Time.trimmed(p.beta)), as AWS adaptive retry)"
        }
    }
}

/// AIMD's parameters (see ``SendRateControl/aimd(_:)``).
public struct AIMDParameters: Sendable, Hashable {
    /// Requests per second added to the rate per second without a throttle.
    public var increase: Double
    /// Factor applied to the rate on a throttle (0 < decrease < 1).
    public var decrease: Double
    /// A throttle within this long of the last decrease does not decrease the rate again.
    public var cooldown: Nanoseconds

    /// +1/s per second, halve on a throttle (TCP Reno's AIMD, RFC 5681, with one second for
    /// a round trip), at most one decrease per second.
    public init(increase: Double = 1, decrease: Double = 0.5, cooldown: Nanoseconds = Time.seconds(1)) {
        self.increase = increase
        self.decrease = decrease
        self.cooldown = cooldown
    }
}

/// CUBIC's parameters (see ``SendRateControl/cubic(_:)``): botocore's defaults.
public struct CubicParameters: Sendable, Hashable {
    /// C, the scale constant (botocore `_SCALE_CONSTANT = 0.4`).
    public var scale: Double
    /// beta, the factor on a throttle (botocore `_BETA = 0.7`).
    public var beta: Double

    public init(scale: Double = 0.4, beta: Double = 0.7) {
        self.scale = scale
        self.beta = beta
    }
}
