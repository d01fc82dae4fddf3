import Foundation
import PollsterCore
import PollsterSim
import Testing
@testable import PollsterPlan

/// A sweep whose every axis lies inside one strategy runs that strategy at every point and
/// the other strategies once, on the scenario as written, as references.
@Suite struct SweepReferenceTests {
    /// `strategy` of `scenario` simulated on its own, on seeds `seed` ..< `seed + replications`,
    /// merged as `run --replications` merges them. The bucket is the one plans use (it
    /// changes only the time series, which plans do not read but `==` compares).
    static func plain(_ scenario: Scenario, _ strategy: String, seed: UInt64, replications: Int) -> StrategyMetrics {
        var scenario = scenario
        scenario.report.bucket = Swift.max(scenario.report.bucket, SimulationBatch.bucket)
        let spec = scenario.strategies.first { $0.name == strategy }!
        let runs = (0..<replications).map { StrategySimulation(scenario: scenario, strategy: spec, seed: seed &+ UInt64($0)).run().metrics }
        guard runs.count > 1 else { return runs[0] }
        var merged = runs[0]
        for run in runs.dropFirst() { merged.add(run) }
        return merged.canonical
    }

    @Test func oneStrategyRunsAtEveryPointTheOthersOnce() async throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        let sweep = try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.expo.multiplier=1.5,2,3")], replications: 2)
        #expect(sweep.variedStrategy == 1)
        #expect(sweep.sweptStrategies == [1] && sweep.referenceStrategies == [0, 2])
        // 3 points × expo × 2 seeds + (fixed-2s, docs) × 2 seeds; every strategy at every point would be 18.
        #expect(sweep.simulationCount == 10)
        let progress = PlanProgress()
        let result = await sweep.run(batch: SimulationBatch(jobs: 2, progress: progress))
        #expect(progress.simulationsPlanned == 10 && progress.simulationsFinished == 10)
        #expect(result.simulations == 10 && !result.partial && result.variedStrategy == "expo")
        #expect(result.rows.map(\.strategy) == ["expo", "expo", "expo", "fixed-2s", "docs"])
        #expect(result.rows.map(\.point) == [0, 1, 2, nil, nil])
        #expect(result.rows.map(\.isReference) == [false, false, false, true, true])
        #expect(result.referenceRows.allSatisfy { $0.values.isEmpty })
    }

    @Test func pathsOutsideTheStrategiesRunEveryStrategyAtEveryPoint() throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        let server = try Sweep(template: template, axes: [try SweepAxis(argument: "server.rateLimits[0].rate=2/s,4/s,8/s")], replications: 2)
        #expect(server.variedStrategy == nil && server.referenceStrategies.isEmpty && server.simulationCount == 18)
        // Two strategies varied: not one strategy's sweep.
        let two = try Sweep(template: template, axes: [
            try SweepAxis(argument: "strategies.expo.multiplier=1.5,3"), try SweepAxis(argument: "strategies.fixed-2s.interval=1s,2s"),
        ])
        #expect(two.variedStrategy == nil && two.simulationCount == 12)
        // A strategy named by its index, and two axes inside it.
        let byIndex = try Sweep(template: template, axes: [
            try SweepAxis(argument: "strategies[1].multiplier=1.5,3"), try SweepAxis(argument: "strategies.expo.initial=1s,2s"),
        ])
        #expect(byIndex.variedStrategy == 1 && byIndex.simulationCount == 4 + 2)
        // --strategy narrows the references; without them only the varied strategy runs.
        let narrowed = try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.expo.multiplier=1.5,3")], strategyNames: ["docs", "expo"])
        #expect(narrowed.referenceStrategies == [2] && narrowed.simulationCount == 3)
        let alone = try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.expo.multiplier=1.5,3")], strategyNames: ["expo"])
        #expect(alone.referenceStrategies.isEmpty && alone.simulationCount == 2)
    }

    @Test func leavingOutTheVariedStrategyIsAnError() throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        #expect {
            try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.expo.multiplier=1.5,3")], strategyNames: ["docs"])
        } throws: { error in
            "\(error)".contains("every --vary path is inside the strategy \"expo\", which --strategy leaves out; add --strategy expo")
        }
    }

    @Test func referencesAndPointsEqualPlainSimulations() async throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        let multipliers = ["1.5", "2.5", "4"]
        let sweep = try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.expo.multiplier=" + multipliers.joined(separator: ","))],
                              replications: 2, seed: 7)
        let result = await sweep.run(batch: SimulationBatch(jobs: 2))
        for name in ["fixed-2s", "docs"] {
            let row = try #require(result.referenceRows.first { $0.strategy == name })
            #expect(row.metrics == Self.plain(template.scenario, name, seed: 7, replications: 2), "\(name)")
        }
        for (row, multiplier) in zip(result.sweptRows, multipliers) {
            let scenario = try template.scenario(with: [ScenarioOverride(path: .strategy("expo", "multiplier"), value: multiplier)])
            #expect(row.values.map(\.text) == [multiplier])
            #expect(row.metrics == Self.plain(scenario, "expo", seed: 7, replications: 2), "multiplier \(multiplier)")
        }
        // The multiplier does change expo's results, so the comparison above can tell points apart.
        #expect(result.sweptRows[0].metrics != result.sweptRows[2].metrics)
    }

    @Test func csvAndJSONMarkTheReferenceRows() async throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        let sweep = try Sweep(template: template, axes: [try SweepAxis(argument: "strategies.expo.multiplier=1.5,3")])
        let result = await sweep.run(batch: SimulationBatch(jobs: 2))
        let csv = SweepCSV.table(result)
        let header = csv.header
        let reference = try #require(header.firstIndex(of: "reference"))
        let point = try #require(header.firstIndex(of: "point")), axis = try #require(header.firstIndex(of: "strategies.expo.multiplier"))
        let strategy = try #require(header.firstIndex(of: "strategy"))
        #expect(csv.rows.map { [$0[point], $0[axis], $0[strategy], $0[reference]] } == [
            ["0", "1.5", "expo", "false"], ["1", "3", "expo", "false"], ["", "", "fixed-2s", "true"], ["", "", "docs", "true"],
        ])
        let json = try JSONSerialization.jsonObject(with: PlanJSON.sweep(result)) as! [String: Any]
        #expect(json["variedStrategy"] as? String == "expo" && json["simulations"] as? Int == 4)
        let rows = json["rows"] as! [[String: Any]]
        #expect(rows.map { $0["reference"] as? Bool } == [false, false, true, true])
        #expect(rows.map { $0["point"] as? Int } == [0, 1, nil, nil])
        #expect(rows.map { ($0["values"] as? [String: String])?.count } == [1, 1, 0, 0])
    }
}
