import PollsterCore

/// A scheduled event of the discrete-event simulation.
///
/// Events at the same instant run releases first (a request that ends at t is no longer in
/// flight for a request sent at t), then in order of execution creation (DESIGN.md).
struct SimEvent: Sendable {
    enum Kind: UInt8, Sendable {
        case release = 0
        case poll = 1
    }

    var time: Nanoseconds
    var kind: Kind
    /// Creation index of the execution (the tie-breaker).
    var execution: Int
    /// Slot of the execution's state in the simulation's slab.
    var slot: Int32

    @inline(__always) static func precedes(_ a: SimEvent, _ b: SimEvent) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
        return a.execution < b.execution
    }
}
