import Synchronization

/// The `--max-requests` cap shared by every execution of a run: each request takes one
/// unit; once none is left the run stops sending and reports what it has (partial).
package final class RequestBudget: Sendable {
    private let remaining: Atomic<Int>
    private let exhaustedFlag = Atomic<Bool>(false)

    /// `limit` nil: unlimited.
    package init(limit: Int?) {
        remaining = Atomic(limit ?? Int.max)
    }

    /// Takes one request from the budget; false when it is spent.
    package func take() -> Bool {
        if remaining.load(ordering: .relaxed) <= 0 {
            exhaustedFlag.store(true, ordering: .relaxed)
            return false
        }
        if remaining.subtract(1, ordering: .relaxed).newValue < 0 {
            exhaustedFlag.store(true, ordering: .relaxed)
            return false
        }
        return true
    }

    /// True once a request was refused for lack of budget.
    package var exhausted: Bool { exhaustedFlag.load(ordering: .relaxed) }
}
