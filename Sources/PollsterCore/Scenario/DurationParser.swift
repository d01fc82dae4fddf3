/// Parses durations as written in scenario files and flags: a number and a unit, `250ms`,
/// `2s`, `1.5s`, `10m`, `1h`, `500us`, `100ns`, or several in a row (`1h30m`, as
/// ``Time/describe(_:)`` writes them). A bare `0` needs no unit.
public enum DurationParser {
    /// The units, with their length in nanoseconds.
    public static let units: [(name: String, nanoseconds: Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000),
        ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    static let allowedUnits = "ns, us, ms, s, m, h"
    static let example = "a duration like 250ms, 2s or 10m"

    /// The duration `text` stands for, in nanoseconds (negative if written with a `-`).
    public static func parse(_ text: String) throws(ScalarParseError) -> Nanoseconds {
        let trimmed = text.trimmingSpaces()
        var rest = Substring(trimmed)
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        guard let first = rest.first, first.isASCIIDigit || first == "." else {
            throw ScalarParseError("expected \(example), got \(quoted(text))")
        }
        var total: Int64 = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCIIDigit || $0 == "." }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard !number.isEmpty, parts.count <= 2, number != "." else {
                throw ScalarParseError("expected \(example), got \(quoted(text))")
            }
            if unit.isEmpty {
                if rest.isEmpty, total == 0, number.allSatisfy({ $0 == "0" || $0 == "." }) { return 0 }
                if rest.isEmpty {
                    throw ScalarParseError(
                        "missing unit in \(quoted(text)); write it as \(number)s, \(number)ms or \(number)m (units: \(allowedUnits))")
                }
                throw ScalarParseError("expected \(example), got \(quoted(text))")
            }
            guard let scale = units.first(where: { $0.name == unit })?.nanoseconds else {
                throw ScalarParseError("unknown unit \(quoted(String(unit))) in \(quoted(text)); allowed units: \(allowedUnits)")
            }
            guard let value = nanoseconds(whole: parts[0], fraction: parts.count == 2 ? parts[1] : "", scale: scale),
                  case (let sum, false) = total.addingReportingOverflow(value)
            else {
                throw ScalarParseError("\(quoted(text)) is too long; durations are limited to about 292 years")
            }
            total = sum
        }
        return negative ? -total : total
    }

    /// `whole.fraction` units of `scale` nanoseconds, or nil on overflow.
    private static func nanoseconds(whole: Substring, fraction: Substring, scale: Int64) -> Int64? {
        var integer: Int64 = 0
        for digit in whole {
            guard case (let shifted, false) = integer.multipliedReportingOverflow(by: 10),
                  case (let next, false) = shifted.addingReportingOverflow(Int64(digit.asciiValue! - 48))
            else { return nil }
            integer = next
        }
        guard case (var value, false) = integer.multipliedReportingOverflow(by: scale) else { return nil }
        if !fraction.isEmpty, let part = Double("0." + fraction) {
            guard case (let sum, false) = value.addingReportingOverflow(Int64((part * Double(scale)).rounded())) else {
                return nil
            }
            value = sum
        }
        return value
    }

    /// `text` in double quotes for messages, shortened when it is long (unless `whole`).
    static func quoted(_ text: String, whole: Bool = false) -> String {
        let shown = !whole && text.count > 40 ? String(text.prefix(40)) + "…" : text
        return "\"" + shown + "\""
    }
}
