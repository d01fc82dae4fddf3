import PollsterCore

/// ISO 8601 UTC timestamps with millisecond precision (`2026-11-29T00:38:51.123Z`), for
/// `createdAt` and `completedAt`.
///
/// Written by hand from the civil-from-days algorithm: it is exact for any date, needs no
/// formatter object shared between threads and costs well under a microsecond per poll.
enum ISO8601Timestamp {
    /// The timestamp of `unixNanoseconds` after 1970-01-01T00:00:00Z.
    static func format(unixNanoseconds: Int64) -> String {
        let millisecondsTotal = floorDivide(unixNanoseconds, 1_000_000)
        let secondsTotal = floorDivide(millisecondsTotal, 1000)
        let milliseconds = Int(millisecondsTotal - secondsTotal * 1000)
        let days = floorDivide(secondsTotal, 86_400)
        let secondOfDay = Int(secondsTotal - days * 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = ""
        text.reserveCapacity(24)
        text += pad(Int(year), 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        text += "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        text += "." + pad(milliseconds, 3) + "Z"
        return text
    }

    /// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day number.
    private static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
