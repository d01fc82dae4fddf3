/// xoshiro256**: the seeded generator behind every random choice pollster makes.
///
/// Runs are deterministic because randomness is never shared between executions: each
/// execution (and each purpose within it) draws from its own stream, derived from the
/// scenario seed with ``RandomStream``, so results do not depend on scheduling or on how
/// many threads run the work.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64
    /// The second normal of the last Box-Muller pair, not yet used.
    @usableFromInline var spareNormal: Double = .nan

    /// Seeds the state through SplitMix64, as the xoshiro authors recommend.
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        s0 = expander.next()
        s1 = expander.next()
        s2 = expander.next()
        s3 = expander.next()
    }

    @inlinable public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// A uniform double in [0, 1) with 53 bits of precision.
    @inlinable public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1]: safe to take the logarithm of.
    @inlinable public mutating func nextOpenUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform double in [low, high).
    @inlinable public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUnit()
    }

    /// A standard normal draw (Box-Muller; each pair of uniforms gives two normals, the
    /// second kept for the next call).
    @inlinable public mutating func standardNormal() -> Double {
        if !spareNormal.isNaN {
            let spare = spareNormal
            spareNormal = .nan
            return spare
        }
        let u1 = nextOpenUnit()
        let u2 = nextUnit()
        let radius = (-2.0 * _log(u1)).squareRoot()
        let angle = 2.0 * Double.pi * u2
        spareNormal = radius * _sin(angle)
        return radius * _cos(angle)
    }
}
