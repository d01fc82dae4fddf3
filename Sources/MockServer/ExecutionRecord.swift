import PollsterCore

/// One execution the mock knows: its lifecycle plan (the one ``ExecutionPlan`` model the
/// simulator uses too), its identity, and its own latency stream, so that its polls draw
/// the same latencies whatever other executions do.
struct ExecutionRecord: Sendable {
    /// Registration order in the store; the id is derived from it.
    let serial: Int
    let id: String
    let flowId: String
    /// The plan as registered or created.
    let scheduled: ExecutionPlan
    /// The plan in force: `scheduled`, cut short when a client cancels.
    private(set) var plan: ExecutionPlan
    let metadata: [String: JSONValue]
    /// Latencies of the responses about this execution, drawn in order.
    var latency: Xoshiro256StarStar
    /// Draws of `server.faults` for its polls (the simulator's stream of the same index).
    var faults: Xoshiro256StarStar

    init(serial: Int, idSalt: UInt64, plan: ExecutionPlan, flowId: String, metadata: [String: JSONValue], latency: Xoshiro256StarStar,
         faults: Xoshiro256StarStar) {
        self.serial = serial
        self.id = ExecutionRecord.id(forSerial: serial, salt: idSalt)
        self.flowId = flowId
        self.scheduled = plan
        self.plan = plan
        self.metadata = metadata
        self.latency = latency
        self.faults = faults
    }

    /// `exec_` and 16 hex digits of a bijective mix of `serial` and the server's `salt`:
    /// unique within a server, different between servers, not a counter.
    static func id(forSerial serial: Int, salt: UInt64) -> String {
        let hex = String(SplitMix64.mix(UInt64(serial) ^ salt), radix: 16)
        return "exec_" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// True once the execution exists at scenario time `time` (registered executions may
    /// be created in the future).
    func exists(at time: Nanoseconds) -> Bool { time >= plan.createdAt }

    /// Cancels at `time`: a pending or running execution becomes cancelled from `time` on.
    /// Returns false, changing nothing, when it is already terminal.
    mutating func cancel(at time: Nanoseconds) -> Bool {
        if plan.snapshot(at: time).status.isTerminal { return false }
        if time < plan.startedAt {
            plan.queueTime = time - plan.createdAt
            plan.runTime = 0
        } else {
            plan.runTime = time - plan.startedAt
        }
        plan.outcome = .cancelled
        return true
    }

    /// The resource a poll evaluated at `time` sees.
    func resource(at time: Nanoseconds, include: Set<IncludeOption>, epoch: Int64, version: String) -> ExecutionResource {
        let snapshot = plan.snapshot(at: time)
        var resource = ExecutionResource(
            id: id,
            flowId: flowId,
            version: version,
            status: snapshot.status,
            createdAt: ISO8601Timestamp.format(unixNanoseconds: epoch + plan.createdAt),
            metadata: metadata
        )
        let fraction = runFraction(at: time)
        let lastStep = FlowSteps.names.count - 1
        var stepsCompleted: Int
        switch snapshot.status {
        case .pending:
            stepsCompleted = 0
        case .running:
            let percentage = snapshot.progress ?? 0
            resource.progress = .init(step: FlowSteps.current(atFraction: percentage / 100), percentage: percentage)
            stepsCompleted = FlowSteps.completed(atFraction: percentage / 100)
        case .completed:
            stepsCompleted = FlowSteps.names.count
            resource.output = [
                "recordsProcessed": .number(Double(100 + serial % 900)),
                "resultUri": .string("artifact://\(id)/output.json"),
            ]
        case .failed:
            stepsCompleted = lastStep
            let step = FlowSteps.names[lastStep]
            resource.error = .init(code: "STEP_FAILED", message: "Step \(step) failed: the upstream service returned an error", step: step)
        case .cancelled:
            stepsCompleted = min(lastStep, FlowSteps.completed(atFraction: fraction))
        }
        if snapshot.status.isTerminal {
            resource.completedAt = ISO8601Timestamp.format(unixNanoseconds: epoch + plan.finishedAt)
        }
        if include.contains(.metrics) {
            let queued = min(max(0, time - plan.createdAt), plan.queueTime)
            let ran = min(max(0, time - plan.startedAt), plan.runTime)
            resource.metrics = .init(
                queueMs: Time.toMilliseconds(queued),
                runMs: Time.toMilliseconds(ran),
                stepsCompleted: stepsCompleted,
                stepsTotal: FlowSteps.names.count
            )
        }
        if include.contains(.artifacts) {
            var artifacts: [String: ExecutionResource.Artifact] = [:]
            for (position, step) in FlowSteps.names.prefix(stepsCompleted).enumerated() {
                artifacts[step] = .init(uri: "artifact://\(id)/\(step).json", sizeBytes: 1024 * (position + 1) + serial % 1000)
            }
            resource.artifacts = artifacts
        }
        return resource
    }

    /// Elapsed fraction of the scheduled run time at `time` (0...1).
    private func runFraction(at time: Nanoseconds) -> Double {
        guard scheduled.runTime > 0 else { return time >= plan.startedAt ? 1 : 0 }
        let ran = min(max(0, min(time, plan.finishedAt) - plan.startedAt), scheduled.runTime)
        return Double(ran) / Double(scheduled.runTime)
    }
}
