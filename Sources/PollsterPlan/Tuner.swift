import PollsterCore

/// Searches one strategy's numeric parameters for the lowest objective under constraints,
/// spending at most a budget of simulations.
///
/// Derivative-free and robust to noise: a Latin-hypercube sample (plus the starting point)
/// is narrowed by successive halving (the best third of each rung gets three times the
/// seeds, 1 → 3 → 9), then a compass search refines the survivor on 3 seeds, halving its
/// step when no neighbour improves, and the best few settings meet again on 9 seeds. Every
/// comparison is on the same seeds (common random numbers), and the winner and the
/// starting point are finally re-checked on fresh seeds.
public struct Tuner: Sendable {
    public let template: ScenarioTemplate
    public let strategy: String
    public let objective: PlanMetric
    public let constraints: [TuningConstraint]
    public let parameters: [TuningParameter]
    /// Most simulations to run, re-checks included.
    public let budget: Int
    public let seed: UInt64
    /// Fresh seeds the winner and the start are re-checked on.
    public let recheckSeeds: Int
    private let strategyIndex: Int

    /// Seeds of each successive-halving rung.
    static let rungs = [1, 3, 9]
    /// Seeds each compass-search neighbour is compared on.
    static let localSeeds = 3
    /// Settings compared on every seed at the end.
    static let finalists = 3

    /// A tuner of strategy `strategy` of `template`. `parameters` default to
    /// ``TuningParameter/defaults(for:)``; `seed` to the scenario's.
    public init(
        template: ScenarioTemplate, strategy: String, objective: PlanMetric, constraints: [TuningConstraint] = [],
        parameters: [TuningParameter]? = nil, budget: Int = 150, seed: UInt64? = nil, recheckSeeds: Int = 5
    ) throws(PlanError) {
        let names = template.scenario.strategies.map(\.name)
        guard let index = names.firstIndex(of: strategy) else {
            throw .invalidOption("no strategy named \"\(strategy)\"; strategies: " + names.joined(separator: ", "))
        }
        let spec = template.scenario.strategies[index]
        let chosen = parameters ?? TuningParameter.defaults(for: spec)
        guard !chosen.isEmpty else {
            throw .invalidOption("strategy \(strategy) is of kind \(spec.kindName), which has no numeric parameters to tune")
        }
        self.recheckSeeds = Swift.max(2, recheckSeeds)
        let minimum = 2 * self.recheckSeeds + 4 * chosen.count
        guard budget >= minimum else {
            throw .invalidOption("--budget \(budget) is too small for \(chosen.count) parameter\(chosen.count == 1 ? "" : "s"); give at least \(minimum)")
        }
        self.template = template
        self.strategy = strategy
        self.strategyIndex = index
        self.objective = objective
        self.constraints = constraints
        self.parameters = chosen
        self.budget = budget
        self.seed = seed ?? template.scenario.seed
    }

    /// A parameter setting and the metrics measured for it so far, by replication.
    private struct Candidate {
        var unit: [Double]
        var texts: [String]
        var scenario: Scenario?
        /// By replication: the objective, then each constraint's metric.
        var samples: [Int: [Double]] = [:]
    }

    /// The search's state, threaded through its phases.
    private struct Search {
        var candidates: [Candidate] = []
        var byTexts: [[String]: Int] = [:]
        var spent = 0
        var interrupted = false
    }

