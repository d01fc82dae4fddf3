import Foundation
import PollsterCore

/// For each strategy, the highest load (an arrival rate by default, or any value where
/// more means more load) at which the 429 rate stays under a limit, and other limits hold.
///
/// On every seed the load is bracketed (doubled or halved from the scenario's value until
/// the limits hold below and break above), then bisected to a relative tolerance; the
/// capacities of the seeds give the mean and its 95% interval. All the strategies' and
/// seeds' searches advance together, one round of simulations at a time, in parallel.
public struct CapacitySearch: Sendable {
    public let template: ScenarioTemplate
    public let axis: LoadAxis
    /// The 429-rate limit first, then any others.
    public let constraints: [TuningConstraint]
    public let replications: Int
    public let seed: UInt64
    /// Relative width at which bisection stops (default 1%).
    public let tolerance: Double
    /// Loads on each strategy's chart curve (0: no curve).
    public let curvePoints: Int
    /// Indices of the strategies searched.
    public let strategies: [Int]

    /// Doublings tried before giving up on a bracket (4096 times the scenario's load).
    static let maxDoublings = 12
    /// Halvings tried before giving up on a bracket (1/1024 of the scenario's load): lower
    /// loads stretch a run's scenario time, and with it the time series, without bound.
    static let maxHalvings = 10
    /// Bisection steps at most.
    static let maxBisections = 30

    /// A search of `path` (default `workload.arrival.rate`) under `constraints` (at least
    /// one); `seed` defaults to the scenario's; `strategyNames` to all.
    public init(
        template: ScenarioTemplate, path: ScenarioPath? = nil, constraints: [TuningConstraint], replications: Int = 5,
        seed: UInt64? = nil, tolerance: Double = 0.01, curvePoints: Int = 12, strategyNames: [String] = []
    ) throws(PlanError) {
        guard !constraints.isEmpty else { throw .invalidOption("give --max-429-rate (and any other limits)") }
        guard tolerance > 0, tolerance < 1 else { throw .invalidOption("--tolerance must be between 0 and 1, got \(tolerance)") }
        let path = path ?? ScenarioPath(segments: [.key("workload"), .key("arrival"), .key("rate")])
        self.axis = try LoadAxis(path: path, template: template)
        // The value must be one the scenario accepts when changed (it is checked here once).
        _ = try template.scenario(with: [ScenarioOverride(path: path, value: axis.text(axis.current * 2))])
        let all = template.scenario.strategies.map(\.name)
        var chosen: [Int] = []
        for name in strategyNames {
            guard let index = all.firstIndex(of: name) else {
                throw .invalidOption("no strategy named \"\(name)\"; strategies: " + all.joined(separator: ", "))
            }
            chosen.append(index)
        }
        self.template = template
        self.constraints = constraints
        self.replications = Swift.max(1, replications)
        self.seed = seed ?? template.scenario.seed
        self.tolerance = tolerance
        self.curvePoints = Swift.max(0, curvePoints)
        self.strategies = chosen.isEmpty ? Array(all.indices) : chosen
    }

    /// One strategy's search on one seed.
    private struct Bracket {
        var strategy: Int
        var replication: Int
        var feasibleBelow: Double?
        var infeasibleAbove: Double?
        var next: Double?
        var steps = 0
        var status: CapacityEstimate.Status?
    }

    /// Runs every search in `batch`; cancelling the calling task stops it with what was found.
    public func run(batch: SimulationBatch) async -> CapacityResult {
        var brackets: [Bracket] = []
        for strategy in strategies {
            for replication in 0..<replications {
                brackets.append(Bracket(strategy: strategy, replication: replication, next: axis.current))
            }
        }
        var cache: [String: Scenario] = [:]
        var spent = 0
        var interrupted = false
        while brackets.contains(where: { $0.next != nil }), !interrupted {
            let active = brackets.indices.filter { brackets[$0].next != nil }
            var work: [SimulationJob] = []
            for index in active {
                let load = brackets[index].next!
                guard let scenario = variant(load, cache: &cache) else {
                    brackets[index].next = nil
                    brackets[index].status = .belowRange(load)
                    continue
                }
                work.append(SimulationJob(scenario: scenario, strategy: brackets[index].strategy, seed: seed &+ UInt64(brackets[index].replication)))
            }
            batch.progress?.plan(work.count)
            let constraints = self.constraints
            let results = await batch.run(work) { metrics in constraints.allSatisfy { $0.metric.value(metrics) <= $0.limit } }
            spent += work.count
            var offset = 0
            for index in active where brackets[index].next != nil {
                defer { offset += 1 }
                guard let feasible = results[offset] else {
                    interrupted = true
                    continue
                }
                advance(&brackets[index], feasible: feasible)
            }
            if Task.isCancelled { interrupted = true }
        }
        var estimates: [CapacityEstimate] = []
        for strategy in strategies {
            let own = brackets.filter { $0.strategy == strategy }
            let perSeed = own.map { $0.status == .found ? $0.feasibleBelow : nil }
            let status = own.contains { $0.status == nil } ? .unfinished : own.compactMap(\.status).first { $0 != .found } ?? .found
            estimates.append(CapacityEstimate(
                strategy: template.scenario.strategies[strategy].name, perSeed: perSeed,
                interval: ConfidenceInterval(samples: perSeed.compactMap { $0 }), status: status, curve: []
            ))
        }
        if curvePoints > 0, !interrupted {
            let curves = await curves(around: estimates, brackets: brackets, cache: &cache, batch: batch)
            spent += curves.spent
            interrupted = curves.interrupted
            for index in estimates.indices { estimates[index].curve = curves.points[index] }
        }
        return CapacityResult(
            scenarioName: template.scenario.name, axis: axis, constraints: constraints, seed: seed, replications: replications,
            tolerance: tolerance, estimates: estimates, simulations: spent, partial: interrupted
        )
    }

