import Synchronization

/// The dispatch stamps of the requests the mock answered with a connection reset, so that
/// it resets them again when they come back: libcurl re-sends a request once, on a new
/// connection, when a reused connection dies before any answer, which would otherwise turn
/// an injected reset into a second, unfaulted request. Keeps the most recent 4096.
final class ResetMemory: Sendable {
    private struct State {
        var stamps: Set<Int64> = []
        var ring = [Int64](repeating: .min, count: ResetMemory.capacity)
        var next = 0
    }

    static let capacity = 4096
    private let state = Mutex(State())

    /// Remembers the request stamped `stamp` as reset.
    func remember(_ stamp: Int64) {
        state.withLock { state in
            let old = state.ring[state.next]
            if old != .min { state.stamps.remove(old) }
            state.ring[state.next] = stamp
            state.stamps.insert(stamp)
            state.next = (state.next + 1) % Self.capacity
        }
    }

    /// True when the request stamped `stamp` was reset before.
    func contains(_ stamp: Int64) -> Bool {
        state.withLock { $0.stamps.contains(stamp) }
    }
}
