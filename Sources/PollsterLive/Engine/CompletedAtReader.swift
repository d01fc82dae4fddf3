import Foundation

/// Reads `completedAt` (ISO 8601) from a terminal execution body: against a real API the
/// client does not know when a job finished, so detection lag is measured from the time
/// the API reports (client and server clocks are assumed to agree).
enum CompletedAtReader {
    /// Unix time of `completedAt` in nanoseconds, or nil when the body has none.
    static func completedAt(_ body: [UInt8]) -> Int64? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let text = object["completedAt"] as? String
        else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
        return date.flatMap { nanoseconds($0.timeIntervalSince1970) }
    }

    /// `seconds` since 1970 in nanoseconds; nil for a time no Int64 holds (a server may
    /// send the year 9999, which is about 2.5e20 ns).
    static func nanoseconds(_ seconds: Double) -> Int64? {
        let value = (seconds * 1e9).rounded()
        guard value.isFinite, abs(value) < 9.2e18 else { return nil }
        return Int64(value)
    }

    /// The current Unix time in seconds.
    static func unixSeconds() -> Double {
        Date().timeIntervalSince1970
    }

    /// The current Unix time in nanoseconds.
    static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1e9).rounded())
    }
}
