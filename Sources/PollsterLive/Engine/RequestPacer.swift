import Synchronization

/// Spaces requests at most `rate` per second over the whole run (all executions together):
/// each request reserves the next free slot and waits for it. A client-side ceiling, so a
/// live run against a real API can never exceed what the user allowed.
final class RequestPacer: Sendable {
    private let interval: Duration
    private let nextSlot: Mutex<ContinuousClock.Instant>

    init(rate: Double) {
        interval = .nanoseconds(Int64(1e9 / rate))
        nextSlot = Mutex(ContinuousClock.now)
    }

    /// Waits for this request's slot and returns it; throws when the task is cancelled.
    @discardableResult
    func waitForSlot() async throws -> ContinuousClock.Instant {
        let slot = nextSlot.withLock { next in
            let now = ContinuousClock.now
            let slot = Swift.max(now, next)
            next = slot + interval
            return slot
        }
        try await ContinuousClock().sleep(until: slot)
        return slot
    }
}
