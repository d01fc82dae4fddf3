import Foundation
import PollsterCore
import PollsterReport
import PollsterSim

/// The runs the report tests render: a small fixed-seed simulation, and a hand-made
/// result with per-execution records and awkward names.
enum ReportFixtures {
    /// Set to refresh the golden files on purpose: `POLLSTER_UPDATE_GOLDEN=1 swift test`.
    static var updating: Bool { ProcessInfo.processInfo.environment["POLLSTER_UPDATE_GOLDEN"] == "1" }

    /// Tests/PollsterReportTests/Golden/.
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// A small run against a tight per-key limit: 80 executions, three strategies.
    static func scenario(seed: UInt64 = 3) -> Scenario {
        let s = Time.seconds
        return Scenario(
            name: "golden", seed: seed,
            workload: Workload(
                executions: 80, arrival: .poisson(Rate(perSecond: 2)),
                duration: .uniform(min: s(5), max: s(40)),
                outcomes: OutcomeMix(completed: 0.9, failed: 0.1), apiKeys: 2
            ),
            server: ServerModel(
                latency: .uniform(min: Time.milliseconds(20), max: Time.milliseconds(80)),
                rateLimits: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 4), burst: 8))]
            ),
            strategies: [
                StrategySpec(name: "fixed-1s", kind: .fixed(interval: s(1))),
                StrategySpec(name: "expo-full", kind: .exponential(initial: s(1), multiplier: 2, max: s(20), jitter: .full)),
                StrategySpec(name: "docs", kind: .recommended),
            ],
            client: ClientPolicy(timeout: s(120))
        )
    }

    /// The simulated run.
    static func simulated(seed: UInt64 = 3) async -> RunResult {
        await Simulator(scenario: scenario(seed: seed), jobs: 1).run()
    }

    /// The golden run: the simulation's results.json kept under Golden/simulated/, so the report
    /// goldens change only when the report does (refreshed from the simulator on update).
    static func goldenRun() async throws -> RunResult {
        let directory = goldenDirectory.appendingPathComponent("simulated")
        let url = directory.appendingPathComponent("input-results.json")
        if updating {
            let result = await simulated()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try ResultsJSON.encode(result).write(to: url)
            return result
        }
        return try ResultsJSON.decode(Data(contentsOf: url))
    }

    /// A result built by hand: names that need quoting and escaping, per-execution records,
    /// a live target.
    static func handMade() -> RunResult {
        var info = ScenarioInfo(scenario())
        info.name = "hand <made> & \"quoted\""
        info.summary = "A result built by hand, with a target at https://api.example.com/v1 and <b>markup</b>."
        info.mode = .live
        info.target = "https://api.example.com"
        let fast = metrics(polls: 9, lag: 400_000, rateLimited: 4)
        let slow = metrics(polls: 3, lag: 2_500_000, rateLimited: 0)
        let strategies = [
            StrategyResult(name: "fast, \"eager\"", description: "every 500ms <fast>", metrics: fast),
            StrategyResult(name: "slow\nline", description: "exponential & patient", metrics: slow),
        ]
        let executions = [
            ExecutionRecord(strategy: "fast, \"eager\"", index: 0, created: 0, finished: Time.seconds(4), detected: Time.milliseconds(4400), polls: 9, responses429: 4, outcome: .completed, end: .detected),
            ExecutionRecord(strategy: "fast, \"eager\"", index: 1, created: Time.milliseconds(250), finished: Time.seconds(5), detected: nil, polls: 9, responses429: 0, outcome: .failed, end: .abandoned),
            ExecutionRecord(strategy: "slow\nline", index: 0, created: 0, finished: Time.seconds(4), detected: Time.milliseconds(6500), polls: 3, responses429: 0, outcome: .completed, end: .detected),
            ExecutionRecord(strategy: "slow\nline", index: 1, created: Time.milliseconds(250), finished: Time.seconds(5), detected: Time.milliseconds(10_000), polls: 3, responses429: 0, outcome: .cancelled, end: .detected),
        ]
        return RunResult(scenario: info, strategies: strategies, executions: executions)
    }

    /// A simulated run that stopped early, built by hand, 2 executions planned per strategy:
    /// `fast` and `slow` finished; `cut` started 1 of them and was stopped (on its partial
    /// figures it would be the cheapest and the freshest); `never` did not start.
    static func partial() -> RunResult {
        var info = ScenarioInfo(scenario())
        info.name = "partial"
        info.summary = "A run stopped early, built by hand."
        info.executions = 2
        var cut = metrics(polls: 1, lag: 100_000, rateLimited: 0)
        cut.executions = 1
        cut.detected = 1
        return RunResult(scenario: info, partial: true, strategies: [
            StrategyResult(name: "fast", description: "every 500ms", metrics: metrics(polls: 9, lag: 400_000, rateLimited: 4)),
            StrategyResult(name: "slow", description: "exponential", metrics: metrics(polls: 3, lag: 2_500_000, rateLimited: 0)),
            StrategyResult(name: "cut", description: "every 5s", metrics: cut),
            StrategyResult(name: "never", description: "every 1s", metrics: StrategyMetrics()),
        ])
    }

    /// A live run against the embedded server, built by hand: `steady` kept up and had a
    /// timeout and a refused connection; `eager` was saturated (client and server) and had
    /// timeouts; `blind` had every request refused, so it detected nothing.
    static func live() -> RunResult {
        var info = ScenarioInfo(scenario())
        info.name = "live"
        info.summary = "A live run built by hand: one saturated strategy, failed requests of two kinds, one strategy that saw nothing."
        info.mode = .live
        info.target = "embedded"
        info.timeScale = 10
        info.executions = 2

        var steady = liveMetrics(polls: 10, lag: 1_200_000, rateLimited: 1, failures: [(.timeout, 2), (.connectionRefused, 4)])
        steady.live = measurements(lateness: 600, latenessTail: 2_000, wait: 150, queue: 200, saturation: Saturation(
            causes: [], sendLatenessP99Ms: 2.0, sendLatenessLimitMs: 10, serverQueueP99Ms: 0.2, serverQueueLimitMs: 1, suggestedTimeScale: nil))

        var eager = liveMetrics(polls: 20, lag: 300_000, rateLimited: 8, failures: [(.timeout, 1), (.timeout, 3), (.timeout, 6)])
        eager.live = measurements(lateness: 21_000, latenessTail: 38_200, wait: 9_000, queue: 4_100, saturation: Saturation(
            causes: [.client, .server], sendLatenessP99Ms: 38.2, sendLatenessLimitMs: 10, serverQueueP99Ms: 4.1, serverQueueLimitMs: 2.5,
            suggestedTimeScale: 2.5))

        var blind = liveMetrics(polls: 3, lag: nil, rateLimited: 0, failures: (0..<6).map { (.connectionRefused, Double($0) / 2) })
        blind.live = measurements(lateness: 400, latenessTail: 900, wait: 3_000, queue: nil, saturation: Saturation(
            causes: [], sendLatenessP99Ms: 0.9, sendLatenessLimitMs: 10))

        return RunResult(scenario: info, strategies: [
            StrategyResult(name: "steady", description: "every 1s", metrics: steady),
            StrategyResult(name: "eager", description: "every 100ms", metrics: eager),
            StrategyResult(name: "blind", description: "every 2s", metrics: blind),
        ])
    }

    /// Two executions' live metrics: `polls` each, one request every 500 ms of scenario time;
    /// `failures` are (kind, send time in seconds), the first `rateLimited` requests are
    /// answered 429, and the rest succeed. Both executions are detected with lags `lag` and
    /// 2 `lag` (microseconds), or abandoned when `lag` is nil.
    static func liveMetrics(polls: Int, lag: UInt64?, rateLimited: Int, failures: [(kind: FailureKind, at: Double)]) -> StrategyMetrics {
        var m = StrategyMetrics()
        m.executions = 2
        m.requests = 2 * polls
        m.responses429 = rateLimited
        m.responses200 = 2 * polls - rateLimited - failures.count
        m.transportErrors = failures.filter(\.kind.isTransport).count
        for failure in failures {
            m.failures.add(failure.kind)
            m.timeSeries.addFailure(failure.kind, at: Time.seconds(failure.at))
        }
        m.pollsPerExecution.record(UInt64(polls), count: 2)
        let answered = UInt64(2 * polls - failures.count)
        if answered > 0 {
            m.latency.record(12_000, count: answered - 1)
            m.latency.record(95_000)
            m.latencyFromIntended.record(14_000, count: answered - 1)
            m.latencyFromIntended.record(130_000)
        }
        if let lag {
            m.detected = 2
            m.detectionLag.record(lag)
            m.detectionLag.record(lag * 2)
            m.timeToOutcome.record(lag + 5_000_000, count: 2)
            m.timeSeries.addDetection(at: Time.seconds(3))
        } else {
            m.abandoned = 2
        }
        for i in 0..<(2 * polls) {
            m.timeSeries.addRequest(at: Time.milliseconds(Double(i) * 500), rateLimited: i < rateLimited)
        }
        m.timeSeries.noteActive(2, until: Time.seconds(3))
        m.timeSeries.finish(activeAtEnd: 0)
        return m.canonical
    }

    /// Live measurements (microseconds of wall time): send lateness mostly `lateness` with a
    /// 2% tail at `latenessTail`, connection waits of `wait`, server queue `queue` (none
    /// without an answer from the embedded server).
    static func measurements(lateness: UInt64, latenessTail: UInt64, wait: UInt64, queue: UInt64?, saturation: Saturation) -> LiveMeasurements {
        var live = LiveMeasurements(timeScale: 10)
        live.sendLateness.record(lateness, count: 98)
        live.sendLateness.record(latenessTail, count: 2)
        live.connectionWait.record(wait, count: 100)
        if let queue { live.serverQueue.record(queue, count: 100) }
        live.pollDelay.record(1_000_000, count: 100)
        live.saturation = saturation
        return live.canonical
    }

    /// Two executions' worth of metrics: `polls` each, lags `lag` and 2 `lag` (microseconds),
    /// the first `rateLimited` requests answered 429.
    static func metrics(polls: Int, lag: UInt64, rateLimited: Int) -> StrategyMetrics {
        var m = StrategyMetrics()
        m.executions = 2
        m.detected = 2
        m.requests = 2 * polls
        m.responses429 = rateLimited
        m.responses200 = 2 * polls - rateLimited
        m.pollsPerExecution.record(UInt64(polls), count: 2)
        m.detectionLag.record(lag)
        m.detectionLag.record(lag * 2)
        m.timeToOutcome.record(lag + 5_000_000, count: 2)
        m.latency.record(40_000, count: UInt64(2 * polls))
        m.latencyFromIntended.record(40_000, count: UInt64(2 * polls - 1))
        m.latencyFromIntended.record(900_000)
        for i in 0..<(2 * polls) {
            m.timeSeries.addRequest(at: Time.milliseconds(Double(i) * 500), rateLimited: i < rateLimited)
        }
        m.timeSeries.addDetection(at: Time.seconds(3))
        m.timeSeries.noteActive(2, until: Time.seconds(3))
        m.timeSeries.finish(activeAtEnd: 0)
        return m
    }
}
