import PollsterCore
import Synchronization

/// The executions the mock serves, shared by every request handler.
///
/// Each execution is an ``ExecutionPlan`` (the lifecycle model the simulator uses) plus its
/// id, flow, metadata and own latency stream. Registration is in-process (the live engine
/// pre-registers its workload) or through `POST /v1/flows/{flowId}/executions`. The live
/// engine retires each execution it has finished polling (``retire(_:)``), so a long run
/// holds only the executions still in play and its memory stays flat.
public final class ExecutionStore: Sendable {
    private struct State {
        var records: [Int: ExecutionRecord] = [:]
        var serialByID: [String: Int] = [:]
        /// The serial of the next execution: one per execution ever made, retired or not.
        var nextSerial = 0
        /// Next `ExecutionPlan.index` for executions created over HTTP.
        var nextCreatedIndex = 0
    }

    private let state = Mutex(State())
    private let seed: UInt64
    private let idSalt: UInt64

    /// An empty store whose latency streams derive from `seed` and whose ids from `idSalt`.
    public init(seed: UInt64, idSalt: UInt64) {
        self.seed = seed
        self.idSalt = idSalt
    }

    /// Adds an execution with this exact plan and returns its id (`exec_` and 16 hex
    /// digits). Each call makes a new execution with a new id, even for an equal plan,
    /// so several strategies can each register the same workload. Its responses draw
    /// latencies from the stream of `plan.index`, as the simulator's polls do.
    @discardableResult
    public func register(_ plan: ExecutionPlan, flowId: String, metadata: [String: JSONValue] = [:]) -> String {
        let latency = RandomStream.latency.generator(seed: seed, index: UInt64(truncatingIfNeeded: plan.index))
        return state.withLock { state in
            let record = ExecutionRecord(serial: state.nextSerial, idSalt: idSalt, plan: plan, flowId: flowId, metadata: metadata, latency: latency,
                                         faults: RandomStream.faults.generator(seed: seed, index: UInt64(truncatingIfNeeded: plan.index)))
            state.nextSerial += 1
            state.records[record.serial] = record
            state.serialByID[record.id] = record.serial
            state.nextCreatedIndex = max(state.nextCreatedIndex, plan.index + 1)
            return record.id
        }
    }

    /// Makes the plan of an execution created over HTTP (its index one past every index
    /// seen so far), registers it and returns it with the first latency of its stream.
    func create(
        flowId: String,
        metadata: [String: JSONValue],
        makePlan: (_ index: Int) -> ExecutionPlan,
        drawLatency: (inout Xoshiro256StarStar) -> Nanoseconds
    ) -> (record: ExecutionRecord, latency: Nanoseconds) {
        state.withLock { state in
            let plan = makePlan(state.nextCreatedIndex)
            let latency = RandomStream.latency.generator(seed: seed, index: UInt64(truncatingIfNeeded: plan.index))
            var record = ExecutionRecord(serial: state.nextSerial, idSalt: idSalt, plan: plan, flowId: flowId, metadata: metadata, latency: latency,
                                         faults: RandomStream.faults.generator(seed: seed, index: UInt64(truncatingIfNeeded: plan.index)))
            state.nextSerial += 1
            let first = drawLatency(&record.latency)
            state.records[record.serial] = record
            state.serialByID[record.id] = record.serial
            state.nextCreatedIndex = plan.index + 1
            return (record, first)
        }
    }

    /// Runs `body` on the execution `id` under the store's lock; nil for an unknown id.
    func withRecord<Value>(id: some StringProtocol, _ body: (inout ExecutionRecord) -> Value) -> Value? {
        state.withLock { state in
            guard let serial = state.serialByID[String(id)], state.records[serial] != nil else { return nil }
            return body(&state.records[serial]!)
        }
    }

    /// Forgets execution `id`: later requests for it are answered 404 as for an id never
    /// made. Returns whether it was known.
    @discardableResult
    public func retire(_ id: some StringProtocol) -> Bool {
        state.withLock { state in
            guard let serial = state.serialByID.removeValue(forKey: String(id)) else { return false }
            state.records[serial] = nil
            return true
        }
    }

    /// The number of executions registered or created, retired ones included.
    public var count: Int { state.withLock { $0.nextSerial } }

    /// The number of executions held (registered or created and not retired).
    public var held: Int { state.withLock { $0.records.count } }
}
