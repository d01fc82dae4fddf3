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
}
