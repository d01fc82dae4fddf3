import CPrefetch
import PollsterCore

/// One strategy against one workload (one seed) in virtual time: DESIGN.md's semantics,
/// event by event.
///
/// The server is evaluated at each poll's send time s_n; the response arrives at
/// r_n = s_n + L_n; the next poll is sent at r_n + delay_{n+1}. Because the response is
/// fixed at s_n, the engine schedules the next poll directly and needs no response event
/// (only a release event when a concurrency limit counts requests in flight).
public struct StrategySimulation: Sendable {
    public let scenario: Scenario
    /// The strategy, or the population's strategies in member order.
    public let strategies: [StrategySpec]
    /// Mixes ``strategies`` on the same keys and server; nil: one strategy alone.
    public let population: Population?
    public let seed: UInt64
    /// Only the executions of the API keys `k` with `k % count == index` (see
    /// ``KeyShard``); nil: all of them.
    public let keyShard: KeyShard?
    /// Where each execution's row goes when executions.csv is asked for; nil: nowhere.
    public let log: ExecutionLogPart?

    public init(scenario: Scenario, strategy: StrategySpec, seed: UInt64, keyShard: KeyShard? = nil, log: ExecutionLogPart? = nil) {
        self.log = log
        self.scenario = scenario
        self.strategies = [strategy]
        self.population = nil
        self.seed = seed
        self.keyShard = keyShard.flatMap { $0.count > 1 ? $0 : nil }
    }

    /// The scenario's population: its strategies mixed on the same keys and server.
    public init(scenario: Scenario, population: Population, seed: UInt64, keyShard: KeyShard? = nil, log: ExecutionLogPart? = nil) {
        self.log = log
        self.scenario = scenario
        self.strategies = population.members.compactMap { member in scenario.strategies.first { $0.name == member.strategy } }
        self.population = population
        self.seed = seed
        self.keyShard = keyShard.flatMap { $0.count > 1 ? $0 : nil }
    }

    /// The population's run: each member's metrics, in member order.
    public func runMembers(progress: SimulationProgress? = nil) async -> (metrics: [StrategyMetrics], partial: Bool) {
        var engine = makeEngine(progress: progress)
        while !engine.advance(steps: Engine.stepsPerSlice) {
            if Task.isCancelled {
                engine.stop()
                return (engine.groupMetrics(), true)
            }
            await Task.yield()
        }
        return (engine.groupMetrics(), false)
    }

    private func makeEngine(progress: SimulationProgress?) -> Engine {
        let groups = strategies.indices.map { i in
            ClientGroup(strategies[i], name: population?.resultName(i) ?? strategies[i].name, scenario: scenario)
        }
        return Engine(scenario: scenario, groups: groups, population: population, seed: seed, keyShard: keyShard, progress: progress, log: log)
    }

    /// Runs to the end (or until the task is cancelled) and returns the metrics; `partial`
    /// is true when cancelled before the end. Every slice of steps it yields its thread:
    /// simulations fill the cooperative pool's threads (one per core), and the tasks that
    /// cancel them (Ctrl-C) or report their progress need a turn.
    public func run(progress: SimulationProgress? = nil) async -> (metrics: StrategyMetrics, partial: Bool) {
        var engine = makeEngine(progress: progress)
        while !engine.advance(steps: Engine.stepsPerSlice) {
            if Task.isCancelled {
                engine.stop()
                return (engine.groupMetrics()[0], true)
            }
            await Task.yield()
        }
        return (engine.groupMetrics()[0], false)
    }

    /// The same run without yielding, for callers that own their thread (benchmarks, a
    /// plain loop); it still stops when the task is cancelled.
    public func run(progress: SimulationProgress? = nil) -> (metrics: StrategyMetrics, partial: Bool) {
        var engine = makeEngine(progress: progress)
        while !engine.advance(steps: Engine.stepsPerSlice) {
            if Task.isCancelled {
                engine.stop()
                return (engine.groupMetrics()[0], true)
            }
        }
        return (engine.groupMetrics()[0], false)
    }
}

