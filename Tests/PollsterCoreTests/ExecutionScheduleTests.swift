import Testing
@testable import PollsterCore

@Suite struct ExecutionScheduleTests {
    let s = Time.seconds

    func workload(_ arrival: ArrivalProcess, executions: Int = 100_000, duration: Distribution = .fixed(Time.seconds(10))) -> Workload {
        Workload(executions: executions, arrival: arrival, duration: duration,
                 outcomes: OutcomeMix(completed: 0.9, failed: 0.08, cancelled: 0.02), apiKeys: 7)
    }

    @Test func poissonArrivalsHaveTheConfiguredRate() {
        let plans = Array(ExecutionSchedule(workload: workload(.poisson(Rate(perSecond: 20))), seed: 1))
        #expect(plans.count == 100_000)
        let meanGap = Time.toSeconds(plans.last!.createdAt) / Double(plans.count - 1)
        #expect(abs(meanGap - 0.05) / 0.05 < 0.01)
        #expect(zip(plans, plans.dropFirst()).allSatisfy { $0.createdAt <= $1.createdAt })
    }

    @Test func uniformArrivalsAreEvenlySpaced() {
        let plans = Array(ExecutionSchedule(workload: workload(.uniform(Rate(perSecond: 4)), executions: 9), seed: 1))
        #expect(plans.map(\.createdAt) == (0..<9).map { s(Double($0) * 0.25) })
    }

    @Test func burstSubmitsEverythingAtOnce() {
        let plans = Array(ExecutionSchedule(workload: workload(.burst(at: s(3)), executions: 50), seed: 1))
        #expect(plans.allSatisfy { $0.createdAt == s(3) })
        #expect(plans.map(\.index) == Array(0..<50))
    }

    @Test func rampArrivalsFollowTheRamp() {
        // From 10/s to 30/s over 100 s: 2000 arrivals expected in the first 100 s, then 30/s.
        let plans = Array(ExecutionSchedule(workload: workload(.ramp(from: Rate(perSecond: 10), to: Rate(perSecond: 30), over: s(100)), executions: 8000), seed: 3))
        let inRamp = plans.filter { $0.createdAt < s(100) }.count
        #expect(abs(Double(inRamp) - 2000) < 3 * 2000.0.squareRoot())
        let firstHalf = plans.filter { $0.createdAt < s(50) }.count
        // Λ(50) = 10*50 + 20*50²/200 = 750.
        #expect(abs(Double(firstHalf) - 750) < 3 * 750.0.squareRoot())
    }

    @Test func rampInversionIsExact() {
        // Λ(t) = a t + (b-a) t²/(2T); from t=0 with mass 750 (a=10, b=30, T=100) -> t=50.
        #expect(abs(ExecutionSchedule.rampArrival(after: 0, exponential: 750, from: 10, to: 30, over: 100) - 50) < 1e-9)
        // Past the ramp the rate is b: mass 2000 + 60 -> 102 s.
        #expect(abs(ExecutionSchedule.rampArrival(after: 0, exponential: 2060, from: 10, to: 30, over: 100) - 102) < 1e-9)
    }

    @Test func lognormalDurationsMatchMedianAndP95() {
        let duration = Distribution.lognormal(median: s(20), upper: s(90), z: Distribution.p95Z)
        var durations = ExecutionSchedule(workload: workload(.poisson(Rate(perSecond: 100)), duration: duration), seed: 9).map { Time.toSeconds($0.runTime) }
        durations.sort()
        let median = durations[durations.count / 2]
        let p95 = durations[Int(Double(durations.count) * 0.95)]
        #expect(abs(median - 20) / 20 < 0.02)
        #expect(abs(p95 - 90) / 90 < 0.03)
    }

    @Test func outcomesAndKeysFollowTheMix() {
        let plans = Array(ExecutionSchedule(workload: workload(.poisson(Rate(perSecond: 100))), seed: 4))
        let failed = Double(plans.filter { $0.outcome == .failed }.count) / Double(plans.count)
        let cancelled = Double(plans.filter { $0.outcome == .cancelled }.count) / Double(plans.count)
        #expect(abs(failed - 0.08) < 0.005)
        #expect(abs(cancelled - 0.02) < 0.002)
        #expect(plans.prefix(14).map(\.apiKey) == [0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6])
    }

    @Test func executionsDoNotDependOnTheArrivalProcess() {
        // Common random numbers: execution i's duration and outcome come from its own stream.
        let a = Array(ExecutionSchedule(workload: workload(.poisson(Rate(perSecond: 5)), executions: 100, duration: .exponential(mean: s(30))), seed: 2))
        let b = Array(ExecutionSchedule(workload: workload(.burst(at: 0), executions: 100, duration: .exponential(mean: s(30))), seed: 2))
        #expect(a.map(\.runTime) == b.map(\.runTime))
        #expect(a.map(\.outcome) == b.map(\.outcome))
        let c = Array(ExecutionSchedule(workload: workload(.burst(at: 0), executions: 100, duration: .exponential(mean: s(30))), seed: 3))
        #expect(a.map(\.runTime) != c.map(\.runTime))
    }

    @Test func lifecycleSnapshots() {
        let plan = ExecutionPlan(index: 0, createdAt: s(10), queueTime: s(2), runTime: s(8), outcome: .failed)
        #expect(plan.snapshot(at: s(11)) == ExecutionSnapshot(status: .pending, progress: nil))
        #expect(plan.snapshot(at: s(12)) == ExecutionSnapshot(status: .running, progress: 0))
        #expect(plan.snapshot(at: s(14)) == ExecutionSnapshot(status: .running, progress: 25))
        #expect(plan.snapshot(at: s(20)) == ExecutionSnapshot(status: .failed, progress: nil))
    }
}
