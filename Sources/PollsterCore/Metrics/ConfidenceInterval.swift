/// A mean over replications with its two-sided 95% Student t interval.
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    public var mean: Double
    /// Half the interval's width; 0 with fewer than two samples.
    public var halfWidth: Double
    /// Number of samples.
    public var count: Int

    public var low: Double { mean - halfWidth }
    public var high: Double { mean + halfWidth }

    /// The mean of `samples` and its 95% interval (mean ± t(0.975, n-1) · s / √n).
    public init(samples: [Double]) {
        count = samples.count
        guard !samples.isEmpty else {
            mean = 0
            halfWidth = 0
            return
        }
        let n = Double(samples.count)
        mean = samples.reduce(0, +) / n
        guard samples.count > 1 else {
            halfWidth = 0
            return
        }
        let m = mean
        let variance = samples.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        halfWidth = Self.t975(degreesOfFreedom: samples.count - 1) * (variance / n).squareRoot()
    }

    /// The 97.5th percentile of Student's t with `df` degrees of freedom (exact table to
    /// 30, then the Cornish-Fisher expansion around the normal 1.959964).
    public static func t975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
            2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
            2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
        ]
        precondition(df >= 1, "degrees of freedom must be at least 1")
        if df <= table.count { return table[df - 1] }
        let z = 1.959964, v = Double(df)
        let z3 = z * z * z, z5 = z3 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
    }
}
