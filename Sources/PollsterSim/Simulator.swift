import Foundation
import PollsterCore

/// Runs a scenario in virtual time: every strategy (times every replication) as its own
/// deterministic simulation, in parallel in a task group, merged into one ``RunResult``.
///
/// Each strategy sees the identical workload (same seed, so the same executions: common
/// random numbers) against its own fresh server state. Replication i uses seed + i for
/// every strategy.
public struct Simulator: Sendable {
    public let scenario: Scenario
    public let replications: Int
    /// Maximum simulations running at once; default: the number of active cores.
    public let jobs: Int
    /// Shards per strategy run (see ``KeyShard``); nil: as many as keep `jobs` cores busy
    /// when the keys are independent. The result is the same for any number.
    public let keyShards: Int?
    /// Simulates only this share of the API keys (`--shard I/N`); nil: every key.
    public let only: KeyShard?
    /// Splits a run whose global limits or capacity couple the keys anyway, giving each
    /// shard an equal share of them (``KeyShard/splittingGlobal(_:into:)``): faster, and
    /// an approximation the result says it is.
    public let splitGlobal: Bool
    /// Where executions.csv's rows go; nil: not kept.
    public let executionLog: ExecutionLog?

    public init(scenario: Scenario, replications: Int = 1, jobs: Int? = nil, keyShards: Int? = nil, only: KeyShard? = nil,
                splitGlobal: Bool = false, executionLog: ExecutionLog? = nil) {
        self.splitGlobal = splitGlobal
        self.executionLog = executionLog
        self.scenario = scenario
        self.replications = Swift.max(1, replications)
        self.jobs = Swift.max(1, jobs ?? Simulator.activeCores)
        self.keyShards = keyShards
        self.only = only
    }

    /// The cores this process may use.
    public static var activeCores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs every simulation; cancelling the calling task stops them and returns a partial
    /// result covering what was simulated.
    public func run(progress: SimulationProgress? = nil) async -> RunResult {
        let scenario = self.scenario
        let strategies = scenario.strategies
        // A population runs as one more simulation after the strategies, its members'
        // figures reported after theirs.
        let population = scenario.population
        let runs = strategies.count + (population == nil ? 0 : 1)
        let rows = strategies.count + (population?.members.count ?? 0)
        let names = strategies.map(\.name) + (population?.resultNames ?? [])
        let descriptions = strategies.map(\.summary) + scenario.populationStrategies.indices.map(scenario.populationDescription)
        let simulations = runs * replications
        let coupled = KeyShard.couplingReason(scenario) != nil
        let shards = only?.count ?? (coupled && !splitGlobal ? 1
            : Swift.max(1, keyShards ?? KeyShard.count(for: scenario, simulations: simulations, jobs: jobs, splitGlobal: splitGlobal)))
        // Coupled keys split only with --split-global, each shard against its share.
        let approximated = coupled && splitGlobal && shards > 1
        let simulated = approximated ? KeyShard.splittingGlobal(scenario, into: shards) : scenario
        var work: [(strategy: Int, replication: Int, shard: Int)] = []
        for replication in 0..<replications {
            for strategy in 0..<runs {
                for shard in 0..<shards where only.map({ $0.index == shard }) ?? true { work.append((strategy, replication, shard)) }
            }
        }
        var merged = (0..<rows).map { _ in StrategyMetrics(bucket: scenario.report.bucket) }
        // Each replication's own metrics too, for its figures (not for a --shard share,
        // whose figures are of part of the keys).
        let keepsReplications = replications > 1 && only == nil
        var perReplication = keepsReplications
            ? (0..<rows).map { _ in (0..<replications).map { _ in StrategyMetrics(bucket: scenario.report.bucket) } } : []
        var partial = false
        await withTaskGroup(of: (Int, Int, [StrategyMetrics], Bool).self) { group in
            var next = 0
            func startNext() {
                guard next < work.count else { return }
                let item = work[next]
                next += 1
                let part = executionLog?.part(strategy: item.strategy, replication: item.replication, shard: item.shard)
                group.addTask {
                    let seed = scenario.seed &+ UInt64(item.replication)
                    let keyShard = KeyShard(index: item.shard, count: shards)
                    let outcome: (metrics: [StrategyMetrics], partial: Bool)
                    if item.strategy < strategies.count {
                        let simulation = StrategySimulation(scenario: simulated, strategy: strategies[item.strategy], seed: seed,
                                                            keyShard: keyShard, log: part)
                        let single = await simulation.run(progress: progress)
                        outcome = ([single.metrics], single.partial)
                    } else {
                        let simulation = StrategySimulation(scenario: simulated, population: population!, seed: seed, keyShard: keyShard, log: part)
                        outcome = await simulation.runMembers(progress: progress)
                    }
                    part?.close()
                    return (item.strategy, item.replication, outcome.metrics, outcome.partial)
                }
            }
            for _ in 0..<Swift.min(jobs, work.count) { startNext() }
            // Results are merged in completion order; merging is commutative (sums and
            // histogram adds), so the result does not depend on scheduling.
            for await (run, replication, metrics, wasPartial) in group {
                for (offset, part) in metrics.enumerated() {
                    merged[run + offset].add(part)
                    if keepsReplications { perReplication[run + offset][replication].add(part) }
                }
                partial = partial || wasPartial
                if !Task.isCancelled { startNext() }
            }
        }
        if Task.isCancelled { partial = true }
        let results = (0..<rows).map { i in
            StrategyResult(name: names[i], description: descriptions[i], metrics: merged[i].canonical,
                           replications: keepsReplications && !partial ? perReplication[i].map(ReplicationFigures.init) : nil)
        }
        var info = ScenarioInfo(scenario)
        if approximated { info.splitGlobal = shards }
        if let only {
            info.shard = only
            info.executions = only.plannedExecutions(scenario.workload)
            info.scenarioHash = scenario.contentHash
        }
        return RunResult(scenario: info, partial: partial, replications: replications, strategies: results)
    }
}