    /// Runs the search in `batch`; cancelling the calling task ends it early with the best
    /// point found so far (``TuningResult/partial``).
    public func run(batch: SimulationBatch) async -> TuningResult {
        var search = Search()
        let searchBudget = budget - 2 * recheckSeeds
        let start = candidate(parameters.map { $0.unit(of: $0.start) }, in: &search)

        // Phase 1: Latin hypercube + successive halving.
        let perCandidate = 1 + Double(Self.rungs.count - 1) * 2 / 3
        let sampleSize = Swift.max(3, Int(Double(searchBudget) * 0.6 / perCandidate))
        var rng = Xoshiro256StarStar(seed: seed ^ 0x7475_6E65)
        var alive = [start] + latinHypercube(count: sampleSize - 1, rng: &rng).map { candidate($0, in: &search) }
        alive = Array(Set(alive)).sorted().filter { search.candidates[$0].scenario != nil }
        var seeds = 0
        for (rung, replications) in Self.rungs.enumerated() {
            let affordable = affordableCount(alive, replications: replications, search: search, budget: searchBudget)
            guard affordable > 0 else { break }
            alive = Array(alive.prefix(affordable))
            await evaluate(alive, replications: replications, search: &search, batch: batch)
            if search.interrupted { break }
            seeds = replications
            alive = ranked(alive, seeds: seeds, search: search)
            if rung < Self.rungs.count - 1 { alive = Array(alive.prefix(Swift.max(1, (alive.count + 2) / 3))) }
            if alive.count == 1 { break }
        }
        var incumbent = alive.first ?? start
        seeds = Swift.max(1, seeds)

        // Phase 2: compass search around the incumbent on a few common seeds, keeping enough
        // budget for the final comparison.
        let local = Swift.min(Self.localSeeds, seeds)
        let full = Self.rungs.last!
        let finalists = Self.finalists
        let finalReserve = Swift.min(finalists * (full - local), searchBudget / 5)
        var step = 0.125
        while step >= 1.0 / 128, !search.interrupted {
            var neighbours: [Int] = []
            for dimension in parameters.indices {
                for direction in [-1.0, 1.0] {
                    var unit = search.candidates[incumbent].unit
                    unit[dimension] = Swift.min(1, Swift.max(0, unit[dimension] + direction * step))
                    let index = candidate(unit, in: &search)
                    if index != incumbent, search.candidates[index].scenario != nil, !neighbours.contains(index) { neighbours.append(index) }
                }
            }
            guard affordableCount(neighbours, replications: local, search: search, budget: searchBudget - finalReserve) == neighbours.count else { break }
            await evaluate(neighbours + [incumbent], replications: local, search: &search, batch: batch)
            if search.interrupted { break }
            let best = ranked(neighbours + [incumbent], seeds: local, search: search)[0]
            if best == incumbent { step /= 2 } else { incumbent = best }
        }

        // Phase 3: a few seeds flatter a point, so the best few settings seen on them meet
        // again on the full number of seeds; the best there wins.
        if !search.interrupted {
            let seen = search.candidates.indices.filter { seedCount(for: $0, search: search) >= local }
            var contenders = Array(ranked(seen, seeds: local, search: search).prefix(finalists))
            if !contenders.contains(incumbent) { contenders[contenders.count - 1] = incumbent }
            let affordable = affordableCount(contenders, replications: full, search: search, budget: searchBudget)
            let deep = affordable == contenders.count ? full : local
            await evaluate(contenders, replications: deep, search: &search, batch: batch)
            if !search.interrupted { incumbent = ranked(contenders, seeds: deep, search: search)[0] }
        }

        // Phase 4: the winner and the start on fresh seeds.
        let winnerFeasible = score(incumbent, seeds: seedCount(for: incumbent, search: search), search: search).violation == 0
        let recheck = await self.recheck([incumbent, start], search: &search, batch: batch)
        let evaluated = search.candidates.filter { !$0.samples.isEmpty }
        let violations = constraints.enumerated().map { index, constraint in
            evaluated.filter { candidate in
                let values = candidate.samples.values.map { $0[index + 1] }
                return constraint.violation(values.reduce(0, +) / Double(values.count)) > 0
            }.count
        }
        let overrides = zip(parameters, search.candidates[incumbent].texts).map { ScenarioOverride(path: $0.path, value: $1) }
        let yaml = (try? template.strategyYAML(named: strategy, with: overrides)) ?? ""
        return TuningResult(
            strategy: strategy, objective: objective, constraints: constraints, parameters: parameters,
            winner: point(incumbent, recheck: recheck[0], search: search), start: point(start, recheck: recheck[1], search: search),
            winnerYAML: yaml, feasible: winnerFeasible, violations: violations,
            evaluated: evaluated.count, simulations: search.spent, partial: search.interrupted
        )
    }

    // MARK: Candidates

    /// The index of the candidate at `unit` (after rounding to the values a scenario
    /// holds), adding it when new.
    private func candidate(_ unit: [Double], in search: inout Search) -> Int {
        let texts = zip(parameters, unit).map { $0.text(at: $1) }
        if let index = search.byTexts[texts] { return index }
        let overrides = zip(parameters, texts).map { ScenarioOverride(path: $0.path, value: $1) }
        let scenario = try? template.scenario(with: overrides)
        search.candidates.append(Candidate(unit: unit, texts: texts, scenario: scenario))
        search.byTexts[texts] = search.candidates.count - 1
        return search.candidates.count - 1
    }

    /// `count` points of the unit cube, one in each of `count` slices of every dimension.
    private func latinHypercube(count: Int, rng: inout Xoshiro256StarStar) -> [[Double]] {
        guard count > 0 else { return [] }
        let columns = parameters.map { _ in Array(0..<count).shuffled(using: &rng) }
        return (0..<count).map { row in
            columns.map { column in (Double(column[row]) + rng.nextUnit()) / Double(count) }
        }
    }

    /// How many of `indices`, in order, can get `replications` seeds within `budget`.
    private func affordableCount(_ indices: [Int], replications: Int, search: Search, budget: Int) -> Int {
        var remaining = budget - search.spent
        var count = 0
        for index in indices {
            let missing = (0..<replications).filter { search.candidates[index].samples[$0] == nil }.count
            guard missing <= remaining else { break }
            remaining -= missing
            count += 1
        }
        return count
    }

