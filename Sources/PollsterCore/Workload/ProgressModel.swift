/// How a running job reports `progress.percentage` (scenario `workload.progress`). Real
/// jobs rarely report the exact elapsed fraction: progress moves in steps, stalls within
/// them, and misestimates. Strategies that read progress are only as good as it is.
public enum ProgressModel: Sendable, Hashable {
    /// The elapsed fraction of the run time, exactly (the default).
    case linear
    /// A job of `count` steps of uneven lengths (each 0.25 to 1.75 of the mean, drawn per
    /// execution); the percentage counts the steps done, so it stalls within a step and
    /// jumps when one ends.
    case steps(count: Int)
    /// An estimate off by a factor that varies per execution: the percentage is
    /// 100 f^g with f the elapsed fraction and g = exp(error · z), z a standard normal
    /// drawn per execution (g > 1: progress reads behind, then catches up at the end).
    case noisy(error: Double)

    /// The most steps a model may have.
    public static let maxSteps = 1000

    /// The shape of one execution's progress, drawn from `rng` (its own stream).
    @inlinable public func shape(rng: inout Xoshiro256StarStar) -> ProgressShape {
        switch self {
        case .linear: return .linear
        case .steps(let count): return .steps(count: count, seed: rng.next())
        case .noisy(let error): return .power(_exp(error * rng.standardNormal()))
        }
    }

    /// A short description for the scenario summary.
    public var summary: String {
        switch self {
        case .linear: return "progress that is the elapsed fraction"
        case .steps(let count): return "progress in \(count) uneven steps"
        case .noisy(let error): return "progress misestimated (error \(error))"
        }
    }
}

/// One execution's progress curve: the reported percentage as a function of the elapsed
/// fraction of its run time. Part of its ``ExecutionPlan``, so the simulator and the mock
/// server report the same numbers.
public enum ProgressShape: Sendable, Hashable {
    case linear
    /// `count` steps whose lengths derive from `seed`.
    case steps(count: Int, seed: UInt64)
    /// 100 f^exponent.
    case power(Double)

    /// The percentage (0-100) reported at elapsed fraction `fraction` (0-1).
    @inlinable public func percentage(atFraction fraction: Double) -> Double {
        switch self {
        case .linear:
            return fraction * 100
        case .power(let exponent):
            return _pow(Swift.max(0, fraction), exponent) * 100
        case .steps(let count, let seed):
            // The steps' lengths: weights 0.25 + 1.5 u_j, u_j from the seed, normalised.
            var total = 0.0
            for j in 0..<count { total += Self.weight(seed: seed, step: j) }
            var end = 0.0
            var done = 0
            for j in 0..<count {
                end += Self.weight(seed: seed, step: j) / total
                if end <= fraction + 1e-12 { done += 1 } else { break }
            }
            return Double(done) * 100 / Double(count)
        }
    }

    @inlinable static func weight(seed: UInt64, step: Int) -> Double {
        0.25 + 1.5 * Double(SplitMix64.mix(seed &+ UInt64(step)) >> 11) * 0x1.0p-53
    }
}
