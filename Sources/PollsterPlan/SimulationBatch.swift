import PollsterCore
import PollsterSim

/// Runs many independent simulations in parallel: one child task per simulation in a task
/// group, at most `jobs` at once, results returned by job index so that nothing depends on
/// which simulation finished first.
public struct SimulationBatch: Sendable {
    /// Maximum simulations running at once.
    public let jobs: Int
    /// Counters for a progress display; optional.
    public let progress: PlanProgress?

    /// The time-series bucket of plan simulations: one day of scenario time.
    static let bucket = Time.seconds(86_400)

    /// A batch runner using at most `jobs` cores (default: the active cores).
    public init(jobs: Int? = nil, progress: PlanProgress? = nil) {
        self.jobs = Swift.max(1, jobs ?? Simulator.activeCores)
        self.progress = progress
    }

    /// The metrics of each job, in order; nil for jobs not run because the calling task
    /// was cancelled (and for a job cancelled midway).
    public func run(_ work: [SimulationJob]) async -> [StrategyMetrics?] {
        await run(work) { $0 }
    }

    /// `digest` of each job's metrics, in order, computed in the job's own child task (so
    /// that reading percentiles off histograms runs in parallel too); nil as in ``run(_:)``.
    public func run<Digest: Sendable>(
        _ work: [SimulationJob], digest: @escaping @Sendable (StrategyMetrics) -> Digest
    ) async -> [Digest?] {
        var results = [Digest?](repeating: nil, count: work.count)
        guard !work.isEmpty else { return results }
        await withTaskGroup(of: (Int, Digest?).self) { group in
            var next = 0
            func startNext() {
                guard next < work.count, !Task.isCancelled else { return }
                let index = next
                let job = work[index]
                next += 1
                group.addTask {
                    // Plans read no time series: one coarse bucket keeps a run's memory flat
                    // however long its scenario time (a low load stretches it).
                    var scenario = job.scenario
                    scenario.report.bucket = Swift.max(scenario.report.bucket, Self.bucket)
                    let simulation = StrategySimulation(scenario: scenario, strategy: scenario.strategies[job.strategy], seed: job.seed)
                    let outcome = await simulation.run()
                    return (index, outcome.partial ? nil : digest(outcome.metrics))
                }
            }
            for _ in 0..<Swift.min(jobs, work.count) { startNext() }
            for await (index, value) in group {
                results[index] = value
                progress?.finishedSimulation()
                startNext()
            }
        }
        return results
    }

    /// `body` for each of `count` indices, in parallel (at most `jobs` at once), results in
    /// index order: for work on finished simulations such as merging replications.
    public func map<Value: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> Value) async -> [Value] {
        var results = [Value?](repeating: nil, count: count)
        await withTaskGroup(of: (Int, Value).self) { group in
            var next = 0
            func startNext() {
                guard next < count else { return }
                let index = next
                next += 1
                group.addTask { (index, body(index)) }
            }
            for _ in 0..<Swift.min(jobs, count) { startNext() }
            for await (index, value) in group {
                results[index] = value
                startNext()
            }
        }
        return results.map { $0! }
    }
}
