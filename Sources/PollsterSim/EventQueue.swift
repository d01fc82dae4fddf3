/// A binary min-heap of ``SimEvent``s ordered by (time, kind, execution index).
///
/// Hand-written rather than swift-collections' min-max `Heap` because the simulator only
/// ever needs the minimum and this is the hottest structure of the engine.
struct EventQueue: Sendable {
    private var heap: [SimEvent] = []

    init(capacity: Int = 1024) { heap.reserveCapacity(capacity) }

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    /// The earliest event, without removing it.
    var first: SimEvent? { heap.first }

    mutating func push(_ event: SimEvent) {
        heap.append(event)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) >> 1
            if !SimEvent.precedes(event, heap[parent]) { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = event
    }

    mutating func pop() -> SimEvent? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if heap.isEmpty { return top }
        let count = heap.count
        var parent = 0
        while true {
            let left = 2 * parent + 1
            if left >= count { break }
            let right = left + 1
            let child = right < count && SimEvent.precedes(heap[right], heap[left]) ? right : left
            if !SimEvent.precedes(heap[child], last) { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = last
        return top
    }
}
