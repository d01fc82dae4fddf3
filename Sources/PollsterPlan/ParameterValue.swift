import PollsterCore

/// One value a sweep sets at a path: the text a scenario file would hold, and its number
/// for charts and searches (seconds for durations, per second for rates).
public struct ParameterValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of value the text is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `250ms`, `2s`: ``number`` is in seconds.
        case duration
        /// `20/s`, `300/m`: ``number`` is per second.
        case rate
        /// `1.5`, `20`.
        case number
        /// Anything else (`full`, `honor`): no number.
        case text
    }

    /// The value as written in a scenario file.
    public var text: String
    public var kind: Kind
    /// The value as a number (seconds, per second, or plain); nil for text.
    public var number: Double?

    /// The value `text`, its kind and number recognised from how it is written.
    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        self.text = trimmed
        if let value = Double(trimmed.filter { $0 != "_" }), value.isFinite {
            kind = .number
            number = value
        } else if trimmed.contains("/"), let rate = try? RateParser.parse(trimmed) {
            kind = .rate
            number = rate.perSecond
        } else if let nanos = try? DurationParser.parse(trimmed) {
            kind = .duration
            number = Time.toSeconds(nanos)
        } else {
            kind = .text
            number = nil
        }
    }

    public var description: String { text }

    /// The unit ``number`` is in, for chart axes: `s`, `/s` or nothing.
    public var unit: String {
        switch kind {
        case .duration: return "s"
        case .rate: return "/s"
        case .number, .text: return ""
        }
    }
}
