import Synchronization

/// Counters that simulations running in parallel update as they go, read by the progress
/// line. Updated in batches so the hot loop rarely touches shared memory.
public final class SimulationProgress: Sendable {
    private let finishedExecutions = Atomic<Int>(0)
    private let sentRequests = Atomic<Int>(0)
    private let scenarioNanos = Atomic<Int64>(0)

    public init() {}

    /// Executions that left their polling loop, over all running simulations.
    public var executionsFinished: Int { finishedExecutions.load(ordering: .relaxed) }
    /// Requests simulated, over all running simulations.
    public var requests: Int { sentRequests.load(ordering: .relaxed) }
    /// The furthest scenario time any simulation has reached.
    public var scenarioTime: Int64 { scenarioNanos.load(ordering: .relaxed) }

    func add(executions: Int, requests: Int, time: Int64) {
        finishedExecutions.add(executions, ordering: .relaxed)
        sentRequests.add(requests, ordering: .relaxed)
        var current = scenarioNanos.load(ordering: .relaxed)
        while current < time {
            let (exchanged, original) = scenarioNanos.compareExchange(expected: current, desired: time, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
    }
}
