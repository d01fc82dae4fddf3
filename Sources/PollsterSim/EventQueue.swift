/// A 4-ary min-heap of ``SimEvent``s ordered by (time, kind, execution index).
///
/// Hand-written rather than swift-collections' min-max `Heap` because the simulator only
/// ever needs the minimum and this is the engine's hottest structure; four children per
/// node halve the depth of a binary heap and keep siblings in one cache line or two.
struct EventQueue: Sendable {
    private var heap: [SimEvent] = []

    init(capacity: Int = 1024) { heap.reserveCapacity(capacity) }

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    /// The earliest event, without removing it.
    var first: SimEvent? { heap.first }

    mutating func push(_ event: SimEvent) {
        heap.append(event)
        heap.withUnsafeMutableBufferPointer { h in
            var child = h.count - 1
            while child > 0 {
                let parent = (child - 1) >> 2
                if !SimEvent.precedes(event, h[parent]) { break }
                h[child] = h[parent]
                child = parent
            }
            h[child] = event
        }
    }

    mutating func pop() -> SimEvent? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if heap.isEmpty { return top }
        heap.withUnsafeMutableBufferPointer { h in
            let count = h.count
            var parent = 0
            while true {
                let first = 4 * parent + 1
                if first >= count { break }
                var best = first
                let end = Swift.min(first + 4, count)
                var child = first + 1
                while child < end {
                    if SimEvent.precedes(h[child], h[best]) { best = child }
                    child += 1
                }
                if !SimEvent.precedes(h[best], last) { break }
                h[parent] = h[best]
                parent = best
            }
            h[parent] = last
        }
        return top
    }
}
