import Synchronization

/// Counters of a live run that the status line reads: executions started and done,
/// requests and 429s so far. Relaxed atomics: a glance, not a measurement.
public final class LiveProgress: Sendable {
    private let startedExecutions = Atomic<Int>(0)
    private let finishedExecutions = Atomic<Int>(0)
    private let sentRequests = Atomic<Int>(0)
    private let rateLimited = Atomic<Int>(0)
    private let failedRequests = Atomic<Int>(0)

    public init() {}

    public var started: Int { startedExecutions.load(ordering: .relaxed) }
    public var finished: Int { finishedExecutions.load(ordering: .relaxed) }
    public var inFlight: Int { started - finished }
    public var requests: Int { sentRequests.load(ordering: .relaxed) }
    public var requests429: Int { rateLimited.load(ordering: .relaxed) }
    /// Requests that failed (transport errors, 5xx, other 4xx, bad bodies).
    public var failures: Int { failedRequests.load(ordering: .relaxed) }

    func executionStarted() { startedExecutions.add(1, ordering: .relaxed) }
    func executionFinished() { finishedExecutions.add(1, ordering: .relaxed) }
    func requestAnswered(rateLimited limited: Bool, failed: Bool) {
        sentRequests.add(1, ordering: .relaxed)
        if limited { rateLimited.add(1, ordering: .relaxed) }
        if failed { failedRequests.add(1, ordering: .relaxed) }
    }
}
