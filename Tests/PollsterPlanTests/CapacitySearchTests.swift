import Foundation
import PollsterCore
import Testing
@testable import PollsterPlan

/// Capacity on the analytic token-bucket case.
@Suite struct CapacitySearchTests {
    /// Evenly spaced arrivals at λ, each execution polling every T = 1 s for D = 30 s (zero
    /// latency, Retry-After ignored): about N = λD clients poll at once, N/T requests per
    /// second against a bucket of r = 10/s. The 429 rate is 1 - rT/N above the knee
    /// N/T = r and 0 below it.
    static let tokenBucket = """
        name: knee
        workload:
          executions: 600
          arrival: { kind: uniform, rate: 1/s }
          duration: 30s
        server:
          latency: 0s
          rateLimits:
            - { scope: global, algorithm: tokenBucket, rate: 10/s, burst: 10 }
        strategies:
          - { name: fixed-1s, kind: fixed, interval: 1s }
        client: { timeout: 1h, retryAfter: ignore }
        """

    @Test func findsTheKneeOfATokenBucket() async throws {
        let template = try PlanFixtures.template(Self.tokenBucket)
        let search = try CapacitySearch(
            template: template, constraints: [TuningConstraint(metric: .rate429, limit: 0.02, flag: "--max-429-rate")],
            replications: 2, tolerance: 0.005, curvePoints: 5
        )
        let result = await search.run(batch: SimulationBatch())
        let estimate = try #require(result.estimates.first)
        #expect(estimate.status == .found)
        let clients = estimate.interval.mean * 30  // N = λD
        let requestRate = clients / 1               // N/T
        #expect(abs(requestRate - 10) / 10 < 0.05, "knee at N/T = \(requestRate), r = 10/s")
        #expect(result.sentence(estimate).hasPrefix("with fixed-1s these limits carry 0.3"), "\(result.sentence(estimate))")
        // The curve is 0 below the knee and rises above it.
        #expect(estimate.curve.count == 5)
        #expect(estimate.curve.first!.rate429.mean == 0)
        #expect(estimate.curve.last!.rate429.mean > 0.5)
        let svg = CapacityChart.render(result)
        #expect(svg.contains("fixed-1s, knee 0.3") && svg.contains("limit 2%"))
        let csv = CapacityCSV.table(result).text
        #expect(csv.hasPrefix("strategy,path,unit,capacity,ci95_low,ci95_high,status"))
        #expect(csv.contains("fixed-1s,workload.arrival.rate,executions/s,0.3"))
    }

    @Test func resultDoesNotDependOnTheNumberOfJobs() async throws {
        let search = try CapacitySearch(
            template: try PlanFixtures.template(PlanFixtures.mixed),
            constraints: [TuningConstraint(metric: .rate429, limit: 0.05, flag: "--max-429-rate")], replications: 2, curvePoints: 3
        )
        let one = await search.run(batch: SimulationBatch(jobs: 1))
        let three = await search.run(batch: SimulationBatch(jobs: 3))
        #expect(try PlanJSON.capacity(one) == PlanJSON.capacity(three))
        #expect(CapacityChart.render(one) == CapacityChart.render(three))
        #expect(one.estimates.map(\.strategy) == ["fixed-2s", "expo", "docs"])
    }

    @Test func reportsWhenEvenTheLowestLoadBreaksTheLimit() async throws {
        let template = try PlanFixtures.template(Self.tokenBucket)
        // Every execution polls 30 times whatever the load: "at most 1 poll" never holds.
        let search = try CapacitySearch(
            template: template,
            constraints: [TuningConstraint(metric: .rate429, limit: 0.5, flag: "--max-429-rate"),
                          TuningConstraint(metric: .pollsPerExecution, limit: 1, flag: "--max-polls-per-execution")],
            replications: 1, curvePoints: 0
        )
        let result = await search.run(batch: SimulationBatch())
        guard case .belowRange = result.estimates[0].status else {
            Issue.record("expected belowRange, got \(result.estimates[0].status)")
            return
        }
        #expect(result.sentence(result.estimates[0]).contains("carry less than"))
    }

    @Test func rejectsALoadPathWithoutANumber() throws {
        let template = try PlanFixtures.template(Self.tokenBucket)
        let limit = [TuningConstraint(metric: .rate429, limit: 0.01, flag: "--max-429-rate")]
        #expect(throws: PlanError.self) { try CapacitySearch(template: template, path: try ScenarioPath("client.retryAfter"), constraints: limit) }
        #expect(throws: PlanError.self) { try CapacitySearch(template: template, path: try ScenarioPath("workload.queueTime"), constraints: limit) }
    }
}
