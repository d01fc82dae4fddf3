import Foundation
import PollsterCore
import Testing
@testable import PollsterPlan

/// Tuning on a case with a known optimum.
@Suite struct TunerTests {
    /// Durations uniform in 30-90 s, zero latency: with a fixed interval T the detection lag
    /// is spread over (0, T], so its p99 is about 0.99 T, and polls fall as T grows. Under
    /// "lag p99 at most 4 s" the fewest polls are at T* ≈ 4 s / 0.99 ≈ 4.04 s.
    static let scenario = """
        name: known-optimum
        seed: 3
        workload:
          executions: 200
          arrival: { kind: poisson, rate: 2/s }
          duration: { kind: uniform, min: 30s, max: 90s }
        server:
          latency: 0s
        strategies:
          - { name: poll, kind: fixed, interval: 10s }
        """

    func tuner(lagLimitSeconds: Double, budget: Int = 60) throws -> Tuner {
        let template = try PlanFixtures.template(Self.scenario)
        let spec = template.scenario.strategies[0]
        let parameter = try TuningParameter.parse("interval=1s..20s", for: spec, template: template)
        return try Tuner(
            template: template, strategy: "poll", objective: .pollsPerExecution,
            constraints: [TuningConstraint(metric: .lagP99, limit: lagLimitSeconds * 1000, flag: "--max-lag-p99")],
            parameters: [parameter], budget: budget
        )
    }

    @Test func findsTheKnownOptimumWithinTenPercentOfTheRange() async throws {
        let result = try await tuner(lagLimitSeconds: 4).run(batch: SimulationBatch())
        #expect(result.feasible && !result.partial)
        #expect(result.simulations <= 60)
        let interval = try #require(ParameterValue(result.winner.values[0]).number)
        #expect(abs(interval - 4.04) <= 0.1 * (20 - 1), "winner interval \(interval)s")
        #expect(result.binding.map(\.flag) == ["--max-lag-p99"])
        // The winner polls far less than... at least not more than the feasible start would.
        #expect(result.winner.recheck[0].mean < 30)
    }

    @Test func theWinnersYAMLLoadsAsAStrategy() async throws {
        let result = try await tuner(lagLimitSeconds: 4).run(batch: SimulationBatch())
        #expect(result.winnerYAML.hasPrefix("{ name: poll, kind: fixed, interval: "))
        let pasted = Self.scenario.replacingOccurrences(of: "  - { name: poll, kind: fixed, interval: 10s }", with: "  - " + result.winnerYAML)
        let scenario = try ScenarioLoader.load(yaml: pasted, file: "pasted.yaml", baseDirectory: ".")
        let expected = try DurationParser.parse(result.winner.values[0])
        #expect(scenario.strategies == [StrategySpec(name: "poll", kind: .fixed(interval: expected))])
    }

    @Test func saysWhenNoPointMeetsTheConstraints() async throws {
        let result = try await tuner(lagLimitSeconds: 0.001, budget: 40).run(batch: SimulationBatch())
        #expect(!result.feasible)
        #expect(result.binding.map(\.flag) == ["--max-lag-p99"])
        #expect(result.violations == [result.evaluated])
    }

    @Test func resultDoesNotDependOnTheNumberOfJobs() async throws {
        let tuner = try tuner(lagLimitSeconds: 4, budget: 40)
        let one = await tuner.run(batch: SimulationBatch(jobs: 1))
        let three = await tuner.run(batch: SimulationBatch(jobs: 3))
        #expect(try PlanJSON.tuning(one) == PlanJSON.tuning(three))
    }

    @Test func rejectsWhatCannotBeTuned() throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        #expect(throws: PlanError.self) { try Tuner(template: template, strategy: "docs", objective: .lagP99) }
        #expect(throws: PlanError.self) { try Tuner(template: template, strategy: "nope", objective: .lagP99) }
        #expect(throws: PlanError.self) { try Tuner(template: template, strategy: "expo", objective: .lagP99, budget: 5) }
        let spec = template.scenario.strategies[1]
        #expect(throws: PlanError.self) { try TuningParameter.parse("jitter=1..2", for: spec, template: template) }
        #expect(throws: PlanError.self) { try TuningParameter.parse("initial=1..2", for: spec, template: template) }
        #expect(throws: PlanError.self) { try PlanMetric(name: "lag-p98") }
        #expect(try PlanMetric(name: "lag-p99") == .lagP99)
        let defaults = TuningParameter.defaults(for: spec)
        #expect(defaults.map(\.name) == ["initial", "multiplier", "max"])
        #expect(defaults[0].low == 0.25 && defaults[0].high == 4)
    }
}
