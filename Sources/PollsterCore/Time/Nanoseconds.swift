/// Scenario time and durations, in integer nanoseconds.
///
/// Integers keep virtual time exact: `c + 3s + 3s` is the same instant in the simulator,
/// in the mock server and in a test's hand computation, so rate-limit decisions at window
/// and refill boundaries never depend on floating-point rounding.
public typealias Nanoseconds = Int64

/// Constructors and conversions for ``Nanoseconds``.
public enum Time {
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000

    /// Whole or fractional seconds as nanoseconds, rounded to the nearest nanosecond.
    @inlinable public static func seconds(_ value: Double) -> Nanoseconds {
        Nanoseconds((value * 1e9).rounded())
    }

    /// Milliseconds as nanoseconds.
    @inlinable public static func milliseconds(_ value: Double) -> Nanoseconds {
        Nanoseconds((value * 1e6).rounded())
    }

    /// Nanoseconds as (fractional) seconds.
    @inlinable public static func toSeconds(_ value: Nanoseconds) -> Double {
        Double(value) / 1e9
    }

    /// Nanoseconds as (fractional) milliseconds.
    @inlinable public static func toMilliseconds(_ value: Nanoseconds) -> Double {
        Double(value) / 1e6
    }

    /// A compact human form: `250ms`, `2s`, `1.5s`, `10m`, `1h30m`.
    public static func describe(_ value: Nanoseconds) -> String {
        if value == 0 { return "0s" }
        let negative = value < 0
        let v = negative ? -value : value
        let sign = negative ? "-" : ""
        if v % (3600 * nanosecondsPerSecond) == 0 { return "\(sign)\(v / (3600 * nanosecondsPerSecond))h" }
        if v % (60 * nanosecondsPerSecond) == 0 {
            let minutes = v / (60 * nanosecondsPerSecond)
            if minutes > 60 { return "\(sign)\(minutes / 60)h\(minutes % 60)m" }
            return "\(sign)\(minutes)m"
        }
        if v % nanosecondsPerSecond == 0 { return "\(sign)\(v / nanosecondsPerSecond)s" }
        if v >= nanosecondsPerSecond { return sign + trimmed(Double(v) / 1e9) + "s" }
        if v % 1_000_000 == 0 { return "\(sign)\(v / 1_000_000)ms" }
        if v >= 1_000_000 { return sign + trimmed(Double(v) / 1e6) + "ms" }
        if v % 1_000 == 0 { return "\(sign)\(v / 1_000)us" }
        return "\(sign)\(v)ns"
    }

    /// A decimal without trailing zeros, at most three decimals.
    public static func trimmed(_ value: Double) -> String {
        let scaled = (value * 1000).rounded()
        guard scaled.isFinite, abs(scaled) < 9e15 else { return "\(value)" }
        let thousandths = Int64(scaled)
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = thousandths.magnitude
        var text = sign + String(magnitude / 1000)
        var fraction = magnitude % 1000
        if fraction != 0 {
            var digits = 3
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let padded = String(fraction)
            text += "." + String(repeating: "0", count: digits - padded.count) + padded
        }
        return text
    }
}
