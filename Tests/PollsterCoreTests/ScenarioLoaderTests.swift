import Foundation
import PollsterCore
import Testing

@Suite("ScenarioLoader: valid scenarios")
struct ScenarioLoaderTests {
    @Test(arguments: ScenarioFixtures.bundledScenarios())
    func bundledScenarioLoads(path: String) throws {
        let scenario = try ScenarioLoader.load(path: path)
        #expect(!scenario.strategies.isEmpty)
        #expect(scenario.name == URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
    }

    @Test func allFourExampleScenariosExist() {
        let names = ScenarioFixtures.bundledScenarios().map { URL(fileURLWithPath: $0).lastPathComponent }
        for name in ["quickstart.yaml", "thundering-herd.yaml", "steady-state.yaml", "tight-limits.yaml"] {
            #expect(names.contains(name))
        }
    }

    @Test func quickstartHasExactlyTheDesignValues() throws {
        let path = ScenarioFixtures.repositoryRoot.appendingPathComponent("scenarios/quickstart.yaml").path
        let s = try ScenarioLoader.load(path: path)
        #expect(s.name == "quickstart")
        #expect(s.seed == 42)
        #expect(s.mode == .live)
        #expect(s.target == .embedded)
        // The live run picks the fastest scale this machine keeps up with (see the
        // scenario's comment); until it does, the scale is 1.
        #expect(s.timeScaleIsAuto && s.timeScale == 1)
        #expect(s.apiKeyEnv == nil)
        #expect(s.workload.executions == 1500)
        #expect(s.workload.arrival == .poisson(Rate(perSecond: 20)))
        guard case .lognormal(let median, let sigma) = s.workload.duration else {
            Issue.record("duration is \(s.workload.duration)")
            return
        }
        #expect(median == 20_000_000_000)
        #expect(abs(sigma - log(90.0 / 20.0) / 1.6448536269514722) < 1e-12)
        guard case .lognormal(let latencyMedian, let latencySigma) = s.server.latency else {
            Issue.record("latency is \(s.server.latency)")
            return
        }
        #expect(latencyMedian == 40_000_000)
        #expect(abs(latencySigma - log(250.0 / 40.0) / 2.3263478740408408) < 1e-12)
        #expect(s.workload.queueTime == nil)
        #expect(s.workload.outcomes == OutcomeMix(completed: 0.90, failed: 0.08, cancelled: 0.02))
        #expect(s.workload.apiKeys == 10)
        #expect(s.server.rateLimits == [
            RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 10), burst: 20)),
            RateLimitRule(scope: .global, algorithm: .slidingWindowCounter(limit: 350, window: 10_000_000_000)),
        ])
        #expect(s.strategies == [
            StrategySpec(name: "fixed-2s", kind: .fixed(interval: 2_000_000_000)),
            StrategySpec(name: "expo", kind: .exponential(initial: 2_000_000_000, multiplier: 1.5, max: 30_000_000_000, jitter: .none)),
            StrategySpec(name: "full-jitter", kind: .exponential(initial: 2_000_000_000, multiplier: 2, max: 30_000_000_000, jitter: .full)),
            StrategySpec(name: "decorrelated", kind: .decorrelatedJitter(base: 2_000_000_000, max: 30_000_000_000)),
            StrategySpec(name: "docs", kind: .recommended),
        ])
        #expect(s.client == ClientPolicy(timeout: 600_000_000_000, retryAfter: .honor))
        #expect(s.report == ReportOptions(out: "reports/quickstart", formats: [.csv, .html, .json], bucket: 1_000_000_000))
    }

    @Test func defaultsApplyWhenKeysAreLeftOut() throws {
        let s = try ScenarioLoader.load(yaml: ScenarioFixtures.minimal, file: "dir/my-run.yaml", baseDirectory: "dir")
        #expect(s.name == "my-run")
        #expect(s.description == nil)
        #expect(s.seed == 1)
        #expect(s.mode == .simulate)
        #expect(s.target == .embedded)
        #expect(s.timeScale == 1)
        #expect(s.workload.duration == .fixed(20_000_000_000))
        #expect(s.workload.outcomes == OutcomeMix(completed: 1, failed: 0, cancelled: 0))
        #expect(s.workload.apiKeys == 1)
        #expect(s.server == ServerModel(latency: .fixed(0), rateLimits: []))
        #expect(s.client == ClientPolicy(timeout: 600_000_000_000, retryAfter: .honor))
        #expect(s.report == ReportOptions(out: "reports/my-run", formats: [.csv, .json, .html], bucket: 1_000_000_000))
        #expect(s.strategies[0].initialDelay == nil)
    }

    @Test func everyKindAndKeyParses() throws {
        let yaml = """
            name: full
            description: Every option at once.
            seed: 18446744073709551615
            mode: live
            target: https://api.example.com:8443/v1
            apiKeyEnv: POLLSTER_API_KEY
            workload:
              executions: 1_000
              arrival: { kind: ramp, from: 0/s, to: 600/m, over: 5m }
              duration: { kind: uniform, min: 1s, max: 1m }
              queueTime: { kind: exponential, mean: 500ms }
              outcomes: { completed: 0.5, cancelled: 0.5 }
              apiKeys: 3
            server:
              latency: { kind: fixed, value: 25ms }
              rateLimits:
                - { scope: apiKey, algorithm: gcra, rate: 3600/h, burst: 2 }
                - { scope: global, algorithm: fixedWindow, limit: 100, window: 1m }
                - { scope: global, algorithm: slidingWindowLog, limit: 50, window: 30s }
                - { scope: apiKey, algorithm: concurrency, limit: 4 }
            strategies:
              - { name: equal, kind: exponential, initial: 1s, multiplier: 2, max: 8s, jitter: equal, initialDelay: 0s }
              - { name: grpc, kind: exponential, initial: 1s, multiplier: 1.6, max: 2m, jitter: 0.2 }
              - { name: none, kind: exponential, initial: 1s, multiplier: 1, max: 1s, jitter: none }
              - { name: progress, kind: progressAware, min: 1s, max: 1m }
              - { name: progress-fb, kind: progressAware, min: 1s, max: 1m, fallback: 5s }
              - { name: hook, kind: webhook }
              - { name: hook-slow, kind: webhook, delivery: { kind: lognormal, median: 100ms, p99: 1s } }
              - name: burst-ish
                kind: fixed
                interval: 1.5s
                initialDelay: 250ms
            client: { timeout: 1h, retryAfter: ignore }
            report: { out: out/full, formats: [json], bucket: 10s }
            """
        let s = try ScenarioLoader.load(yaml: yaml, file: "full.yaml", baseDirectory: ".")
        #expect(s.description == "Every option at once.")
        #expect(s.seed == UInt64.max)
        #expect(s.target == .url("https://api.example.com:8443/v1"))
        #expect(s.apiKeyEnv == "POLLSTER_API_KEY")
        #expect(s.workload.executions == 1000)
        #expect(s.workload.arrival == .ramp(from: Rate(perSecond: 0), to: Rate(perSecond: 10), over: 300_000_000_000))
        #expect(s.workload.duration == .uniform(min: 1_000_000_000, max: 60_000_000_000))
        #expect(s.workload.queueTime == .exponential(mean: 500_000_000))
        #expect(s.workload.outcomes == OutcomeMix(completed: 0.5, failed: 0, cancelled: 0.5))
        #expect(s.server.latency == .fixed(25_000_000))
        #expect(s.server.rateLimits.map(\.algorithm) == [
            .gcra(rate: Rate(perSecond: 1), burst: 2),
            .fixedWindow(limit: 100, window: 60_000_000_000),
            .slidingWindowLog(limit: 50, window: 30_000_000_000),
            .concurrency(limit: 4),
        ])
        #expect(s.server.rateLimits.map(\.scope) == [.apiKey, .global, .global, .apiKey])
        let second: Nanoseconds = 1_000_000_000
        #expect(s.strategies.map(\.kind) == [
            .exponential(initial: second, multiplier: 2, max: 8 * second, jitter: .equal),
            .exponential(initial: second, multiplier: 1.6, max: 120 * second, jitter: .proportional(0.2)),
            .exponential(initial: second, multiplier: 1, max: second, jitter: .none),
            .progressAware(min: second, max: 60 * second, fallback: second),
            .progressAware(min: second, max: 60 * second, fallback: 5 * second),
            .webhook(delivery: .fixed(0)),
            .webhook(delivery: .lognormal(median: 100_000_000, upper: second, z: Distribution.p99Z)),
            .fixed(interval: 1_500_000_000),
        ])
        #expect(s.strategies.map(\.initialDelay) == [0, nil, nil, nil, nil, nil, nil, 250_000_000])
        #expect(s.client == ClientPolicy(timeout: 3600 * second, retryAfter: .ignore))
        #expect(s.report == ReportOptions(out: "out/full", formats: [.json], bucket: 10 * second))
    }

    @Test(arguments: ["burst", "burst, at: 0s", "burst, at: 2s"])
    func burstDefaultsToTimeZero(body: String) throws {
        let yaml = ScenarioFixtures.minimal.replacingOccurrences(of: "poisson, rate: 2/s", with: body)
        let s = try ScenarioLoader.load(yaml: yaml, file: "t.yaml", baseDirectory: ".")
        #expect(s.workload.arrival == .burst(at: body.hasSuffix("2s") ? 2_000_000_000 : 0))
    }

    @Test func liveRunsAgainstTheEmbeddedServerMayScaleTime() throws {
        let yaml = "mode: live\ntarget: embedded\ntimeScale: 0.5\n" + ScenarioFixtures.minimal
        #expect(try ScenarioLoader.load(yaml: yaml, file: "t.yaml", baseDirectory: ".").timeScale == 0.5)
        let one = "timeScale: 1\n" + ScenarioFixtures.minimal
        #expect(try ScenarioLoader.load(yaml: one, file: "t.yaml", baseDirectory: ".").timeScale == 1)
    }

    @Test func aSimulationKeepsTimeScaleAndNotesThatItIgnoresIt() throws {
        // The quickstart's comment invites changing mode: live to simulate; that must run.
        let simulated = try ScenarioLoader.load(yaml: "mode: simulate\ntimeScale: 6\n" + ScenarioFixtures.minimal, file: "t.yaml", baseDirectory: ".")
        #expect(simulated.notes == ["timeScale 6 applies to live runs only; a simulation runs in virtual time and ignores it"])
        let auto = try ScenarioLoader.load(yaml: "timeScale: auto\n" + ScenarioFixtures.minimal, file: "t.yaml", baseDirectory: ".")
        #expect(auto.notes == ["timeScale auto applies to live runs only; a simulation runs in virtual time and ignores it"])
        let live = try ScenarioLoader.load(yaml: "mode: live\ntimeScale: 6\n" + ScenarioFixtures.minimal, file: "t.yaml", baseDirectory: ".")
        #expect(live.notes.isEmpty)
    }
}

/// `timeScale: auto`.
@Suite struct AutoTimeScaleLoadingTests {
    @Test func autoIsAcceptedInAnyModeAndMarksTheScenario() throws {
        for mode in ["live", "simulate"] {
            let s = try ScenarioLoader.load(yaml: "mode: \(mode)\ntimeScale: auto\n" + ScenarioFixtures.minimal, file: "t.yaml", baseDirectory: ".")
            #expect(s.timeScaleIsAuto && s.timeScale == 1)
        }
        let fixed = try ScenarioLoader.load(yaml: "mode: live\ntimeScale: 6\n" + ScenarioFixtures.minimal, file: "t.yaml", baseDirectory: ".")
        #expect(!fixed.timeScaleIsAuto && fixed.timeScale == 6)
    }

    @Test func anythingElseNamesBothForms() {
        #expect(ScenarioFixtures.problems("mode: live\ntimeScale: fast\n" + ScenarioFixtures.minimal) == [
            "t.yaml:2: timeScale: expected a positive number of scenario seconds per wall second, or auto, got \"fast\"",
        ])
    }
}