/// The mutable state of a run; kept apart so that `run()` can stay a value-type method.
private struct Engine {
    /// The client group in focus (``focus(_:)``): its strategy, rules, per-key state and
    /// figures are worked on here; `groups[current]` is an empty stand-in meanwhile. A
    /// plain run has one group and never switches.
    var group: ClientGroup
    var groups: [ClientGroup]
    var current = 0
    let population: Population?
    let latency: Distribution
    let seed: UInt64
    let progress: SimulationProgress?
    let log: ExecutionLogPart?

    var schedule: ExecutionSchedule
    var pendingArrival: ExecutionPlan?
    let keyShard: KeyShard?
    var limits: RateLimitSet
    let hasLimits: Bool
    /// The server's workers, when its capacity is limited.
    var workers: WorkerPool?
    let tracksConcurrency: Bool
    /// `server.faults` (outages, drawn faults, unknown executions; lockouts are in `limits`).
    let faults: FaultModel
    let hasFaults: Bool
    let rejection: RejectionStyle
    let queue = EventQueue(capacity: 4096)
    /// The executions in their polling loop, by slot.
    let executions = ExecutionSlab()
    /// Keys sharing client state: each slot's answer on its way, handled at its reply
    /// event (kept apart so that the classic strategies' slots stay small).
    var replies: [PendingReply?] = []

    // Progress is published in batches.
    var unpublishedExecutions = 0
    var unpublishedRequests = 0
    var now: Nanoseconds = 0

    init(scenario: Scenario, groups: [ClientGroup], population: Population?, seed: UInt64, keyShard: KeyShard?,
         progress: SimulationProgress?, log: ExecutionLogPart?) {
        self.log = log
        self.keyShard = keyShard
        // Group 0 starts in focus; its place in `groups` keeps an empty stand-in.
        var groups = groups
        self.group = groups[0]
        groups[0].metrics = StrategyMetrics(bucket: scenario.report.bucket)
        groups[0].keyClients = []
        self.groups = groups
        self.population = population
        self.latency = scenario.server.latency
        self.seed = seed
        self.progress = progress
        self.schedule = ExecutionSchedule(workload: scenario.workload, seed: seed)
        self.limits = RateLimitSet(server: scenario.server, apiKeys: scenario.workload.apiKeys)
        self.hasLimits = !scenario.server.rateLimits.isEmpty
        self.faults = FaultModel(scenario.server.faults)
        self.hasFaults = !scenario.server.faults.isEmpty
        self.rejection = scenario.server.rejection
        self.workers = scenario.server.capacity.map(WorkerPool.init)
        self.tracksConcurrency = limits.hasConcurrencyLimit
        precondition(SimEvent.maxExecutions >= Workload.maxExecutions, "events must number every execution")
        self.pendingArrival = nextArrival()
    }

    /// Brings client group `m` into focus (a no-op for the group already in it).
    @inline(__always) mutating func focus(_ m: Int) {
        if m != current { switchGroup(to: m) }
    }

    /// Parks the group in focus and brings in group `m`; swaps, so that no figure is
    /// shared between two places (and so copied on the next write).
    mutating func switchGroup(to m: Int) {
        swap(&group, &groups[current])
        swap(&group, &groups[m])
        current = m
    }

    /// Every group's figures, in group order.
    mutating func groupMetrics() -> [StrategyMetrics] {
        focus(0)
        return [group.metrics.canonical] + groups.dropFirst().map(\.metrics.canonical)
    }

    /// The next execution of this run's keys.
    mutating func nextArrival() -> ExecutionPlan? {
        guard let shard = keyShard else { return schedule.next() }
        return schedule.next(in: shard)
    }

    /// Steps (admissions and events) between two looks at cancellation and progress:
    /// well under a millisecond in an optimised build, a few in a debug one.
    static let stepsPerSlice = 16_384

