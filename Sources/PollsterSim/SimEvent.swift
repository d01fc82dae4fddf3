import PollsterCore

/// A scheduled event of the discrete-event simulation, in 16 bytes (four to a cache line).
///
/// Events at the same instant run releases first (a request that ends at t is no longer in
/// flight for a request sent at t), then replies, then polls, each in order of execution
/// creation (DESIGN.md). Both tie-breakers and the execution's slot are packed into one
/// integer, `order`: kind in the top 2 bits, then the creation index (35 bits), then the
/// slot (27 bits). An execution has at most one event of each kind pending, so the slot
/// never decides an order, and comparing two events is two integer comparisons on the
/// engine's hottest path.
struct SimEvent: Sendable {
    enum Kind: UInt64, Sendable {
        case release = 0
        /// A response reaches a client whose key shares state (the others' replies are
        /// handled when their poll is sent: the answer is fixed then).
        case reply = 1
        case poll = 2
    }

    /// Executions a run may create (creation indices below this): ``Workload/maxExecutions``.
    static let maxExecutions = 1 << indexBits
    /// Executions a run may hold in their polling loop at once (slots below this).
    static let maxSlots = 1 << slotBits
    private static let indexBits = 35
    private static let slotBits = 27

    var time: Nanoseconds
    /// Kind, then creation index, then slot.
    var order: UInt64

    @inline(__always) init(time: Nanoseconds, kind: Kind, execution: Int, slot: Int32) {
        self.time = time
        self.order = kind.rawValue << 62 | UInt64(execution) << Self.slotBits | UInt64(slot)
    }

    @inline(__always) var kind: Kind { Kind(rawValue: order >> 62)! }

    /// Slot of the execution's state in the engine's ``ExecutionSlab``.
    @inline(__always) var slot: Int32 { Int32(truncatingIfNeeded: order & UInt64(Self.maxSlots - 1)) }

    /// (time, order) as one unsigned number (the time's sign bit flipped, so that its order
    /// is kept): one comparison without a branch, which the heap's unpredictable
    /// comparisons need.
    @inline(__always) var sortKey: UInt128 {
        UInt128(UInt64(bitPattern: time) ^ (1 << 63)) << 64 | UInt128(order)
    }

    @inline(__always) static func precedes(_ a: SimEvent, _ b: SimEvent) -> Bool {
        a.sortKey < b.sortKey
    }
}
