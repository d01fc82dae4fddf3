import PollsterCore
import PollsterReport

/// A grid of scenario variants (one axis per `--vary`), every strategy simulated at every
/// point on the same seeds (common random numbers: replication i uses seed + i at every
/// point), so differences between points come from the parameters, not from noise.
public struct Sweep: Sendable {
    public let template: ScenarioTemplate
    public let axes: [SweepAxis]
    /// Seeds per point and strategy: seed, seed + 1, ...
    public let replications: Int
    public let seed: UInt64
    /// Every grid point with its validated scenario, the first axis varying slowest.
    public let points: [SweepPoint]
    /// Indices of the scenario's strategies to simulate.
    public let strategies: [Int]

    /// A sweep of `axes` over `template`; every point's scenario is built and validated
    /// here, so a wrong path or value fails before anything runs. `strategyNames` limits
    /// the strategies (default: all); `seed` defaults to the scenario's.
    public init(
        template: ScenarioTemplate, axes: [SweepAxis], replications: Int = 1, seed: UInt64? = nil, strategyNames: [String] = []
    ) throws(PlanError) {
        guard !axes.isEmpty else { throw .invalidOption("give at least one --vary PATH=VALUES") }
        let paths = axes.map(\.path.description)
        if let duplicate = paths.first(where: { p in paths.filter { $0 == p }.count > 1 }) {
            throw .invalidOption("\(duplicate) is varied twice; give each path once")
        }
        self.template = template
        self.axes = axes
        self.replications = Swift.max(1, replications)
        self.seed = seed ?? template.scenario.seed
        let all = template.scenario.strategies.map(\.name)
        var chosen: [Int] = []
        for name in strategyNames {
            guard let index = all.firstIndex(of: name) else {
                throw .invalidOption("no strategy named \"\(name)\"; strategies: " + all.joined(separator: ", "))
            }
            chosen.append(index)
        }
        strategies = chosen.isEmpty ? Array(all.indices) : chosen
        let total = axes.reduce(1) { $0 * $1.values.count }
        guard total <= 100_000 else { throw .invalidOption("the grid has \(total) points; at most 100000") }
        for axis in axes {
            // A path that leads nowhere is reported as such, before its values are checked.
            _ = try template.value(at: axis.path)
        }
        var points: [SweepPoint] = []
        for index in 0..<total {
            var rest = index
            var values: [ParameterValue] = []
            for axis in axes.reversed() {
                values.insert(axis.values[rest % axis.values.count], at: 0)
                rest /= axis.values.count
            }
            let overrides = zip(axes, values).map { ScenarioOverride(path: $0.path, value: $1.text) }
            points.append(SweepPoint(index: index, values: values, scenario: try template.scenario(with: overrides)))
        }
        self.points = points
    }

    /// Simulations the sweep runs.
    public var simulationCount: Int { points.count * strategies.count * replications }

    /// Runs every simulation in `batch`; cancelling the calling task stops it and returns
    /// the points finished so far (``SweepResult/partial``).
    public func run(batch: SimulationBatch) async -> SweepResult {
        var work: [SimulationJob] = []
        for point in points {
            for strategy in strategies {
                for replication in 0..<replications {
                    work.append(SimulationJob(scenario: point.scenario, strategy: strategy, seed: seed &+ UInt64(replication)))
                }
            }
        }
        batch.progress?.plan(work.count)
        let results = await batch.run(work)
        // Merging replications and reading percentiles is real work: one child task per row.
        let cells = points.flatMap { point in strategies.map { (point: point, strategy: $0) } }
        let replications = self.replications
        let rows = await batch.map(cells.count) { index -> SweepRow? in
            let runs = results[(index * replications)..<((index + 1) * replications)].compactMap { $0 }
            guard runs.count == replications else { return nil }
            let (point, strategy) = cells[index]
            let spec = point.scenario.strategies[strategy]
            var merged = runs[0]
            if runs.count > 1 {
                for run in runs.dropFirst() { merged.add(run) }
                merged = merged.canonical
            }
            let intervals = PlanMetric.allCases.map { metric in ConfidenceInterval(samples: runs.map { metric.value($0) }) }
            return SweepRow(
                point: point.index, values: point.values, strategy: spec.name, description: spec.kind.summary, metrics: merged,
                summary: StrategySummary(StrategyResult(name: spec.name, description: spec.kind.summary, metrics: merged)),
                figures: PlanMetric.allCases.map { $0.value(merged) }, intervals: intervals
            )
        }
        let partial = rows.contains { $0 == nil }
        return SweepResult(scenarioName: template.scenario.name, axes: axes, seed: seed, replications: replications, rows: rows.compactMap { $0 }, partial: partial)
    }
}