    /// The scenario at `load`, or nil when the scenario rejects it (a whole-number value
    /// rounded to 0, say).
    private func variant(_ load: Double, cache: inout [String: Scenario]) -> Scenario? {
        let text = axis.text(load)
        if let scenario = cache[text] { return scenario }
        guard let scenario = try? template.scenario(with: [ScenarioOverride(path: axis.path, value: text)]) else { return nil }
        cache[text] = scenario
        return scenario
    }

    /// The next load of a search after learning whether `next` met the limits.
    private func advance(_ bracket: inout Bracket, feasible: Bool) {
        let load = bracket.next!
        if feasible { bracket.feasibleBelow = load } else { bracket.infeasibleAbove = load }
        bracket.steps += 1
        switch (bracket.feasibleBelow, bracket.infeasibleAbove) {
        case (nil, .some(let high)):
            let lower = axis.whole ? (high / 2).rounded(.down) : high / 2
            if bracket.steps > Self.maxHalvings || lower < (axis.whole ? 1 : 1e-9) || lower == high {
                bracket.next = nil
                bracket.status = .belowRange(high)
            } else {
                bracket.next = lower
            }
        case (.some(let low), nil):
            if bracket.steps > Self.maxDoublings {
                bracket.next = nil
                bracket.status = .aboveRange(low)
            } else {
                bracket.next = low * 2
            }
        case (.some(let low), .some(let high)):
            let narrow = axis.whole ? high - low <= 1 : (high - low) / low <= tolerance
            if narrow || bracket.steps > Self.maxDoublings + Self.maxHalvings + Self.maxBisections {
                bracket.next = nil
                bracket.status = .found
            } else if axis.whole {
                bracket.next = ((low + high) / 2).rounded(.down)
            } else {
                bracket.next = high / low > 2 ? (low * high).squareRoot() : (low + high) / 2
            }
        case (nil, nil):
            bracket.next = nil
        }
    }

    /// Each strategy's mean 429 rate at `curvePoints` loads spanning every capacity found
    /// (from a quarter of the lowest to 2.5 times the highest), on the same seeds.
    private func curves(
        around estimates: [CapacityEstimate], brackets: [Bracket], cache: inout [String: Scenario], batch: SimulationBatch
    ) async -> (points: [[CapacityCurvePoint]], spent: Int, interrupted: Bool) {
        var anchors = estimates.compactMap { $0.interval.count > 0 ? $0.interval.mean : nil }
        if anchors.isEmpty { anchors = brackets.compactMap { $0.feasibleBelow ?? $0.infeasibleAbove } }
        guard let lowest = anchors.min(), let highest = anchors.max(), lowest > 0 else {
            return (estimates.map { _ in [] }, 0, false)
        }
        let low = lowest / 4, high = highest * 2.5
        var loads: [(value: Double, text: String, scenario: Scenario)] = []
        for i in 0..<curvePoints {
            let f = curvePoints == 1 ? 0 : Double(i) / Double(curvePoints - 1)
            let value = low * pow(high / low, f)
            let text = axis.text(value)
            guard loads.last?.text != text, let scenario = variant(value, cache: &cache) else { continue }
            loads.append((ParameterValue(text).number ?? value, text, scenario))
        }
        var work: [SimulationJob] = []
        for strategy in strategies {
            for load in loads {
                for replication in 0..<replications {
                    work.append(SimulationJob(scenario: load.scenario, strategy: strategy, seed: seed &+ UInt64(replication)))
                }
            }
        }
        batch.progress?.plan(work.count)
        let results = await batch.run(work) { $0.rate429 }
        var offset = 0
        var points: [[CapacityCurvePoint]] = []
        for _ in strategies {
            var curve: [CapacityCurvePoint] = []
            for load in loads {
                let runs = results[offset..<(offset + replications)].compactMap { $0 }
                offset += replications
                guard runs.count == replications else { continue }
                curve.append(CapacityCurvePoint(load: load.value, text: load.text, rate429: ConfidenceInterval(samples: runs)))
            }
            points.append(curve)
        }
        return (points, work.count, results.contains { $0 == nil })
    }
}
