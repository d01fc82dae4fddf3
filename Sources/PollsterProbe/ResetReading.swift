import PollsterCore

/// A reset or retry time as a server wrote it, normalised to seconds from the response,
/// with the reading that was used: servers write the same idea as a delta (`30`, `64.57`),
/// a Unix time (`1735689600`, in seconds or milliseconds), an HTTP date, or a duration
/// with units (`1m30s`, `6ms`, OpenAI's resets).
public struct ResetReading: Sendable, Hashable, Codable {
    /// How the value was read.
    public enum Form: String, Sendable, Hashable, Codable {
        /// Seconds from the response (`30`, `1.5`).
        case deltaSeconds
        /// A Unix time in seconds (at least 10^9).
        case epochSeconds
        /// A Unix time in milliseconds (at least 10^12).
        case epochMilliseconds
        /// An IMF-fixdate (`Wed, 21 Oct 2026 07:28:00 GMT`).
        case httpDate
        /// A duration with units (`1m30s`, `6ms`, `2h`).
        case duration
    }

    /// Seconds from the response until the instant the value names (at least 0).
    public var seconds: Double
    public var form: Form
    /// The text as received.
    public var raw: String

    public init(seconds: Double, form: Form, raw: String) {
        self.seconds = seconds
        self.form = form
        self.raw = raw
    }

    /// Reads `text` received at Unix time `now` (seconds); nil when it is no known form.
    /// A bare number below 10^9 is a delta; from 10^9 a Unix time in seconds; from 10^12
    /// in milliseconds. Negative numbers are not resets (Azure's `-1` means "not reported").
    public static func read(_ text: String, now: Double) -> ResetReading? {
        let value = text.probeTrimmed()
        guard !value.isEmpty else { return nil }
        if let number = Double(value), number.isFinite, value.first != "+" {
            if number < 0 { return nil }
            if number >= 1e12 { return ResetReading(seconds: Swift.max(0, number / 1000 - now), form: .epochMilliseconds, raw: value) }
            if number >= 1e9 { return ResetReading(seconds: Swift.max(0, number - now), form: .epochSeconds, raw: value) }
            return ResetReading(seconds: number, form: .deltaSeconds, raw: value)
        }
        if let date = RetryAfterValue.imfFixdate(Substring(value)) {
            return ResetReading(seconds: Swift.max(0, Double(date) - now), form: .httpDate, raw: value)
        }
        if let seconds = durationSeconds(value) {
            return ResetReading(seconds: seconds, form: .duration, raw: value)
        }
        return nil
    }

    /// Seconds of a Go-style duration: one or more decimal numbers each with a unit
    /// (`h`, `m`, `s`, `ms`, `us`/`µs`, `ns`), e.g. `1m30s`, `6ms`, `0.5s`, `2h1m`; nil otherwise.
    public static func durationSeconds(_ text: String) -> Double? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var total = 0.0
        var parts = 0
        while index < scalars.count {
            var number = ""
            while index < scalars.count, (scalars[index].properties.numericType != nil && scalars[index].isASCII) || scalars[index] == "." {
                number.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard let value = Double(number) else { return nil }
            var unit = ""
            while index < scalars.count, !(scalars[index].isASCII && scalars[index].properties.numericType != nil), scalars[index] != "." {
                unit.unicodeScalars.append(scalars[index])
                index += 1
            }
            let factor: Double
            switch unit.lowercased() {
            case "h": factor = 3600
            case "m": factor = 60
            case "s": factor = 1
            case "ms": factor = 1e-3
            case "us", "µs", "μs": factor = 1e-6
            case "ns": factor = 1e-9
            default: return nil
            }
            total += value * factor
            parts += 1
        }
        return parts > 0 ? total : nil
    }
}