    /// Processes up to `steps` admissions and events, then publishes progress; true once
    /// no event is left (the run is finished), false when there is more to do. Admissions
    /// count as steps: a strategy that sends no polls (the webhook baseline) is nothing
    /// but admissions, and must stop as promptly as any other.
    mutating func advance(steps: Int) -> Bool {
        for _ in 0..<steps {
            // Admit every arrival up to the next event, so memory holds only what is in flight.
            if let arrival = pendingArrival, queue.first.map({ arrival.createdAt <= $0.time }) ?? true {
                admit(arrival)
                pendingArrival = nextArrival()
                continue
            }
            guard let event = queue.pop() else {
                finish()
                return true
            }
            now = event.time
            // The next event's execution is read after this one's: start loading it now.
            if let next = queue.first { prefetchSlot(next.slot) }
            switch event.kind {
            case .poll: poll(slot: event.slot)
            case .reply: reply(slot: event.slot)
            case .release: requestEnded(slot: event.slot)
            }
        }
        publish()
        return false
    }

    /// Starts loading the state in `slot` into the cache (it is read a few hundred
    /// nanoseconds later, when its event comes up).
    @inline(__always) func prefetchSlot(_ slot: Int32) {
        c_prefetch(executions.address(of: slot), MemoryLayout<ActiveExecution>.stride)
    }

    mutating func admit(_ plan: ExecutionPlan) {
        let member = population.map { $0.member(seed: seed, index: plan.index) } ?? 0
        focus(member)
        group.metrics.executions += 1
        group.metrics.timeSeries.noteActive(group.active, until: plan.createdAt)
        now = plan.createdAt
        let strategyRNG = RandomStream.strategy.generator(seed: seed, index: UInt64(plan.index))
        if !group.rules.strategy.sendsPolls {
            var rng = strategyRNG
            notifyByWebhook(plan, rng: &rng)
            return
        }
        group.active += 1
        let (loop, first) = group.rules.sharesKeyState
            ? group.rules.clientLoop.begin(createdAt: plan.createdAt, rng: strategyRNG, key: &group.keyClients[plan.apiKey])
            : group.rules.clientLoop.begin(createdAt: plan.createdAt, rng: strategyRNG)
        guard case .send(let firstSend) = first else {
            leave(plan: plan, polls: 0, at: plan.createdAt)
            group.metrics.abandoned += 1
            log?.append(record(plan, end: .abandoned, detected: nil, polls: 0, rejections: 0))
            return
        }
        let execution = ActiveExecution(
            plan: plan, loop: loop, latencyRNG: RandomStream.latency.generator(seed: seed, index: UInt64(plan.index)),
            faultRNG: faults.drawsPerRequest ? RandomStream.faults.generator(seed: seed, index: UInt64(plan.index)) : strategyRNG,
            unknown: hasFaults && faults.isUnknown(seed: seed, index: plan.index),
            requestInFlight: false, finished: false, member: UInt8(member)
        )
        let slot = executions.insert(execution)
        queue.push(SimEvent(time: firstSend, kind: .poll, execution: plan.index, slot: slot))
    }

    /// The webhook baseline: no polls, notified at f_e plus the delivery latency.
    mutating func notifyByWebhook(_ plan: ExecutionPlan, rng: inout Xoshiro256StarStar) {
        guard case .webhook(let delivery) = group.rules.strategy.spec.kind else { return }
        let notifiedAt = plan.finishedAt + delivery.sample(&rng)
        group.metrics.detected += 1
        group.metrics.detectionLag.record(Self.micros(notifiedAt - plan.finishedAt))
        group.metrics.timeToOutcome.record(Self.micros(notifiedAt - plan.createdAt))
        group.metrics.pollsPerExecution.record(0)
        group.metrics.timeSeries.addDetection(at: notifiedAt)
        unpublishedExecutions += 1
        log?.append(record(plan, end: .detected, detected: notifiedAt, polls: 0, rejections: 0))
    }

