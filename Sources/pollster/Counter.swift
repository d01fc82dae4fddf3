import Synchronization

/// A shared integer for progress rendering (the last value seen).
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    /// Stores `new` and returns the previous value.
    func swap(_ new: Int) -> Int { value.exchange(new, ordering: .relaxed) }
}
