import PollsterCore
import Synchronization

/// One API key's ``KeyClient`` shared by its executions' pollers in a live run. The
/// pollers of a key all run on one transport loop thread (see ``LiveStrategyRun``), so its
/// lock is taken twice per poll and never waited for; strategies whose keys share nothing
/// have no such object and take no lock.
final class SharedKeyClient: Sendable {
    private let state: Mutex<KeyClient>

    init(_ policy: KeyClientPolicy) {
        state = Mutex(KeyClient(policy))
    }

    func withLock<R>(_ body: (inout KeyClient) -> R) -> R {
        state.withLock { body(&$0) }
    }
}
