import Testing
@testable import PollsterCore

/// How executions report progress: exact curves, the same draws for every run of a seed,
/// and the scenario key.
@Suite struct ProgressModelTests {
    @Test func linearIsTheElapsedFraction() {
        #expect(ProgressShape.linear.percentage(atFraction: 0.375) == 37.5)
    }

    @Test func stepsCountTheStepsDoneAndStallInBetween() {
        let shape = ProgressShape.steps(count: 4, seed: 99)
        let curve = stride(from: 0.0, through: 1.0, by: 0.01).map { shape.percentage(atFraction: $0) }
        #expect(curve.first == 0 && curve.last == 100)
        #expect(Set(curve).isSubset(of: [0, 25, 50, 75, 100]), "\(Set(curve))")
        #expect(zip(curve, curve.dropFirst()).allSatisfy { $0 <= $1 }, "never goes back")
        #expect(Set(curve) == [0, 25, 50, 75, 100], "every step shows")
        // Uneven: the step ends are not at 25%, 50%, 75% of the run time.
        let ends = (1...3).map { k in curve.firstIndex { $0 >= Double(k) * 25 }! }
        #expect(ends != [25, 50, 75], "\(ends)")
        // Each step is 0.25 to 1.75 of the mean: its end within those bounds of the even one.
        #expect(ends.allSatisfy { $0 >= 6 && $0 <= 94 })
    }

    @Test func noisyMisestimatesByAPowerAndEndsAtTheEnd() {
        #expect(ProgressShape.power(2).percentage(atFraction: 0.5) == 25)
        #expect(ProgressShape.power(0.5).percentage(atFraction: 0.25) == 50)
        #expect(ProgressShape.power(3).percentage(atFraction: 1) == 100)
        var rng = Xoshiro256StarStar(seed: 4)
        let exponents = (0..<2000).map { _ -> Double in
            guard case .power(let g) = ProgressModel.noisy(error: 0.5).shape(rng: &rng) else { return .nan }
            return g
        }
        // log g ~ N(0, 0.5): its mean near 0 and its deviation near 0.5.
        let logs = exponents.map { _log($0) }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let sd = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logs.count)).squareRoot()
        #expect(abs(mean) < 0.05 && abs(sd - 0.5) < 0.05, "mean \(mean), sd \(sd)")
    }

    @Test func planDrawsLeaveTheOtherDrawsAlone() {
        let linear = Workload(executions: 50, arrival: .burst(at: 0), duration: .uniform(min: Time.seconds(1), max: Time.seconds(60)),
                              queueTime: .uniform(min: 0, max: Time.seconds(5)))
        var stepped = linear
        stepped.progress = .steps(count: 5)
        for index in 0..<50 {
            let a = ExecutionSchedule.plan(index: index, createdAt: 0, workload: linear, seed: 7)
            let b = ExecutionSchedule.plan(index: index, createdAt: 0, workload: stepped, seed: 7)
            #expect(a.runTime == b.runTime && a.queueTime == b.queueTime && a.outcome == b.outcome)
            #expect(a.progress == .linear)
            #expect(b == ExecutionSchedule.plan(index: index, createdAt: 0, workload: stepped, seed: 7), "the same seed, the same steps")
        }
    }

    @Test func theScenarioKeyIsReadAndChecked() throws {
        let base = "name: p\nstrategies: [{name: f, kind: fixed, interval: 1s}]\nworkload:\n  executions: 1\n  arrival: {kind: burst}\n  duration: 1s\n"
        func load(_ extra: String) throws -> Scenario {
            try ScenarioLoader.load(yaml: base + extra, file: "t.yaml", baseDirectory: ".")
        }
        #expect(try load("").workload.progress == .linear)
        #expect(try load("  progress: linear\n").workload.progress == .linear)
        #expect(try load("  progress: {kind: steps, count: 6}\n").workload.progress == .steps(count: 6))
        #expect(try load("  progress: {kind: noisy, error: 0.4}\n").workload.progress == .noisy(error: 0.4))
        #expect(ScenarioFixtures.problems(base + "  progress: {kind: steps}\n").contains { $0.contains("workload.progress.count") })
        #expect(ScenarioFixtures.problems(base + "  progress: {kind: stepz, count: 3}\n").contains { $0.contains("did you mean \"steps\"") })
        #expect(ScenarioFixtures.problems(base + "  progress: {kind: noisy, error: 9}\n").contains { $0.contains("between 0 and 3") })
        #expect(ScenarioFixtures.problems(base + "  progress: {kind: steps, count: 5000}\n").contains { $0.contains("at most 1000") })
        #expect(ScenarioFixtures.problems(base + "  progress: fast\n").contains { $0.contains("workload.progress") })
    }
}
