/// The purposes a run draws random numbers for; each gets its own stream per execution so
/// that, for instance, a strategy with jitter does not shift the durations every other
/// strategy sees (common random numbers across strategies).
public enum RandomStream: UInt64, Sendable {
    case arrivals = 1
    case execution = 2
    case strategy = 3
    case latency = 4
    case webhook = 5
    case search = 6
    case progress = 7
    case faults = 8
    case notFound = 9
    case population = 10

    /// A generator for `purpose` of execution `index` under the run `seed`.
    @inlinable public func generator(seed: UInt64, index: UInt64 = 0) -> Xoshiro256StarStar {
        let a = SplitMix64.mix(seed ^ (rawValue &* 0xD6E8_FEB8_6659_FD93))
        let b = SplitMix64.mix(a ^ (index &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019))
        return Xoshiro256StarStar(seed: b)
    }
}
