import Synchronization

/// Running totals of ``RequestCounts``, updated by every response without a lock.
final class RequestCounters: Sendable {
    private let total = Atomic<Int>(0)
    private let succeeded = Atomic<Int>(0)
    private let rateLimited = Atomic<Int>(0)
    private let rejected = Atomic<Int>(0)
    private let polls = Atomic<Int>(0)

    /// Counts a response with HTTP status `code`; `poll`: to `GET /v1/executions/{id}`.
    func record(status code: Int, poll: Bool = false) {
        total.wrappingAdd(1, ordering: .relaxed)
        if poll { polls.wrappingAdd(1, ordering: .relaxed) }
        if code < 400 {
            succeeded.wrappingAdd(1, ordering: .relaxed)
        } else {
            rejected.wrappingAdd(1, ordering: .relaxed)
            if code == 429 { rateLimited.wrappingAdd(1, ordering: .relaxed) }
        }
    }

    /// The totals so far.
    var counts: RequestCounts {
        RequestCounts(
            total: total.load(ordering: .relaxed),
            succeeded: succeeded.load(ordering: .relaxed),
            rateLimited: rateLimited.load(ordering: .relaxed),
            rejected: rejected.load(ordering: .relaxed),
            polls: polls.load(ordering: .relaxed)
        )
    }
}
