import HTTPTypes
import PollsterCore
import Synchronization

/// The execution API's behaviour, free of HTTP plumbing and of the wall clock: given a
/// routed request and the scenario time it arrived at, it authenticates, applies the
/// rate limits (the simulator's ``RateLimitSet``), reads or changes the execution (the
/// simulator's ``ExecutionPlan``) and says what to answer and after how much latency.
///
/// The HTTP handlers call ``respond(to:at:)`` with `clock.now()`; tests call it with
/// explicit times to check that the mock decides as the simulator does.
package final class ExecutionAPI: Sendable {
    package let configuration: MockServerConfiguration
    package let store: ExecutionStore
    package let keys: APIKeyRegistry
    let gate: RateLimitGate
    /// Unix time in nanoseconds that scenario time 0 is shown as.
    let epoch: Int64
    /// Latencies of responses that are about no known execution.
    private let sharedLatency: Mutex<Xoshiro256StarStar>
    private let latencyIsZero: Bool
    /// The server's workers when `server.capacity` limits them (the simulator's model).
    private let workers: Mutex<WorkerPool?>
    private let hasCapacity: Bool
    /// `server.faults` and `server.rejection`, as the simulator applies them.
    let faults: FaultModel
    private let hasFaults: Bool
    let rejection: RejectionStyle
    /// Requests answered by a reset, recognised when libcurl sends them again; nil when no
    /// fault resets connections (then no request takes its lock).
    let resets: ResetMemory?

    /// The API of `configuration`, showing scenario time 0 as Unix time `epoch` (ns).
    package init(configuration: MockServerConfiguration, epoch: Int64) {
        self.configuration = configuration
        self.epoch = epoch
        store = ExecutionStore(seed: configuration.seed, idSalt: configuration.idSalt ?? UInt64.random(in: .min ... .max))
        keys = APIKeyRegistry(configuration.keys)
        let keySlots = max(configuration.workload.apiKeys, (configuration.keys.map(\.index).max() ?? 0) + 1)
        gate = RateLimitGate(server: configuration.server, apiKeys: keySlots)
        faults = FaultModel(configuration.server.faults)
        hasFaults = !configuration.server.faults.isEmpty
        rejection = configuration.server.rejection
        resets = configuration.server.faults.contains { fault in
            switch fault.kind {
            case .reset, .outage: return true
            default: return false
            }
        } ? ResetMemory() : nil
        sharedLatency = Mutex(RandomStream.latency.generator(seed: configuration.seed, index: UInt64.max))
        latencyIsZero = configuration.server.latency.isZero
        workers = Mutex(configuration.server.capacity.map(WorkerPool.init))
        hasCapacity = configuration.server.capacity != nil
    }

    /// Decides the answer to `request` arriving at scenario time `time`. Allowed requests
    /// are counted by the rate limits; when the result has a `releaseKey`, call
    /// ``release(_:at:)`` once the response has been sent.
    package func respond(to request: APIRequest, at time: Nanoseconds) -> APIResult {
        if hasFaults && faults.isOutage(at: time) {
            // Down: the connection is reset at once, before anything else sees the request.
            var down = APIResult(.overloaded)
            down.transportFault = .reset
            return down
        }
        guard let key = request.apiKey, let grant = keys.grant(for: String(key)) else {
            return withLatency(APIResult(.unauthorized), about: request.operation.executionID)
        }
        guard grant.scopes.contains(request.operation.requiredScope) else {
            return withLatency(APIResult(.forbidden(missing: request.operation.requiredScope)), about: request.operation.executionID)
        }
        let decision = gate.decide(apiKey: grant.index, at: time)
        var result: APIResult
        if !decision.allowed {
            result = withLatency(APIResult(.rejected(status: rejection.status)), about: request.operation.executionID)
        } else {
            switch request.operation {
            case .getExecution(let id, let include):
                result = getExecution(id: id, include: include, at: time)
            case .createExecution(let flowId, let body):
                result = createExecution(flowId: flowId, body: body, apiKey: grant.index, at: time)
            case .cancelExecution(let id):
                result = cancelExecution(id: id, at: time)
            }
            if hasCapacity {
                // The drawn latency is the request's service time; it first waits for a worker.
                let service = result.latency
                switch workers.withLock({ $0?.admit(at: time, service: service) }) {
                case .served(_, let answeredAt)?:
                    result.latency = answeredAt - time
                case nil:
                    break
                case .queueFull?:
                    var full = APIResult(.overloaded)
                    full.latency = service
                    result = full
                }
            }
            result.latency += result.faultDelay
            if gate.hasConcurrencyLimit { result.releaseKey = grant.index }
        }
        result.decision = decision
        for field in RateLimitHeaders.fields(for: decision, style: rejection, at: time, epoch: epoch) {
            if let name = HTTPField.Name(field.name) { result.headers[name] = field.value }
        }
        return result
    }

    /// Frees the concurrency slot of an answered request (see ``respond(to:at:)``).
    package func release(_ result: APIResult, at time: Nanoseconds) {
        if let key = result.releaseKey { gate.release(apiKey: key, at: time) }
    }

    private func getExecution(id: String, include rawInclude: [Substring], at time: Nanoseconds) -> APIResult {
        let include: Set<IncludeOption>
        switch IncludeOption.parse(rawInclude) {
        case .success(let options): include = options
        case .failure(let unknown):
            let allowed = IncludeOption.allCases.map(\.rawValue).joined(separator: ", ")
            return withLatency(APIResult(.invalidRequest("Unknown include value '\(unknown.name)' (allowed: \(allowed))")), about: id)
        }
        let faults = self.faults
        let hasFaults = self.hasFaults
        let seed = configuration.seed
        let found = store.withRecord(id: id) { record -> (ExecutionRecord, Nanoseconds, unknown: Bool, FaultModel.Effect)? in
            guard record.exists(at: time) else { return nil }
            let latency = drawLatency(&record.latency)
            guard hasFaults else { return (record, latency, false, .none) }
            // The simulator's order: an unknown execution gets a 404; the others draw their faults.
            if faults.isUnknown(seed: seed, index: record.plan.index) { return (record, latency, true, .none) }
            return (record, latency, false, faults.drawsPerRequest ? faults.effect(at: time, rng: &record.faults) : .none)
        }
        guard let (record, latency, unknown, effect) = found ?? nil else {
            return withLatency(APIResult(.executionNotFound), about: nil)
        }
        var result: APIResult
        switch effect.failure {
        case _ where unknown:
            result = APIResult(.executionNotFound)
        case .status(let status)?:
            result = APIResult(APIError(status: HTTPResponse.Status(code: status), code: "SERVER_ERROR", message: "Internal error (a fault of server.faults)"))
        case .reset?:
            result = APIResult(.overloaded)
            result.transportFault = .reset
        case .truncated?, nil:
            let resource = record.resource(at: time, include: include, epoch: epoch, version: configuration.flowVersion)
            result = APIResult(status: .ok, headers: [.contentType: "application/json"], body: resource.jsonBytes())
            if effect.failure == .truncated {
                result.transportFault = .truncated
            } else if effect.slowBody > 0 {
                result.transportFault = .slowBody(effect.slowBody)
            }
        }
        result.latency = latency
        result.faultDelay = effect.extraLatency
        return result
    }

    private func createExecution(flowId: String, body: [UInt8]?, apiKey: Int, at time: Nanoseconds) -> APIResult {
        let request: CreateExecutionRequest
        switch CreateExecutionRequest.parse(body) {
        case .success(let parsed): request = parsed
        case .failure(let error): return withLatency(APIResult(error), about: nil)
        }
        let workload = configuration.workload
        let seed = configuration.seed
        let (record, latency) = store.create(flowId: flowId, metadata: request.metadata ?? [:], makePlan: { index in
            // The simulator's draws, in the simulator's order (ExecutionSchedule.plan), so
            // that execution i created here is execution i of a simulation; the request's
            // own values override them.
            var plan = ExecutionSchedule.plan(index: index, createdAt: time, workload: workload, seed: seed)
            if let queue = request.queueMs { plan.queueTime = Time.milliseconds(queue) }
            if let run = request.durationMs { plan.runTime = Time.milliseconds(run) }
            if let outcome = request.outcome { plan.outcome = outcome }
            plan.apiKey = apiKey
            return plan
        }, drawLatency: drawLatency)
        let resource = record.resource(at: time, include: [], epoch: epoch, version: configuration.flowVersion)
        let headers: HTTPFields = [.contentType: "application/json", .location: "/v1/executions/\(record.id)"]
        return APIResult(status: .accepted, headers: headers, body: resource.jsonBytes(), latency: latency)
    }

    private func cancelExecution(id: String, at time: Nanoseconds) -> APIResult {
        let found = store.withRecord(id: id) { record -> (ExecutionRecord, Bool, Nanoseconds)? in
            guard record.exists(at: time) else { return nil }
            let cancelled = record.cancel(at: time)
            return (record, cancelled, drawLatency(&record.latency))
        }
        guard let (record, cancelled, latency) = found ?? nil else {
            return withLatency(APIResult(.executionNotFound), about: nil)
        }
        guard cancelled else {
            var result = APIResult(.alreadyTerminal)
            result.latency = latency
            return result
        }
        let resource = record.resource(at: time, include: [], epoch: epoch, version: configuration.flowVersion)
        return APIResult(status: .ok, headers: [.contentType: "application/json"], body: resource.jsonBytes(), latency: latency)
    }

    /// `result` with a latency from the stream of execution `id` when it is known, else
    /// from the server's shared stream.
    private func withLatency(_ result: APIResult, about id: String?) -> APIResult {
        if latencyIsZero { return result }
        var result = result
        if let id, let latency = store.withRecord(id: id, { drawLatency(&$0.latency) }) {
            result.latency = latency
        } else {
            result.latency = sharedLatency.withLock { drawLatency(&$0) }
        }
        return result
    }

    private func drawLatency(_ rng: inout Xoshiro256StarStar) -> Nanoseconds {
        latencyIsZero ? 0 : max(0, configuration.server.latency.sample(&rng))
    }
}
