import PollsterCore
import Synchronization

/// The server's rate limits (one ``RateLimitSet``, the limiters the simulator uses),
/// decided under a lock because requests arrive on several threads.
final class RateLimitGate: Sendable {
    private let limits: Mutex<RateLimitSet>
    /// True when allowed requests must be released once answered.
    let hasConcurrencyLimit: Bool
    /// True when no rule is configured: every request is allowed without taking the lock.
    let isUnlimited: Bool

    init(server: ServerModel, apiKeys: Int) {
        let set = RateLimitSet(server: server, apiKeys: apiKeys)
        hasConcurrencyLimit = set.hasConcurrencyLimit
        isUnlimited = server.rateLimits.isEmpty
        limits = Mutex(set)
    }

    /// Decides (and, when allowed, counts) a request of `apiKey` at scenario time `time`.
    func decide(apiKey: Int, at time: Nanoseconds) -> RateLimitDecision {
        if isUnlimited { return .unlimited }
        return limits.withLock { $0.decide(apiKey: apiKey, at: time) }
    }

    /// Frees the in-flight slot of an allowed request of `apiKey` answered at `time`.
    func release(apiKey: Int, at time: Nanoseconds) {
        guard hasConcurrencyLimit else { return }
        limits.withLock { $0.release(apiKey: apiKey, at: time) }
    }
}