    /// executions.csv's row of `plan`.
    func record(_ plan: ExecutionPlan, end: ExecutionRecord.ClientEnd, detected: Nanoseconds?, polls: Int, rejections: Int32) -> ExecutionRecord {
        ExecutionRecord(strategy: group.rules.name, index: plan.index, created: plan.createdAt, finished: plan.finishedAt,
                        detected: detected, polls: polls, responses429: Int(rejections), outcome: plan.outcome, end: end)
    }

    /// What the server did with one request, before the client reads it.
    enum Answer {
        case status(Int)
        case transport(FailureKind)
    }

    mutating func poll(slot: Int32) {
        // Worked on in place: nothing below inserts an execution, so the pointer stays valid.
        let execution = executions[slot]
        focus(Int(execution.pointee.member))
        if group.rules.sharesKeyState && !keyLetsGo(slot: slot) { return }
        let plan = execution.pointee.plan
        let sentAt = now
        group.metrics.requests += 1
        unpublishedRequests += 1

        var answer = Answer.status(200)
        var receivedAt = sentAt
        var retryAfter: Int?
        var quota: QuotaReading?
        if hasFaults && faults.isOutage(at: sentAt) {
            // The server is down: the connection is reset at once; no limiter sees it.
            answer = .transport(.connectionReset)
        } else {
            let decision: RateLimitAdmission
            if group.rules.readsQuota {
                // The slower path that also gives the header values a client reads.
                let full = limits.decide(apiKey: plan.apiKey, at: sentAt)
                decision = RateLimitAdmission(allowed: full.allowed, retryAfter: full.retryAfter)
                quota = QuotaReading(full)
            } else {
                decision = hasLimits ? limits.admit(apiKey: plan.apiKey, at: sentAt) : RateLimitAdmission(allowed: true, retryAfter: 0)
            }
            let service = latency.isZero ? 0 : Swift.max(0, latency.sample(&execution.pointee.latencyRNG))
            receivedAt = sentAt + service
            if !decision.allowed {
                answer = .status(rejection.status)
                retryAfter = decision.retryAfter
            } else {
                // An admitted request waits for a worker when the server's capacity is limited.
                var queueFull = false
                if workers != nil {
                    switch workers!.admit(at: sentAt, service: service) {
                    case .served(_, let answeredAt): receivedAt = answeredAt
                    case .queueFull: queueFull = true
                    }
                }
                if tracksConcurrency {
                    execution.pointee.requestInFlight = true
                    queue.push(SimEvent(time: receivedAt, kind: .release, execution: plan.index, slot: slot))
                }
                if queueFull {
                    answer = .status(503)
                } else if hasFaults {
                    answer = faulted(&execution.pointee, at: sentAt, receivedAt: &receivedAt)
                }
            }
        }
        group.metrics.latency.record(Self.micros(receivedAt - sentAt))

        var rejected = false
        let reply: PollReply
        switch answer {
        case .transport(let kind):
            group.metrics.transportErrors += 1
            failed(kind, at: sentAt)
            quota = nil
            reply = .failed
        case .status(let status):
            switch ResponseClass(status: status, rejectionStatus: rejection.status) {
            case .success:
                group.metrics.responses200 += 1
                let snapshot = plan.snapshot(at: sentAt)
                reply = .execution(terminal: snapshot.status.isTerminal, progress: snapshot.progress)
            case .rejected:
                group.metrics.responses429 += 1
                rejected = true
                execution.pointee.rejections &+= 1
                reply = .rejected(retryAfter: retryAfter.flatMap { rejection.wait(seconds: $0, rejectedAt: sentAt, receivedAt: receivedAt) })
            case .refused:
                group.metrics.responsesOther4xx += 1
                failed(.otherStatus, at: sentAt)
                reply = .refused
            case .serverError:
                group.metrics.responses5xx += 1
                failed(.http5xx, at: sentAt)
                reply = .failed
            case .otherStatus:
                group.metrics.responsesOther4xx += 1
                failed(.otherStatus, at: sentAt)
                reply = .failed
            }
        }
        group.metrics.timeSeries.addRequest(at: sentAt, rateLimited: rejected)

        if group.rules.sharesKeyState {
            // The client learns at r_n, where other executions of its key may act first.
            if replies.count < executions.used { replies += Array(repeating: nil, count: executions.used - replies.count) }
            replies[Int(slot)] = PendingReply(reply: reply, quota: quota, sentAt: sentAt)
            queue.push(SimEvent(time: receivedAt, kind: .reply, execution: plan.index, slot: slot))
            return
        }
        let step = group.rules.clientLoop.next(after: reply, sentAt: sentAt, receivedAt: receivedAt, state: &execution.pointee.loop)
        proceed(step, slot: slot, execution: plan.index)
    }

