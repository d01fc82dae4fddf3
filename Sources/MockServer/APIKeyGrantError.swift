/// Why a list of API keys (a `--keys-file` or `POLLSTER_MOCK_KEYS`) could not be read.
/// Messages name the source and the entry, never the key itself.
public struct APIKeyGrantError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file path or environment variable the keys came from.
    public var source: String
    /// 1-based line (file) or entry (environment variable) number.
    public var entry: Int
    /// What is wrong and what is allowed.
    public var reason: String

    /// An error at `entry` of `source`.
    public init(source: String, entry: Int, reason: String) {
        self.source = source
        self.entry = entry
        self.reason = reason
    }

    public var description: String { "\(source):\(entry): \(reason)" }
}