    /// Simulates each candidate on seeds 0..<replications it has not been run on.
    private func evaluate(_ indices: [Int], replications: Int, search: inout Search, batch: SimulationBatch) async {
        var work: [SimulationJob] = []
        var owners: [(candidate: Int, replication: Int)] = []
        for index in indices {
            guard let scenario = search.candidates[index].scenario else { continue }
            for replication in 0..<replications where search.candidates[index].samples[replication] == nil {
                work.append(SimulationJob(scenario: scenario, strategy: strategyIndex, seed: seed &+ UInt64(replication)))
                owners.append((index, replication))
            }
        }
        batch.progress?.plan(work.count)
        let results = await batch.run(work, digest: figures)
        search.spent += work.count
        for (owner, values) in zip(owners, results) {
            guard let values else {
                search.interrupted = true
                continue
            }
            search.candidates[owner.candidate].samples[owner.replication] = values
        }
        if Task.isCancelled { search.interrupted = true }
    }

    // MARK: Ranking

    /// Feasible points first (by objective), then the least infeasible; ties by index.
    private func ranked(_ indices: [Int], seeds: Int, search: Search) -> [Int] {
        let scores = Dictionary(uniqueKeysWithValues: indices.map { ($0, score($0, seeds: seeds, search: search)) })
        return indices.sorted { a, b in
            let x = scores[a]!, y = scores[b]!
            return (x.violation > 0 ? 1 : 0, x.violation, x.objective, a) < (y.violation > 0 ? 1 : 0, y.violation, y.objective, b)
        }
    }

    private func seedCount(for index: Int, search: Search) -> Int {
        var n = 0
        while search.candidates[index].samples[n] != nil { n += 1 }
        return Swift.max(1, n)
    }

    private func score(_ index: Int, seeds: Int, search: Search) -> (objective: Double, violation: Double) {
        scoreOf(search.candidates[index], seeds: seeds)
    }

    private func scoreOf(_ candidate: Candidate, seeds: Int) -> (objective: Double, violation: Double) {
        let runs = (0..<seeds).compactMap { candidate.samples[$0] }
        guard !runs.isEmpty else { return (.infinity, .infinity) }
        let means = means(runs)
        let violation = zip(constraints, means.dropFirst()).reduce(0) { $0 + $1.0.violation($1.1) }
        return (means[0], violation)
    }

    /// The objective and each constraint's metric of one run, read in the run's own task.
    private var figures: @Sendable (StrategyMetrics) -> [Double] {
        let metrics = [objective] + constraints.map(\.metric)
        return { run in metrics.map { $0.value(run) } }
    }

    /// The mean of the objective and of each constraint's metric over `runs`.
    private func means(_ runs: [[Double]]) -> [Double] {
        (0..<(1 + constraints.count)).map { index in
            runs.reduce(0) { $0 + $1[index] } / Double(runs.count)
        }
    }

    // MARK: Re-check

    /// The metrics of each candidate on `recheckSeeds` seeds the search never used.
    private func recheck(_ indices: [Int], search: inout Search, batch: SimulationBatch) async -> [[ConfidenceInterval]] {
        let unique = Array(Set(indices)).sorted()
        var work: [SimulationJob] = []
        for index in unique {
            guard let scenario = search.candidates[index].scenario else { continue }
            for i in 0..<recheckSeeds {
                work.append(SimulationJob(scenario: scenario, strategy: strategyIndex, seed: seed &+ 1_000 &+ UInt64(i)))
            }
        }
        batch.progress?.plan(work.count)
        let results = await batch.run(work, digest: figures)
        search.spent += work.count
        if results.contains(where: { $0 == nil }) { search.interrupted = true }
        var byCandidate: [Int: [ConfidenceInterval]] = [:]
        var offset = 0
        for index in unique where search.candidates[index].scenario != nil {
            let runs = results[offset..<(offset + recheckSeeds)].compactMap { $0 }
            offset += recheckSeeds
            byCandidate[index] = (0..<(1 + constraints.count)).map { metric in
                ConfidenceInterval(samples: runs.map { $0[metric] })
            }
        }
        let empty = Array(repeating: ConfidenceInterval(samples: []), count: 1 + constraints.count)
        return indices.map { byCandidate[$0] ?? empty }
    }

    private func point(_ index: Int, recheck: [ConfidenceInterval], search: Search) -> TuningPoint {
        let n = seedCount(for: index, search: search)
        let runs = (0..<n).compactMap { search.candidates[index].samples[$0] }
        let values = runs.isEmpty ? Array(repeating: Double.nan, count: 1 + constraints.count) : means(runs)
        return TuningPoint(values: search.candidates[index].texts, search: values, searchSeeds: runs.count, recheck: recheck)
    }
}
