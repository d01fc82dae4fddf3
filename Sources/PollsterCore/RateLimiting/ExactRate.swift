/// A token rate as an exact fraction, `tokensPerSecond = numerator / denominator`, so
/// that refills can be counted in integers.
///
/// Why: token bucket and GCRA must make identical decisions, including on exact refill
/// boundaries (e.g. 3/s at t = 1 s). With floating-point tokens, `0.333… * 3` lands on
/// either side of 1 depending on the order of operations. Counting credit in units of
/// `1 / (denominator * 1e9)` token makes one nanosecond refill exactly `numerator` units
/// and one token cost exactly `denominator * 1e9` units, so every comparison is exact.
struct ExactRate: Sendable, Hashable {
    /// Credit units gained per nanosecond.
    let unitsPerNanosecond: Int64
    /// Credit units one token is worth (`denominator * 1e9`).
    let unitsPerToken: Int64
    /// `tokensPerSecond = numerator / denominator`.
    let numerator: Int64
    let denominator: Int64

    /// Finds the fraction for `perSecond`, limiting the denominator so that `burst` tokens
    /// still fit comfortably in an `Int64` of credit units.
    init(perSecond: Double, burst: Int) {
        precondition(perSecond.isFinite && perSecond > 0, "a token rate must be positive, got \(perSecond)/s")
        precondition(burst >= 1, "a burst must be at least 1, got \(burst)")
        // Keep burst * denominator * 1e9 (the bucket's capacity) below 2^62, so sums of
        // credit and one refill step never overflow.
        let maxDenominator = max(1, (Int64(1) << 62) / Time.nanosecondsPerSecond / Int64(burst + 1))
        let (p, q) = ExactRate.fraction(perSecond, maxDenominator: maxDenominator)
        numerator = p
        denominator = q
        unitsPerNanosecond = p
        unitsPerToken = q * Time.nanosecondsPerSecond
    }

    /// The best rational approximation with a denominator of at most `maxDenominator`,
    /// found by continued fractions; rates written as `N/s`, `N/m`, `N/h` (and decimal N)
    /// come out exact.
    static func fraction(_ value: Double, maxDenominator: Int64) -> (Int64, Int64) {
        // Rates too large for a fraction to matter are rounded to whole tokens per second.
        if value >= 1e12 { return (Int64(value.rounded()), 1) }
        var x = value
        var (p0, q0): (Int64, Int64) = (0, 1)
        var (p1, q1): (Int64, Int64) = (1, 0)
        for _ in 0..<64 {
            let a = x.rounded(.down)
            guard a < 1e15 else { break }
            let ai = Int64(a)
            let (p2, overflowP) = ai.multipliedReportingOverflow(by: p1)
            let (q2, overflowQ) = ai.multipliedReportingOverflow(by: q1)
            guard !overflowP, !overflowQ else { break }
            let p = p2 + p0
            let q = q2 + q0
            if q > maxDenominator { break }
            (p0, q0) = (p1, q1)
            (p1, q1) = (p, q)
            if Double(p) / Double(q) == value { break }
            let fractional = x - a
            if fractional < 1e-15 { break }
            x = 1 / fractional
        }
        if q1 == 0 || p1 <= 0 {
            // A rate far below 1/maxDenominator per second: the slowest representable one.
            return (1, maxDenominator)
        }
        return (p1, q1)
    }

    /// Whole seconds, rounded up, that refilling `units` of credit takes.
    func secondsToRefill(_ units: Int64) -> Int {
        guard units > 0 else { return 0 }
        // ceil(ceil(a / b) / c) == ceil(a / (b * c)), without forming b * c.
        let nanoseconds = units / unitsPerNanosecond + (units % unitsPerNanosecond == 0 ? 0 : 1)
        return Time.wholeSecondsRoundedUp(nanoseconds)
    }

    /// `burst / rate` in whole seconds, rounded up: the time an empty bucket takes to fill.
    func fillSeconds(burst: Int) -> Int {
        let (product, overflow) = Int64(burst).multipliedReportingOverflow(by: denominator)
        if overflow { return Int.max }
        return Int(product / numerator + (product % numerator == 0 ? 0 : 1))
    }
}
