/// The sleeping tasks of one ``CurlMultiLoop``: a binary min-heap of deadlines and the
/// continuations waiting for them. Confined to the loop's mutex.
///
/// A cancelled sleeper leaves only its continuation's slot: its heap entry stays behind and
/// is skipped when it comes up, which keeps cancellation O(1).
struct LoopTimers {
    private struct Entry {
        var deadline: ContinuousClock.Instant
        var id: UInt64
    }

    private var heap: [Entry] = []
    private var sleepers: [UInt64: UnsafeContinuation<Void, any Error>] = [:]

    /// The earliest deadline still waited for, nil when nobody sleeps.
    mutating func nextDeadline() -> ContinuousClock.Instant? {
        while let first = heap.first {
            if sleepers[first.id] != nil { return first.deadline }
            removeFirst()
        }
        return nil
    }

    mutating func add(_ continuation: UnsafeContinuation<Void, any Error>, id: UInt64, deadline: ContinuousClock.Instant) {
        sleepers[id] = continuation
        heap.append(Entry(deadline: deadline, id: id))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Takes the continuation of sleeper `id`, if it still waits.
    mutating func remove(id: UInt64) -> UnsafeContinuation<Void, any Error>? {
        sleepers.removeValue(forKey: id)
    }

    /// Moves the continuations of every sleeper due at `now` to `due`.
    mutating func takeDue(at now: ContinuousClock.Instant, into due: inout [UnsafeContinuation<Void, any Error>]) {
        while let first = heap.first, first.deadline <= now {
            if let continuation = sleepers.removeValue(forKey: first.id) { due.append(continuation) }
            removeFirst()
        }
    }

    /// Takes every continuation, for shutdown.
    mutating func removeAll() -> [UnsafeContinuation<Void, any Error>] {
        defer {
            sleepers.removeAll()
            heap.removeAll()
        }
        return Array(sleepers.values)
    }

    private mutating func removeFirst() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            var smallest = left
            if left + 1 < heap.count, heap[left + 1].deadline < heap[left].deadline { smallest = left + 1 }
            guard heap[smallest].deadline < heap[parent].deadline else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
