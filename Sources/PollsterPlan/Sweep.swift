import PollsterCore
import PollsterReport

/// A grid of scenario variants (one axis per `--vary`) simulated on the same seeds (common
/// random numbers: replication i uses seed + i at every point), so differences between
/// points come from the parameters, not from noise.
///
/// When every axis lies inside one strategy (`strategies.expo.multiplier`), nothing else
/// changes from point to point: only that strategy runs at every point, and the other
/// chosen strategies run once, on the scenario as written, as references. Otherwise every
/// chosen strategy runs at every point.
public struct Sweep: Sendable {
    public let template: ScenarioTemplate
    public let axes: [SweepAxis]
    /// Seeds per point and strategy: seed, seed + 1, ...
    public let replications: Int
    public let seed: UInt64
    /// Every grid point with its validated scenario, the first axis varying slowest.
    public let points: [SweepPoint]
    /// Indices of the scenario's strategies to simulate (`--strategy`, default: all).
    public let strategies: [Int]
    /// The strategy every axis lies inside, when there is one; nil when an axis is outside
    /// the strategies or the axes vary several strategies.
    public let variedStrategy: Int?

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
        var owners: [Int?] = []
        for axis in axes {
            // A path that leads nowhere is reported as such, before its values are checked.
            _ = try template.value(at: axis.path)
            owners.append(try template.strategyIndex(containing: axis.path))
        }
        if let owner = owners[0], owners.allSatisfy({ $0 == owner }) {
            guard strategies.contains(owner) else {
                throw .invalidOption("every --vary path is inside the strategy \"\(all[owner])\", which --strategy leaves out; add --strategy \(all[owner])")
            }
            variedStrategy = owner
        } else {
            variedStrategy = nil
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

    /// Strategies simulated at every point: the varied one, or every chosen one.
    public var sweptStrategies: [Int] {
        variedStrategy.map { [$0] } ?? strategies
    }

    /// Strategies simulated once, on the scenario as written: the chosen ones the axes do
    /// not vary (none when an axis lies outside the strategies).
    public var referenceStrategies: [Int] {
        guard let variedStrategy else { return [] }
        return strategies.filter { $0 != variedStrategy }
    }

    /// Simulations the sweep runs.
    public var simulationCount: Int { (points.count * sweptStrategies.count + referenceStrategies.count) * replications }

    /// The simulations of the sweep, each with the row it contributes to: the references
    /// first (so that an interrupted sweep still has them), then point by point.
    var cells: [(point: SweepPoint?, strategy: Int)] {
        referenceStrategies.map { (point: nil, strategy: $0) }
            + points.flatMap { point in sweptStrategies.map { (point: Optional(point), strategy: $0) } }
    }

    /// Runs every simulation in `batch`; cancelling the calling task stops it and returns
    /// the rows finished so far (``SweepResult/partial``).
    public func run(batch: SimulationBatch) async -> SweepResult {
        let cells = self.cells
        var work: [SimulationJob] = []
        for cell in cells {
            for replication in 0..<replications {
                work.append(SimulationJob(scenario: cell.point?.scenario ?? template.scenario, strategy: cell.strategy, seed: seed &+ UInt64(replication)))
            }
        }
        batch.progress?.plan(work.count)
        let results = await batch.run(work)
        // Merging replications and reading percentiles is real work: one child task per row.
        let replications = self.replications
        let base = template.scenario
        let rows = await batch.map(cells.count) { index -> SweepRow? in
            let runs = results[(index * replications)..<((index + 1) * replications)].compactMap { $0 }
            guard runs.count == replications else { return nil }
            let (point, strategy) = cells[index]
            let spec = (point?.scenario ?? base).strategies[strategy]
            var merged = runs[0]
            if runs.count > 1 {
                for run in runs.dropFirst() { merged.add(run) }
                merged = merged.canonical
            }
            let intervals = PlanMetric.allCases.map { metric in ConfidenceInterval(samples: runs.map { metric.value($0) }) }
            return SweepRow(
                point: point?.index, values: point?.values ?? [], strategy: spec.name, description: spec.summary, metrics: merged,
                summary: StrategySummary(StrategyResult(name: spec.name, description: spec.summary, metrics: merged)),
                figures: PlanMetric.allCases.map { $0.value(merged) }, intervals: intervals
            )
        }
        let partial = rows.contains { $0 == nil }
        // Rows in grid order, the references after the grid.
        let references = referenceStrategies.count
        let ordered = Array(rows[references...]) + Array(rows[..<references])
        return SweepResult(
            scenarioName: base.name, scenarioSummary: base.summary, axes: axes,
            scenarioValues: axes.map { (try? template.value(at: $0.path)) ?? nil }, seed: seed, replications: replications,
            variedStrategy: variedStrategy.map { base.strategies[$0].name }, simulations: results.count { $0 != nil },
            rows: ordered.compactMap { $0 }, partial: partial
        )
    }
}
