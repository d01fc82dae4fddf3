import Foundation
import PollsterCore
import Testing
@testable import PollsterPlan

/// Sweeps: the grid, the analytic fixed-interval case, determinism across --jobs.
@Suite struct SweepTests {
    /// Zero latency, fixed duration D = 10 s, no limits: a fixed interval T (initialDelay T,
    /// the default) takes exactly ceil(D/T) polls and detects ceil(D/T)·T - D late.
    static let analytic = """
        name: analytic
        workload:
          executions: 50
          arrival: { kind: poisson, rate: 2/s }
          duration: 10s
        server:
          latency: 0s
        strategies:
          - { name: fixed, kind: fixed, interval: 2s }
        """

    @Test func fixedIntervalSweepReproducesCeilDOverT() async throws {
        let template = try PlanFixtures.template(Self.analytic)
        let intervals = [0.7, 1, 2, 3, 4, 7, 13]
        let axis = try SweepAxis(argument: "strategies.fixed.interval=" + intervals.map { "\($0)s" }.joined(separator: ","))
        let sweep = try Sweep(template: template, axes: [axis])
        let result = await sweep.run(batch: SimulationBatch(jobs: 2))
        #expect(result.rows.count == intervals.count && !result.partial)
        for (row, interval) in zip(result.rows, intervals) {
            let polls = Int((10 / interval).rounded(.up))
            #expect(row.metrics.requests == 50 * polls, "T = \(interval)s")
            #expect(row.metrics.pollsPerExecution.min == UInt64(polls) && row.metrics.pollsPerExecution.max == UInt64(polls))
            let lag = UInt64(((Double(polls) * interval - 10) * 1e6).rounded())
            #expect(row.metrics.detectionLag.histogram.valuesAreEquivalent(row.metrics.detectionLag.max, lag), "T = \(interval)s")
        }
    }

    @Test func twoAxesMakeAGridFirstAxisSlowest() throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        let sweep = try Sweep(template: template, axes: [
            try SweepAxis(argument: "server.rateLimits[0].rate=2/s,4/s"),
            try SweepAxis(argument: "strategies.expo.multiplier=1.5..2.5/3"),
        ], strategyNames: ["expo"])
        #expect(sweep.points.map { $0.values.map(\.text) } == [
            ["2/s", "1.5"], ["2/s", "2"], ["2/s", "2.5"], ["4/s", "1.5"], ["4/s", "2"], ["4/s", "2.5"],
        ])
        #expect(sweep.points[4].scenario.server.rateLimits[0].algorithm == .tokenBucket(rate: Rate(perSecond: 4), burst: 10))
        #expect(sweep.simulationCount == 6)
    }

    @Test func aBadPathOrValueFailsBeforeAnythingRuns() throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        #expect(throws: PlanError.self) { try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.nope.interval=1s,2s")]) }
        #expect(throws: PlanError.self) { try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.expo.multiplier=2,0.5")]) }
        #expect(throws: PlanError.self) { try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.expo.initial=1s")], strategyNames: ["nope"]) }
    }

    @Test func outputIsIdenticalWhateverTheNumberOfJobs() async throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        let sweep = try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.expo.initial=500ms..4s/log3")], replications: 2, strategyNames: ["fixed-2s", "expo"])
        let one = await sweep.run(batch: SimulationBatch(jobs: 1))
        let four = await sweep.run(batch: SimulationBatch(jobs: 4))
        #expect(SweepCSV.table(one).text == SweepCSV.table(four).text)
        #expect(try PlanJSON.sweep(one) == PlanJSON.sweep(four))
        #expect(SweepChart.render(one) == SweepChart.render(four))
        #expect(try SweepHTML.render(one) == SweepHTML.render(four))
        // A strategy the axis does not vary runs once, as a reference.
        #expect(one.rows.filter { $0.strategy == "fixed-2s" }.map(\.isReference) == [true])
        #expect(one.rows[0].interval(.rate429).count == 2)
    }

    @Test func chartsHaveAPanelPerMetricAndAFrontier() async throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        let oneAxisSweep = try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.expo.multiplier=1.5,2,3")])
        let oneAxis = await oneAxisSweep.run(batch: SimulationBatch())
        let svg = SweepChart.render(oneAxis)
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        for title in SweepChart.metrics.map(\.title) + ["Pareto frontier", "strategies.expo.multiplier"] {
            #expect(svg.contains(title), "\(title)")
        }
        let frontier = oneAxis.frontier
        #expect(!frontier.isEmpty)
        // No row beats a frontier row on both cost and freshness.
        for index in frontier {
            let f = oneAxis.rows[index].metrics
            #expect(!oneAxis.rows.contains { r in
                r.metrics.meanPollsPerExecution < f.meanPollsPerExecution && PlanMetric.lagP99.value(r.metrics) < PlanMetric.lagP99.value(f)
            })
        }
        let twoAxesSweep = try Sweep(template: template, axes: [
            try SweepAxis(argument: "strategies.expo.multiplier=1.5,3"), try SweepAxis(argument: "strategies.expo.initial=1s,2s"),
        ], strategyNames: ["expo"])
        let twoAxes = await twoAxesSweep.run(batch: SimulationBatch())
        // One strategy on a grid: a line per value of the second axis.
        #expect(SweepChart.render(twoAxes).contains(">strategies.expo.initial=2s</text>"))
        let severalSweep = try Sweep(template: template, axes: [
            try SweepAxis(argument: "server.rateLimits[0].rate=2/s,4/s"), try SweepAxis(argument: "strategies.expo.initial=1s,2s"),
        ])
        let several = await severalSweep.run(batch: SimulationBatch())
        #expect(SweepChart.render(several).contains("expo: 429 rate (%)"))
    }
}
