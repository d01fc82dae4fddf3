/// A 4-ary min-heap of ``SimEvent``s ordered by (time, kind, execution index): the part of
/// ``EventQueue`` that orders events exactly (those of the current bucket, and those too
/// far ahead for its wheel).
///
/// Hand-written rather than swift-collections' min-max `Heap` because only the minimum is
/// ever needed. Four children per node halve the depth of a binary heap, and the storage
/// is laid out so that each node's four children (16 bytes each) fill exactly one 64-byte
/// cache line: the root sits at index 3 and the buffer is 64-byte aligned, so a step down
/// the heap touches one line. A class, owned by one queue, so that the storage is managed
/// by hand (an Array cannot be aligned to a cache line).
final class EventHeap {
    /// The root's index: children of `i` are `4i - 8 ..< 4i - 4`, a multiple of 4.
    private static let root = 3
    private var storage: UnsafeMutablePointer<SimEvent>
    private var capacity: Int
    /// One past the last event's index.
    private var end = EventHeap.root

    init(capacity: Int = 1024) {
        self.capacity = Swift.max(capacity, 16) + Self.root
        storage = Self.allocate(self.capacity)
    }

    deinit { storage.deallocate() }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<SimEvent> {
        UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<SimEvent>.stride, alignment: 64)
            .bindMemory(to: SimEvent.self, capacity: capacity)
    }

    var isEmpty: Bool { end == Self.root }
    var count: Int { end - Self.root }

    /// The earliest event, without removing it.
    var first: SimEvent? { end == Self.root ? nil : storage[Self.root] }

    func push(_ event: SimEvent) {
        if end == capacity { grow() }
        let h = storage
        var child = end
        end += 1
        while child > Self.root {
            let parent = (child >> 2) + 2
            if !SimEvent.precedes(event, h[parent]) { break }
            h[child] = h[parent]
            child = parent
        }
        h[child] = event
    }

    func pop() -> SimEvent? {
        guard end > Self.root else { return nil }
        let h = storage
        let top = h[Self.root]
        end -= 1
        if end == Self.root { return top }
        let last = h[end]
        let count = end
        var parent = Self.root
        while true {
            let first = 4 * parent - 8
            if first >= count { break }
            var best = first
            if first + 4 <= count {
                // The usual case: four children, compared in two pairs.
                let a = SimEvent.precedes(h[first + 1], h[first]) ? first + 1 : first
                let b = SimEvent.precedes(h[first + 3], h[first + 2]) ? first + 3 : first + 2
                best = SimEvent.precedes(h[b], h[a]) ? b : a
            } else {
                var child = first + 1
                while child < count {
                    if SimEvent.precedes(h[child], h[best]) { best = child }
                    child += 1
                }
            }
            if !SimEvent.precedes(h[best], last) { break }
            h[parent] = h[best]
            parent = best
        }
        h[parent] = last
        return top
    }

    private func grow() {
        let larger = capacity * 2
        let moved = Self.allocate(larger)
        moved.initialize(from: storage, count: end)
        storage.deallocate()
        storage = moved
        capacity = larger
    }
}
