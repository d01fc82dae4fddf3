/// The server's workers as DESIGN's capacity model defines them, with no clock: a request
/// the rate limits admit at s_n waits for the first free worker (first come, first
/// served), holds it for its service time (its drawn latency) and is answered at
/// start + service, so L_n = wait + service. The simulator and the embedded server both
/// keep one, fed in order of arrival.
public struct WorkerPool: Sendable {
    /// What became of one request.
    public enum Admission: Sendable, Hashable {
        /// Served: it started at `start` and is answered at `answeredAt`.
        case served(start: Nanoseconds, answeredAt: Nanoseconds)
        /// The queue was full: answered 503 without waiting.
        case queueFull
    }

    public let capacity: ServerCapacity
    /// When each worker is next free (a min-heap).
    private var freeAt: MinHeap
    /// Start times of admitted requests still waiting at the last arrival (a min-heap).
    private var waiting: MinHeap

    public init(_ capacity: ServerCapacity) {
        self.capacity = capacity
        freeAt = MinHeap(repeating: Nanoseconds.min, count: Swift.max(1, capacity.workers))
        waiting = MinHeap()
    }

    /// Admits a request arriving at `arrival` that needs `service` of a worker's time.
    public mutating func admit(at arrival: Nanoseconds, service: Nanoseconds) -> Admission {
        while let first = waiting.min, first <= arrival { waiting.removeMin() }
        let earliest = freeAt.min ?? arrival
        if earliest > arrival, let bound = capacity.queue, waiting.count >= bound {
            return .queueFull
        }
        let start = Swift.max(arrival, earliest)
        freeAt.replaceMin(with: start + Swift.max(0, service))
        if start > arrival { waiting.insert(start) }
        return .served(start: start, answeredAt: start + Swift.max(0, service))
    }

    /// Requests waiting for a worker at the last arrival.
    public var queued: Int { waiting.count }
}

/// A binary min-heap of times.
struct MinHeap: Sendable {
    private var items: [Nanoseconds]

    init() { items = [] }
    init(repeating value: Nanoseconds, count: Int) { items = Array(repeating: value, count: count) }

    var count: Int { items.count }
    var min: Nanoseconds? { items.first }

    mutating func insert(_ value: Nanoseconds) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeMin() {
        guard !items.isEmpty else { return }
        let last = items.removeLast()
        if !items.isEmpty { replaceMin(with: last) }
    }

    /// Replaces the smallest item with `value` and restores the order.
    mutating func replaceMin(with value: Nanoseconds) {
        guard !items.isEmpty else { items = [value]; return }
        items[0] = value
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left] < items[smallest] { smallest = left }
            if right < items.count, items[right] < items[smallest] { smallest = right }
            guard smallest != parent else { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
