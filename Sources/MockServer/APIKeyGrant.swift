import PollsterCore

/// One API key the mock accepts, its scopes, and the API-key index the rate limiters
/// count it under (`RateLimitSet`'s `apiKey`).
///
/// Its description shows a fingerprint, never the key, so a grant can be logged safely.
public struct APIKeyGrant: Sendable, Hashable, CustomStringConvertible {
    /// The secret the client sends as `Authorization: Bearer KEY` or `X-API-Key: KEY`.
    public var key: String
    public var scopes: Set<APIScope>
    /// Index of the key in the rate limiters (0-based; keys may share an index).
    public var index: Int

    /// A grant of `scopes` to `key`, rate-limited as API key `index`.
    public init(key: String, scopes: Set<APIScope>, index: Int) {
        self.key = key
        self.scopes = scopes
        self.index = index
    }

    /// A short, stable, non-reversible name for the key, safe for logs: `key:1a2b3c4d`.
    public var fingerprint: String { Self.fingerprint(of: key) }

    /// The fingerprint of any key (FNV-1a, then mixed, then cut to 32 bits).
    public static func fingerprint(of key: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let mixed = SplitMix64.mix(hash) >> 32
        let hex = String(mixed, radix: 16)
        return "key:" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    public var description: String {
        "\(fingerprint) [\(scopes.map(\.rawValue).sorted().joined(separator: ","))] index \(index)"
    }
}
