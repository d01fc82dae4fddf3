/// One execution of the workload: when it is created, how long it queues and runs, how it
/// ends and under which API key. The simulator and the mock server derive every status a
/// poll can see from this one value, so both agree on what a client observes.
public struct ExecutionPlan: Sendable, Hashable {
    /// Position in creation order (0-based); ties between events are broken by it.
    public var index: Int
    /// c_e, scenario time.
    public var createdAt: Nanoseconds
    /// Time spent pending before running.
    public var queueTime: Nanoseconds
    /// D_e, time spent running.
    public var runTime: Nanoseconds
    public var outcome: Outcome
    /// Index of the API key (0 ..< workload.apiKeys).
    public var apiKey: Int
    /// How it reports progress while running.
    public var progress: ProgressShape

    public init(
        index: Int, createdAt: Nanoseconds, queueTime: Nanoseconds = 0, runTime: Nanoseconds, outcome: Outcome = .completed, apiKey: Int = 0,
        progress: ProgressShape = .linear
    ) {
        self.index = index
        self.createdAt = createdAt
        self.queueTime = queueTime
        self.runTime = runTime
        self.outcome = outcome
        self.apiKey = apiKey
        self.progress = progress
    }

    /// When it starts running.
    @inlinable public var startedAt: Nanoseconds { createdAt + queueTime }
    /// f_e: when it becomes terminal.
    @inlinable public var finishedAt: Nanoseconds { createdAt + queueTime + runTime }

    /// What a poll evaluated at `time` sees.
    @inlinable public func snapshot(at time: Nanoseconds) -> ExecutionSnapshot {
        if time >= finishedAt { return ExecutionSnapshot(status: ExecutionStatus(outcome), progress: nil) }
        if time < startedAt { return ExecutionSnapshot(status: .pending, progress: nil) }
        let fraction = runTime > 0 ? Double(time - startedAt) / Double(runTime) : 1
        return ExecutionSnapshot(status: .running, progress: progress.percentage(atFraction: fraction))
    }
}

/// The observable state of an execution at one instant.
public struct ExecutionSnapshot: Sendable, Hashable {
    public var status: ExecutionStatus
    /// `progress.percentage` (0-100) while running, nil otherwise.
    public var progress: Double?

    public init(status: ExecutionStatus, progress: Double?) {
        self.status = status
        self.progress = progress
    }
}
