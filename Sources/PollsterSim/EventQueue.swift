import CPrefetch
import PollsterCore

/// The simulator's agenda: its pending events, taken earliest first in the exact order of
/// ``SimEvent/precedes(_:_:)`` (time, then kind, then execution index).
///
/// A timing wheel in front of a heap, because a heap of every pending event (one per
/// execution in its polling loop, tens of thousands in a large run) costs a cache miss and
/// a mispredicted branch at each of its levels on every event. Time is cut into buckets of
/// 2^20 ns (about a millisecond):
/// - events of the current bucket, and of any earlier one, are in ``current``, a heap that
///   holds a handful of events and so stays in the cache;
/// - events of the next 65,535 buckets (about 68 s) wait unordered in the wheel, one linked
///   list per bucket, with a bit per bucket saying which are occupied;
/// - events further ahead wait in ``later``, a heap.
/// When ``current`` runs dry, the queue moves to the earliest occupied bucket (of the wheel
/// or of ``later``) and pours that bucket's events into ``current``. Every event of an
/// earlier bucket has been taken by then, so the order is exactly the heap's.
///
/// A class, owned by one engine; its storage is managed by hand.
final class EventQueue {
    /// log2 of a bucket's width in nanoseconds.
    private static let bucketShift = 20
    /// Buckets in the wheel (a power of two).
    private static let wheelSize = 1 << 16
    private static let wheelMask = UInt64(wheelSize - 1)
    private static let noNode: Int32 = -1

    /// An event waiting in the wheel, and the next one of its bucket.
    private struct Node {
        var event: SimEvent
        var next: Int32
    }

    /// Events of the current bucket (``bucket``) and of earlier ones.
    private let current = EventHeap(capacity: 64)
    /// Events at least a wheel's span ahead of the current bucket when they were added.
    private let later = EventHeap(capacity: 64)
    /// The current bucket (absolute: time >> bucketShift, sign-adjusted).
    private var bucket: UInt64 = (1 << 63) >> EventQueue.bucketShift
    /// First node of each wheel bucket's list.
    private let heads: UnsafeMutablePointer<Int32>
    /// One bit per wheel bucket: its list is not empty.
    private let occupied: UnsafeMutablePointer<UInt64>
    private static let occupiedWords = wheelSize / 64
    private var nodes: UnsafeMutablePointer<Node>
    private var nodeCapacity: Int
    /// Nodes ever used; those freed are chained from `freeNode`.
    private var nodesUsed = 0
    private var freeNode = EventQueue.noNode
    /// The first occupied wheel bucket after the current one (nil: none), kept up to date
    /// so that its events can be fetched into the cache before they are needed.
    private var upcoming: UInt64?
    private(set) var count = 0

    init(capacity: Int = 1024) {
        heads = .allocate(capacity: Self.wheelSize)
        heads.initialize(repeating: Self.noNode, count: Self.wheelSize)
        occupied = .allocate(capacity: Self.occupiedWords)
        occupied.initialize(repeating: 0, count: Self.occupiedWords)
        nodeCapacity = Swift.max(capacity, 64)
        nodes = .allocate(capacity: nodeCapacity)
    }

    deinit {
        heads.deallocate()
        occupied.deallocate()
        nodes.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The bucket of `event` (the order of times is kept: the sign bit is flipped).
    @inline(__always) private static func bucket(of event: SimEvent) -> UInt64 {
        (UInt64(bitPattern: event.time) ^ (1 << 63)) >> bucketShift
    }

    func push(_ event: SimEvent) {
        count += 1
        let b = Self.bucket(of: event)
        if b <= bucket {
            current.push(event)
        } else if b - bucket < UInt64(Self.wheelSize) {
            let slot = Int(b & Self.wheelMask)
            let node = takeNode()
            nodes[Int(node)] = Node(event: event, next: heads[slot])
            heads[slot] = node
            occupied[slot >> 6] |= 1 << UInt64(slot & 63)
            if upcoming.map({ b < $0 }) ?? true { upcoming = b }
        } else {
            later.push(event)
        }
    }

    /// The earliest event, without removing it.
    var first: SimEvent? {
        if current.isEmpty && !advance() { return nil }
        return current.first
    }

    func pop() -> SimEvent? {
        if current.isEmpty && !advance() { return nil }
        count -= 1
        return current.pop()
    }

    /// Moves to the earliest bucket that holds an event and pours its events into
    /// ``current``; false when no event is left.
    private func advance() -> Bool {
        var target = upcoming
        if let soonest = later.first {
            let b = Self.bucket(of: soonest)
            if target.map({ b < $0 }) ?? true { target = b }
        }
        guard let target else { return false }
        bucket = target
        // The wheel's bucket at this slot, if any, is this one: the wheel holds only the
        // buckets less than a span after the previous current bucket, and target is at most
        // the first of them.
        let slot = Int(target & Self.wheelMask)
        var node = heads[slot]
        if node != Self.noNode {
            heads[slot] = Self.noNode
            occupied[slot >> 6] &= ~(1 << UInt64(slot & 63))
            while node != Self.noNode {
                let next = nodes[Int(node)].next
                current.push(nodes[Int(node)].event)
                nodes[Int(node)].next = freeNode
                freeNode = node
                node = next
            }
        }
        while let soonest = later.first, Self.bucket(of: soonest) == target {
            current.push(later.pop()!)
        }
        if upcoming == target {
            // Find the next one, and start loading its first event: it was added long ago
            // (a poll's delay earlier), so it is no longer in the cache.
            upcoming = nextOccupiedBucket()
            if let next = upcoming {
                let head = heads[Int(next & Self.wheelMask)]
                c_prefetch(UnsafeRawPointer(nodes + Int(head)), MemoryLayout<Node>.stride)
            }
        }
        return true
    }

    /// The first occupied wheel bucket after the current one, as an absolute bucket.
    private func nextOccupiedBucket() -> UInt64? {
        let start = Int((bucket &+ 1) & Self.wheelMask)
        var word = start >> 6
        // The first word without the bits before `start`.
        var bits = occupied[word] & (~0 << UInt64(start & 63))
        var scanned = 0
        while bits == 0 {
            scanned += 1
            if scanned > Self.occupiedWords { return nil }
            word = (word + 1) & (Self.occupiedWords - 1)
            bits = occupied[word]
        }
        let slot = word << 6 | bits.trailingZeroBitCount
        let distance = (slot - start) & (Self.wheelSize - 1)
        return bucket &+ 1 &+ UInt64(distance)
    }

    private func takeNode() -> Int32 {
        if freeNode != Self.noNode {
            let node = freeNode
            freeNode = nodes[Int(node)].next
            return node
        }
        if nodesUsed == nodeCapacity {
            nodeCapacity *= 2
            nodes = nodes.moved(count: nodesUsed, toCapacity: nodeCapacity)
        }
        precondition(nodesUsed < Int(Int32.max), "too many pending events")
        nodesUsed += 1
        return Int32(nodesUsed - 1)
    }
}
