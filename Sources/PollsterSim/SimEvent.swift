import PollsterCore

/// A scheduled event of the discrete-event simulation.
///
/// Events at the same instant run releases first (a request that ends at t is no longer in
/// flight for a request sent at t), then replies, then polls, each in order of execution creation (DESIGN.md). Both
/// tie-breakers are packed into one integer, `order`, so comparing two events is two
/// integer comparisons on the engine's hottest path.
struct SimEvent: Sendable {
    enum Kind: UInt64, Sendable {
        case release = 0
        /// A response reaches a client whose key shares state (the others' replies are
        /// handled when their poll is sent: the answer is fixed then).
        case reply = 1
        case poll = 2
    }

    var time: Nanoseconds
    /// kind in the top bits, then the execution's creation index.
    var order: UInt64
    /// Slot of the execution's state in the simulation's slab.
    var slot: Int32

    init(time: Nanoseconds, kind: Kind, execution: Int, slot: Int32) {
        self.time = time
        self.order = kind.rawValue << 62 | UInt64(execution)
        self.slot = slot
    }

    var kind: Kind { Kind(rawValue: order >> 62)! }

    @inline(__always) static func precedes(_ a: SimEvent, _ b: SimEvent) -> Bool {
        a.time < b.time || (a.time == b.time && a.order < b.order)
    }
}
