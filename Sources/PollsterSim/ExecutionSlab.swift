/// The executions in their polling loop, each in a slot that is reused once it ends.
///
/// Storage managed by hand so that the engine works on a slot in place, through a pointer,
/// while it updates its other state: with an Array it would copy the execution out and
/// back (a few hundred bytes per poll), since reading the slot in place would overlap the
/// engine's other accesses. A class, owned by one engine. A pointer from ``subscript(_:)``
/// stays valid until the next ``insert(_:)``.
final class ExecutionSlab {
    private var storage: UnsafeMutablePointer<ActiveExecution>
    private var capacity: Int
    /// Slots ever used (free ones included): `0 ..< used`.
    private(set) var used = 0
    private var free: [Int32] = []

    init(capacity: Int = 4096) {
        self.capacity = Swift.max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: used)
        storage.deallocate()
    }

    /// The execution in `slot`.
    @inline(__always) subscript(slot: Int32) -> UnsafeMutablePointer<ActiveExecution> { storage + Int(slot) }

    /// Where slot `slot` lies, for a prefetch.
    @inline(__always) func address(of slot: Int32) -> UnsafeRawPointer { UnsafeRawPointer(storage + Int(slot)) }

    /// Puts `execution` in a free slot (or a new one) and returns the slot.
    func insert(_ execution: ActiveExecution) -> Int32 {
        if let slot = free.popLast() {
            storage[Int(slot)] = execution
            return slot
        }
        precondition(used < SimEvent.maxSlots, "more than \(SimEvent.maxSlots) executions in their polling loop at once")
        if used == capacity {
            capacity *= 2
            storage = storage.moved(count: used, toCapacity: capacity)
        }
        (storage + used).initialize(to: execution)
        used += 1
        return Int32(used - 1)
    }

    /// Makes `slot` free for the next execution.
    func recycle(_ slot: Int32) { free.append(slot) }
}
