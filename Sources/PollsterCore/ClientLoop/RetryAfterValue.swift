/// A `Retry-After` header as a wait: delay-seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`, the IMF-fixdate form RFC 9110 has senders use).
public enum RetryAfterValue {
    /// About 31 years: far beyond any timeout, far from overflowing scenario times.
    public static let maxSeconds = 1_000_000_000

    /// The wait `value` asks for, in nanoseconds, when it is read at Unix time
    /// `now` (seconds): a date in the past waits nothing, a negative number waits nothing,
    /// a huge one is held to ``maxSeconds``; nil when it is neither form.
    public static func wait(_ value: Substring, now: Double) -> Nanoseconds? {
        let text = value.trimmingCharacters(" \t")
        if let seconds = Int(text) {
            return Nanoseconds(Swift.min(Swift.max(0, seconds), maxSeconds)) * Time.nanosecondsPerSecond
        }
        guard let date = imfFixdate(text) else { return nil }
        let seconds = Swift.min(Swift.max(0, Double(date) - now), Double(maxSeconds))
        return Nanoseconds((seconds * 1e9).rounded())
    }

    /// Unix seconds of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`); nil otherwise.
    public static func imfFixdate(_ text: Substring) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), bytes[4] == 32, bytes[7] == 32, bytes[11] == 32,
              bytes[16] == 32, bytes[19] == UInt8(ascii: ":"), bytes[22] == UInt8(ascii: ":"), bytes[25] == 32,
              String(decoding: bytes[26...], as: UTF8.self) == "GMT",
              days.contains(String(decoding: bytes[0..<3], as: UTF8.self))
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let day = number(5..<7), let year = number(12..<16), let hour = number(17..<19), let minute = number(20..<22),
              let second = number(23..<25),
              let month = months.firstIndex(of: String(decoding: bytes[8..<11], as: UTF8.self)).map({ $0 + 1 }),
              (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        return Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The instant a `Retry-After` date names for a rejection at `time` that says
    /// `seconds`: `time + seconds`, rounded up to a whole second of scenario time (an HTTP
    /// date has no fractions; scenario time 0 is shown as a whole Unix second).
    @inlinable public static func dateInstant(rejectedAt time: Nanoseconds, seconds: Int) -> Nanoseconds {
        let instant = time + Nanoseconds(seconds) * Time.nanosecondsPerSecond
        let second = Time.nanosecondsPerSecond
        let whole = instant >= 0 ? (instant + second - 1) / second : instant / second
        return whole * second
    }

    /// The IMF-fixdate of Unix second `unixSeconds` (`Sun, 06 Nov 1994 08:49:37 GMT`).
    public static func imfFixdate(unixSeconds: Int64) -> String {
        let days = Int(unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400)
        let secondOfDay = Int(unixSeconds - Int64(days) * 86_400)
        let (year, month, day) = civilFromDays(days)
        let weekday = Self.days[((days % 7) + 7 + 3) % 7]  // 1970-01-01 was a Thursday.
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(weekday), \(two(day)) \(months[month - 1]) \(year) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
    /// algorithm, the inverse of ``daysFromCivil(year:month:day:)``).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension Substring {
    /// The text without leading and trailing characters of `set`.
    func trimmingCharacters(_ set: String) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return text
    }
}
