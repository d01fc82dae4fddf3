/// How executions are submitted over time.
public enum ArrivalProcess: Sendable, Hashable {
    /// Exponential inter-arrival times with this mean rate.
    case poisson(Rate)
    /// Evenly spaced at this rate, the first at time 0.
    case uniform(Rate)
    /// Every execution at the same instant.
    case burst(at: Nanoseconds)
    /// A rate rising (or falling) linearly from `from` to `to` over `over`, then constant;
    /// arrivals are a non-homogeneous Poisson process with that rate.
    case ramp(from: Rate, to: Rate, over: Nanoseconds)

    public var summary: String {
        switch self {
        case .poisson(let rate): return "Poisson arrivals at \(rate)"
        case .uniform(let rate): return "evenly spaced arrivals at \(rate)"
        case .burst(let at): return "all submitted at once at \(Time.describe(at))"
        case .ramp(let from, let to, let over):
            return "arrivals ramping from \(from) to \(to) over \(Time.describe(over))"
        }
    }
}

extension ArrivalProcess {
    /// Roughly when the last of `count` executions arrives (its mean, for random arrivals).
    public func expectedSpan(of count: Int) -> Nanoseconds {
        let n = Double(Swift.max(0, count - 1))
        switch self {
        case .poisson(let rate), .uniform(let rate):
            return rate.perSecond > 0 ? Time.seconds(n / rate.perSecond) : 0
        case .burst(let at):
            return at
        case .ramp(let from, let to, let over):
            // Arrivals during the ramp at the mean rate, the rest at the final rate.
            let rampSeconds = Time.toSeconds(over)
            let duringRamp = (from.perSecond + to.perSecond) / 2 * rampSeconds
            if duringRamp >= n || to.perSecond <= 0 {
                let mean = (from.perSecond + to.perSecond) / 2
                return mean > 0 ? Time.seconds(Swift.min(rampSeconds, n / mean)) : over
            }
            return over + Time.seconds((n - duringRamp) / to.perSecond)
        }
    }
}
