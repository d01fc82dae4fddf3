/// Parses rates as written in scenario files and flags: `20/s`, `300/m`, `1000/h`.
public enum RateParser {
    /// The rate `text` stands for (negative or zero rates parse; callers check the range).
    public static func parse(_ text: String) throws(ScalarParseError) -> Rate {
        let trimmed = text.trimmingSpaces()
        let example = "a rate like 20/s, 300/m or 1000/h"
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        let numberText = String(parts[0]).trimmingSpaces()
        guard let value = Double(numberText), value.isFinite else {
            throw ScalarParseError("expected \(example), got \(DurationParser.quoted(text))")
        }
        guard parts.count == 2 else {
            if parts.count == 1 {
                throw ScalarParseError(
                    "missing unit in \(DurationParser.quoted(text)); write it as \(numberText)/s, \(numberText)/m or \(numberText)/h")
            }
            throw ScalarParseError("expected \(example), got \(DurationParser.quoted(text))")
        }
        switch String(parts[1]).trimmingSpaces() {
        case "s": return Rate(perSecond: value)
        case "m": return .perMinute(value)
        case "h": return .perHour(value)
        case let unit:
            throw ScalarParseError(
                "unknown unit \(DurationParser.quoted(unit)) in \(DurationParser.quoted(text)); allowed: /s, /m, /h")
        }
    }
}
