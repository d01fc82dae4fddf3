import Synchronization

/// The API keys the mock accepts, looked up on every request; keys can be added while
/// the server runs (the live engine registers one set per strategy).
public final class APIKeyRegistry: Sendable {
    private let grants: Mutex<[String: APIKeyGrant]>

    /// A registry holding `grants`.
    public init(_ grants: [APIKeyGrant] = []) {
        self.grants = Mutex(Dictionary(grants.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last }))
    }

    /// Accepts `key` with `scopes`, rate-limited as API key `index`; replaces an earlier
    /// grant of the same key.
    public func register(_ key: String, scopes: Set<APIScope>, index: Int) {
        precondition(index >= 0, "API key indices start at 0")
        grants.withLock { $0[key] = APIKeyGrant(key: key, scopes: scopes, index: index) }
    }

    /// The grant of `key`, or nil for an unknown key.
    public func grant(for key: String) -> APIKeyGrant? {
        grants.withLock { $0[key] }
    }

    /// The number of keys accepted.
    public var count: Int { grants.withLock { $0.count } }
}