    /// The key's turn before a poll of a client whose key shares state: its budget may skip
    /// a retry (asked once), its send gate hold the poll back (asked until it lets it go).
    /// True when the poll goes now; otherwise what comes instead is scheduled. Apart from
    /// ``poll(slot:)`` so that the classic strategies' path stays as lean as before.
    @inline(never) mutating func keyLetsGo(slot: Int32) -> Bool {
        let execution = executions[slot]
        let key = execution.pointee.plan.apiKey
        let turn = execution.pointee.gated
            ? group.rules.clientLoop.sendAgain(at: now, key: &group.keyClients[key])
            : group.rules.clientLoop.send(due: now, key: &group.keyClients[key], state: &execution.pointee.loop)
        switch turn {
        case .send:
            execution.pointee.gated = false
            return true
        case .wait(let again):
            execution.pointee.gated = true
            queue.push(SimEvent(time: again, kind: .poll, execution: execution.pointee.plan.index, slot: slot))
        case .skipped(let step):
            proceed(step, slot: slot, execution: execution.pointee.plan.index)
        }
        return false
    }

    /// A reply reaches a client whose key shares state: the key learns from it, then the
    /// loop takes its next step.
    mutating func reply(slot: Int32) {
        let index = Int(slot)
        let execution = executions[slot]
        focus(Int(execution.pointee.member))
        guard index < replies.count, let pending = replies[index] else { return }
        replies[index] = nil
        let step = group.rules.clientLoop.next(after: pending.reply, quota: pending.quota, sentAt: pending.sentAt, receivedAt: now,
                                   key: &group.keyClients[execution.pointee.plan.apiKey], state: &execution.pointee.loop)
        proceed(step, slot: slot, execution: execution.pointee.plan.index)
    }

    /// Schedules the loop's next poll, or counts how it ended.
    /// The execution's state is worked on in its slot; on the hot path (a next poll)
    /// nothing of it is copied.
    @inline(__always) mutating func proceed(_ step: LoopStep, slot: Int32, execution index: Int) {
        if case .send(let nextSend) = step {
            queue.push(SimEvent(time: nextSend, kind: .poll, execution: index, slot: slot))
        } else {
            end(step, slot: slot)
        }
    }

    /// Counts how the loop in `slot` ended.
    mutating func end(_ step: LoopStep, slot: Int32) {
        let execution = executions[slot].pointee
        let plan = execution.plan
        switch step {
        case .send:
            return
        case .detected(let at):
            group.metrics.detected += 1
            group.metrics.detectionLag.record(Self.micros(at - plan.finishedAt))
            group.metrics.timeToOutcome.record(Self.micros(at - plan.createdAt))
            group.metrics.timeSeries.addDetection(at: at)
            release(slot: slot, plan: plan, polls: execution.loop.polls, at: at)
            log?.append(record(plan, end: .detected, detected: at, polls: execution.loop.polls, rejections: execution.rejections))
        case .abandoned(let at):
            group.metrics.abandoned += 1
            release(slot: slot, plan: plan, polls: execution.loop.polls, at: at)
            log?.append(record(plan, end: .abandoned, detected: nil, polls: execution.loop.polls, rejections: execution.rejections))
        case .errored(let at):
            group.metrics.errored += 1
            release(slot: slot, plan: plan, polls: execution.loop.polls, at: at)
            log?.append(record(plan, end: .errored, detected: nil, polls: execution.loop.polls, rejections: execution.rejections))
        }
    }

