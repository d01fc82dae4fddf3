import Synchronization

/// Counters a sweep, tuning or capacity search updates as simulations finish, read by a
/// progress display on another task.
public final class PlanProgress: Sendable {
    private let finished = Atomic<Int>(0)
    private let planned = Atomic<Int>(0)

    public init() {}

    /// Simulations finished so far.
    public var simulationsFinished: Int { finished.load(ordering: .relaxed) }
    /// Simulations planned so far (searches plan as they go).
    public var simulationsPlanned: Int { planned.load(ordering: .relaxed) }

    /// Notes that `count` more simulations are planned.
    public func plan(_ count: Int) {
        planned.add(count, ordering: .relaxed)
    }

    func finishedSimulation() {
        finished.add(1, ordering: .relaxed)
    }
}
