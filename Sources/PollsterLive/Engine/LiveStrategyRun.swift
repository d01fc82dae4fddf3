import PollsterCore

/// One strategy's live run: the workload's executions arrive on the scenario clock, each
/// gets a child task running its ``ExecutionPoller``, and the traces are merged into the
/// strategy's metrics.
package struct LiveStrategyRun: Sendable {
    let scenario: Scenario
    let strategy: StrategySpec
    let target: LiveTarget
    let clock: ScenarioClock
    let transport: CurlTransport
    let limits: LiveLimits
    let budget: RequestBudget
    let progress: LiveProgress?
    /// Ends the run early: the polling tasks are cancelled (in-flight requests with them).
    var stop = StopSignal()
    /// Where the figures so far can be read during the run, as strategy `index`.
    var tally: (LiveRunTally, index: Int)? = nil
    /// Only the executions of the API keys `k` with `k % count == index` (`--shard`); nil:
    /// all of them.
    var keyShard: KeyShard? = nil
    /// Where each execution's executions.csv row goes; nil: nowhere.
    var executionLog: ExecutionLogPart? = nil
    /// The run's metrics endpoint (`--metrics-port`); nil: none.
    var exporter: LiveMetricsExporter? = nil
    /// Mixes the population's strategies on the same keys and server instead of running
    /// `strategy` alone (each execution polled by the member its draw picks); nil: alone.
    var population: Population? = nil

    package init(
        scenario: Scenario, strategy: StrategySpec, target: LiveTarget, clock: ScenarioClock, transport: CurlTransport,
        limits: LiveLimits, budget: RequestBudget, progress: LiveProgress?, stop: StopSignal = StopSignal(),
        tally: (LiveRunTally, index: Int)? = nil, keyShard: KeyShard? = nil, executionLog: ExecutionLogPart? = nil,
        exporter: LiveMetricsExporter? = nil, population: Population? = nil
    ) {
        self.population = population
        self.exporter = exporter
        self.keyShard = keyShard
        self.executionLog = executionLog
        self.scenario = scenario
        self.strategy = strategy
        self.target = target
        self.clock = clock
        self.transport = transport
        self.limits = limits
        self.budget = budget
        self.progress = progress
        self.stop = stop
        self.tally = tally
    }

    /// Runs to the end, or until cancelled or a cap is reached; `partial` says which.
    package func run() async -> (metrics: StrategyMetrics, partial: Bool) {
        let outcome = await runMembers()
        return (outcome.metrics[0], outcome.partial)
    }

    /// The clients of each strategy of the run: `strategy` alone, or the population's
    /// members in order.
    var groups: [LiveClientGroup] {
        let specs = population == nil ? [strategy] : scenario.populationStrategies
        return specs.indices.map { i in
            LiveClientGroup(specs[i], name: population?.resultName(i) ?? specs[i].name, scenario: scenario)
        }
    }

    /// The run, each client group's metrics in order (one for a strategy alone).
    package func runMembers() async -> (metrics: [StrategyMetrics], partial: Bool) {
        let groups = self.groups
        let accumulators = groups.indices.map { _ in
            LiveMetricsAccumulator(bucket: scenario.report.bucket, timeScale: clock.timeScale, shards: transport.taskExecutors.count)
        }
        if let (tally, index) = tally {
            for (offset, group) in groups.enumerated() {
                var spec = group.spec
                spec.name = group.name
                tally.register(index + offset, strategy: spec, accumulator: accumulators[offset])
            }
        }
        let pacer = limits.maxRequestRate.map(RequestPacer.init(rate:))
        let requestTimeout = Swift.min(Duration.seconds(30), clock.wallDuration(of: scenario.client.timeout) + .seconds(1))
        let stoppedEarly = await stoppable {
            await pollEveryExecution(groups: groups, accumulators: accumulators, pacer: pacer, requestTimeout: requestTimeout)
        }
        let partial = stoppedEarly || budget.exhausted || stop.isRequested
        return (accumulators.map { $0.metrics() }, partial)
    }

    /// Runs `work` until it ends or a stop is requested; returns true when it was stopped.
    /// A stop drains the transport first: waiting pollers end at once, and requests in
    /// flight get up to ``stopGrace`` to be answered and counted; then what is left is
    /// cancelled.
    private func stoppable(_ work: @escaping @Sendable () async -> Bool) async -> Bool {
        await withTaskGroup(of: Bool?.self) { group in
            group.addTask { await work() }
            group.addTask {
                await stop.wait()
                return nil
            }
            var stopped = false
            var draining = false
            while let next = await group.next() {
                if next == nil, stop.isRequested, !draining {
                    draining = true
                    stopped = true
                    transport.drain()
                    group.addTask {
                        try? await Task.sleep(for: Self.stopGrace)
                        return nil
                    }
                    continue
                }
                group.cancelAll()
                if let finishedEarly = next { stopped = stopped || finishedEarly } else if stop.isRequested { stopped = true }
            }
            return stopped
        }
    }

    /// How long requests in flight at a stop may take to be answered before they are cut.
    static let stopGrace = Duration.seconds(1)

    /// Paces arrivals and runs one polling task per execution; true if it stopped early.
    ///
    /// The executions are dealt round-robin to a few shards, each a child task with a task
    /// group of its own: a task group finds a finished child by walking its list of
    /// children, so one group of twenty thousand pollers would spend more time on that walk
    /// than on polling.
    private func pollEveryExecution(
        groups: [LiveClientGroup], accumulators: [LiveMetricsAccumulator], pacer: RequestPacer?, requestTimeout: Duration
    ) async -> Bool {
        let shards = Self.shardCount(executions: scenario.workload.executions)
        let executors = transport.taskExecutors
        return await withTaskGroup(of: Bool.self) { group in
            for shard in 0..<shards {
                group.addTask(executorPreference: executors[shard % executors.count]) {
                    await pollShard(shard, of: shards, groups: groups, accumulators: accumulators, pacer: pacer, requestTimeout: requestTimeout)
                }
            }
            return await group.reduce(false) { $0 || $1 } || Task.isCancelled
        }
    }

    /// Counts a finished execution of the group `name`, and writes its executions.csv row
    /// when asked.
    private func record(_ trace: ExecutionTrace, name: String, accumulator: LiveMetricsAccumulator) {
        accumulator.add(trace)
        exporter?.executionEnded(name, trace: trace)
        guard let executionLog else { return }
        let end: ExecutionRecord.ClientEnd
        var detected: Nanoseconds?
        switch trace.ending {
        case .detected(let at, _):
            end = .detected
            detected = at
        case .abandoned: end = .abandoned
        case .errored: end = .errored
        case .stopped: end = .unfinished
        }
        executionLog.append(ExecutionRecord(strategy: name, index: trace.plan.index, created: trace.plan.createdAt,
                                            finished: trace.plan.finishedAt, detected: detected, polls: trace.polls,
                                            responses429: trace.responses429, outcome: trace.plan.outcome, end: end))
    }

    /// Executions per shard, about (see ``pollEveryExecution``).
    static let executionsPerShard = 256

    static func shardCount(executions: Int) -> Int {
        Swift.max(1, Swift.min(64, executions / executionsPerShard))
    }

    /// The executions whose index is `shard` modulo `shards`: each arrives on the scenario
    /// clock and gets a polling task; true if it stopped early.
    private func pollShard(
        _ shard: Int, of shards: Int, groups: [LiveClientGroup], accumulators: [LiveMetricsAccumulator],
        pacer: RequestPacer?, requestTimeout: Duration
    ) async -> Bool {
        var stoppedEarly = false
        let executors = transport.taskExecutors
        await withDiscardingTaskGroup { group in
            for plan in ExecutionSchedule(workload: scenario.workload, seed: scenario.seed)
            where plan.index % shards == shard && keyShard.map({ plan.apiKey % $0.count == $0.index }) ?? true {
                do {
                    try await transport.sleep(until: clock.instant(at: plan.createdAt))
                } catch {
                    stoppedEarly = true
                    break
                }
                if budget.exhausted {
                    stoppedEarly = true
                    break
                }
                // The population's member that polls this execution (the simulator's draw).
                let member = population.map { $0.member(seed: scenario.seed, index: plan.index) } ?? 0
                let clients = groups[member]
                let accumulator = accumulators[member]
                let rules = clients.rules
                progress?.executionStarted()
                accumulator.executionStarted()
                exporter?.executionStarted(clients.name)
                if !rules.strategy.sendsPolls {
                    group.addTask { await notifyByWebhook(plan, polling: rules.strategy, name: clients.name, accumulator: accumulator) }
                    continue
                }
                guard let id = await target.submit(plan) else {
                    var trace = ExecutionTrace(plan: plan)
                    trace.ending = .errored(at: clock.now())
                    record(trace, name: clients.name, accumulator: accumulator)
                    progress?.executionFinished()
                    continue
                }
                let key = clients.keys.isEmpty ? nil : clients.keys[plan.apiKey]
                let poller = ExecutionPoller(
                    plan: plan, executionID: id, rules: rules, rejectionStatus: scenario.server.rejection.status, seed: scenario.seed, clock: clock,
                    target: target, transport: transport, pacer: pacer, budget: budget,
                    progress: progress, requestTimeout: requestTimeout, key: key
                )
                // The poller runs on a transport loop thread: its sleeps, requests and
                // resumptions then stay on that thread, where on the cooperative pool each
                // would be a thread hop (several per request, the bulk of a live run's CPU).
                // The executions of a key that share client state keep to one thread, so
                // that their key's lock is never contended.
                let thread = key == nil ? plan.index : plan.apiKey
                group.addTask(executorPreference: executors[thread % executors.count]) {
                    let trace = await poller.run()
                    target.retire(id)
                    record(trace, name: clients.name, accumulator: accumulator)
                    progress?.executionFinished()
                }
            }
        }
        return stoppedEarly || Task.isCancelled
    }

    /// The webhook baseline: nothing is sent; the client learns the outcome at f_e plus
    /// the delivery latency (waited for in real time, like every other client).
    private func notifyByWebhook(_ plan: ExecutionPlan, polling: PollingStrategy, name: String, accumulator: LiveMetricsAccumulator) async {
        guard case .webhook(let delivery) = polling.spec.kind else { return }
        var rng = RandomStream.strategy.generator(seed: scenario.seed, index: UInt64(plan.index))
        let notifiedAt = plan.finishedAt + delivery.sample(&rng)
        var trace = ExecutionTrace(plan: plan)
        do {
            try await clock.sleep(until: notifiedAt)
            trace.ending = .detected(at: notifiedAt, lag: notifiedAt - plan.finishedAt)
        } catch {
            trace.ending = .stopped(at: clock.now())
        }
        record(trace, name: name, accumulator: accumulator)
        progress?.executionFinished()
    }
}