    /// The answer to an admitted, served request of `execution` under `server.faults`: a
    /// 404 for an unknown execution, else what the drawn faults make of a 200; extra
    /// latency (spikes, slow bodies) moves `receivedAt`.
    mutating func faulted(_ execution: inout ActiveExecution, at sentAt: Nanoseconds, receivedAt: inout Nanoseconds) -> Answer {
        if execution.unknown { return .status(404) }
        guard faults.drawsPerRequest else { return .status(200) }
        let effect = faults.effect(at: sentAt, rng: &execution.faultRNG)
        receivedAt += effect.extraLatency
        switch effect.failure {
        case nil: return .status(200)
        case .status(let status)?: return .status(status)
        case .reset?: return .transport(.connectionReset)
        case .truncated?: return .transport(.malformedResponse)
        }
    }

    /// Counts a failed request of `kind` sent at `time`.
    mutating func failed(_ kind: FailureKind, at time: Nanoseconds) {
        group.metrics.failures.add(kind)
        group.metrics.timeSeries.addFailure(kind, at: time)
    }

    /// The execution leaves its polling loop; its slot is recycled once no release event
    /// refers to it any more.
    mutating func release(slot: Int32, plan: ExecutionPlan, polls: Int, at time: Nanoseconds) {
        leave(plan: plan, polls: polls, at: time)
        let execution = executions[slot]
        execution.pointee.finished = true
        if !execution.pointee.requestInFlight { executions.recycle(slot) }
    }

    /// A request counted by a concurrency limiter has been answered.
    mutating func requestEnded(slot: Int32) {
        let execution = executions[slot]
        limits.release(apiKey: execution.pointee.plan.apiKey, at: now)
        execution.pointee.requestInFlight = false
        if execution.pointee.finished { executions.recycle(slot) }
    }

    /// Counts the end of an execution's polling loop (the loop ends when its last poll is
    /// processed; its detection is counted when the response arrives).
    mutating func leave(plan: ExecutionPlan, polls: Int, at time: Nanoseconds) {
        if group.rules.sharesKeyState { group.keyClients[plan.apiKey].executionEnded() }
        group.metrics.timeSeries.noteActive(group.active, until: now)
        group.active -= 1
        group.metrics.pollsPerExecution.record(UInt64(polls))
        unpublishedExecutions += 1
    }

    mutating func publish() {
        progress?.add(executions: unpublishedExecutions, requests: unpublishedRequests, time: now)
        unpublishedExecutions = 0
        unpublishedRequests = 0
    }

    /// Ends the run early: every execution still in its polling loop is counted as
    /// stopped, with the polls it sent so far, so that the endings add up.
    mutating func stop() {
        for slot in 0..<Int32(executions.used) where !executions[slot].pointee.finished {
            let execution = executions[slot].pointee
            focus(Int(execution.member))
            group.metrics.stopped += 1
            group.metrics.pollsPerExecution.record(UInt64(execution.loop.polls))
            log?.append(record(execution.plan, end: .unfinished, detected: nil, polls: execution.loop.polls,
                               rejections: execution.rejections))
        }
        finish()
    }

    mutating func finish() {
        publish()
        for m in groups.indices {
            focus(m)
            group.metrics.timeSeries.finish(activeAtEnd: group.active)
        }
    }

    @inline(__always) static func micros(_ value: Nanoseconds) -> UInt64 {
        UInt64(Swift.max(0, value) / 1_000)
    }
}
