/// A distribution of durations (execution run times, queue times, server latency).
///
/// Lognormal distributions are written with a median and an upper percentile in scenario
/// files (`{kind: lognormal, median: 20s, p95: 90s}`), the parameters people know, and are
/// stored as mu and sigma of the underlying normal.
public enum Distribution: Sendable, Hashable {
    case fixed(Nanoseconds)
    case uniform(min: Nanoseconds, max: Nanoseconds)
    case exponential(mean: Nanoseconds)
    case lognormal(median: Nanoseconds, sigma: Double)
    /// Resampled uniformly from observed durations (the `file:` is read at load time).
    case empirical(samples: [Nanoseconds], source: String)

    /// z-scores of the upper percentiles a lognormal may be given by.
    public static let p95Z = 1.6448536269514722
    public static let p99Z = 2.3263478740408408

    /// A lognormal with the given median whose `z`-quantile is `upper`.
    public static func lognormal(median: Nanoseconds, upper: Nanoseconds, z: Double) -> Distribution {
        let sigma = _log(Double(upper) / Double(median)) / z
        return .lognormal(median: median, sigma: sigma)
    }

    /// One draw, in nanoseconds (never negative).
    @inlinable public func sample(_ rng: inout Xoshiro256StarStar) -> Nanoseconds {
        switch self {
        case .fixed(let value):
            return value
        case .uniform(let low, let high):
            return low + Nanoseconds(Double(high - low) * rng.nextUnit())
        case .exponential(let mean):
            return Nanoseconds(-Double(mean) * _log(rng.nextOpenUnit()))
        case .lognormal(let median, let sigma):
            return Nanoseconds(Double(median) * _exp(sigma * rng.standardNormal()))
        case .empirical(let samples, _):
            let index = Int(rng.next() % UInt64(samples.count))
            return samples[index]
        }
    }

    /// The distribution's mean, in nanoseconds.
    public var mean: Double {
        switch self {
        case .fixed(let value): return Double(value)
        case .uniform(let low, let high): return Double(low + high) / 2
        case .exponential(let mean): return Double(mean)
        case .lognormal(let median, let sigma): return Double(median) * _exp(sigma * sigma / 2)
        case .empirical(let samples, _):
            return samples.isEmpty ? 0 : samples.reduce(0.0) { $0 + Double($1) } / Double(samples.count)
        }
    }

    /// The 99th percentile, in nanoseconds.
    public var p99: Nanoseconds {
        switch self {
        case .fixed(let value): return value
        case .uniform(let low, let high): return low + Nanoseconds(Double(high - low) * 0.99)
        case .exponential(let mean): return Nanoseconds(Double(mean) * _log(100))
        case .lognormal(let median, let sigma): return Nanoseconds(Double(median) * _exp(sigma * Distribution.p99Z))
        case .empirical(let samples, _):
            guard !samples.isEmpty else { return 0 }
            let sorted = samples.sorted()
            return sorted[Swift.min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
        }
    }

    /// True when every draw is zero (used to skip latency sampling entirely).
    public var isZero: Bool {
        if case .fixed(0) = self { return true }
        return false
    }

    /// Plain words for scenario descriptions: `lognormal (median 20s, p95 90s, p99 168s)`;
    /// both upper percentiles, since a scenario may give either.
    public var summary: String {
        switch self {
        case .fixed(let value): return Time.describe(value)
        case .uniform(let low, let high): return "uniform \(Time.describe(low))-\(Time.describe(high))"
        case .exponential(let mean): return "exponential (mean \(Time.describe(mean)))"
        case .lognormal(let median, let sigma):
            let p95 = Nanoseconds(Double(median) * _exp(sigma * Distribution.p95Z))
            let p99 = Nanoseconds(Double(median) * _exp(sigma * Distribution.p99Z))
            return "lognormal (median \(Time.describe(median)), p95 \(Time.describe(roundedToMillis(p95))), p99 \(Time.describe(roundedToMillis(p99))))"
        case .empirical(let samples, let source): return "empirical (\(samples.count) samples from \(source))"
        }
    }

    /// Rounded to about three significant digits, for reading: 167.834 s as 168 s.
    private func roundedToMillis(_ value: Nanoseconds) -> Nanoseconds {
        let unit: Nanoseconds = value >= 100 * Time.nanosecondsPerSecond ? Time.nanosecondsPerSecond
            : value >= 10 * Time.nanosecondsPerSecond ? 100_000_000
            : value >= Time.nanosecondsPerSecond ? 10_000_000 : 1_000_000
        return (value + unit / 2) / unit * unit
    }
}
