/// Locale-free decimal formatting, so that output files are byte-identical everywhere.
public enum DecimalFormat {
    /// `value` rounded to `digits` decimals: `fixed(0.12345, 3) == "0.123"`.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9.0e18 else { return "\(value)" }
        let integer = Int64(scaled)
        let sign = integer < 0 ? "-" : ""
        let magnitude = integer.magnitude
        let unit = UInt64(scale)
        var text = sign + String(magnitude / unit)
        if digits > 0 {
            let fraction = String(magnitude % unit)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    /// Microseconds as milliseconds with three decimals (exact: no floating point).
    public static func milliseconds(fromMicros micros: UInt64) -> String {
        let fraction = String(micros % 1000)
        return String(micros / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// Microseconds as milliseconds with `digits` decimals (0-3), exact, rounded half away
    /// from zero: `milliseconds(fromMicros: 95_039, digits: 2) == "95.04"`. The console and
    /// report.html show two; the CSV files keep all three.
    public static func milliseconds(fromMicros micros: UInt64, digits: Int) -> String {
        scaled(Int64(clamping: micros), exponent: 3, digits: digits)
    }

    /// Nanoseconds as seconds with `digits` decimals (0-9), exact:
    /// `seconds(fromNanos: 1_234_567_890, digits: 3) == "1.235"`.
    public static func seconds(fromNanos nanos: Int64, digits: Int) -> String {
        scaled(nanos, exponent: 9, digits: digits)
    }

    /// Nanoseconds as milliseconds with `digits` decimals (0-6), exact.
    public static func milliseconds(fromNanos nanos: Int64, digits: Int) -> String {
        scaled(nanos, exponent: 6, digits: digits)
    }

    /// `value` / 10^`exponent` with `digits` (at most `exponent`) decimals, rounded half away
    /// from zero, in integer arithmetic.
    static func scaled(_ value: Int64, exponent: Int, digits: Int) -> String {
        let digits = Swift.min(exponent, Swift.max(0, digits))
        var unit: UInt64 = 1
        for _ in 0..<(exponent - digits) { unit *= 10 }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value.magnitude + unit / 2) / unit
        var text = (value < 0 && rounded > 0 ? "-" : "") + String(rounded / scale)
        if digits > 0 {
            let fraction = String(rounded % scale)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }
}
