import Foundation
import MockServer
import PollsterCore
import Testing
@testable import PollsterLive

/// Requests that fail, counted by kind: every failure is data, none is silent.
@Suite(.serialized) struct LiveFailureTests {
    let s = Time.seconds

    /// `count` executions created at once, never finishing, polled every second until the
    /// client gives up at 4.5 s: exactly 4 polls each. At time scale 4 the half second of
    /// margin is 125 ms of wall time, for the latencies of four polls on a busy machine.
    func scenario(count: Int) -> Scenario {
        Scenario(
            name: "failures", seed: 1, mode: .live, timeScale: 4,
            workload: Workload(executions: count, arrival: .burst(at: 0), duration: .fixed(s(3600))),
            strategies: [StrategySpec(name: "f", kind: .fixed(interval: s(1)))],
            client: ClientPolicy(timeout: Time.milliseconds(4500))
        )
    }

    func run(_ scenario: Scenario, baseURL: String, ids: [String], transport: CurlTransport) async -> StrategyMetrics {
        let clock = ScenarioClock(origin: .now + .milliseconds(50), timeScale: scenario.timeScale)
        let target = LiveTarget(baseURL: baseURL, apiKeys: ["pk"], submit: { ids[$0.index % ids.count] }, finishedAt: { _ in nil })
        let run = LiveStrategyRun(scenario: scenario, strategy: scenario.strategies[0], target: target, clock: clock,
                                  transport: transport, limits: LiveLimits(), budget: RequestBudget(limit: nil), progress: nil)
        return await run.run().metrics
    }

    @Test func everyKindOfBadAnswerIsCountedAndTheLoopGoesOn() async throws {
        let ids = ["exec_ok", "exec_truncated", "exec_html", "exec_broken", "exec_503", "exec_400"]
        let m = try await TestServer.withServer { base in
            try await withCurlTransport { transport in await run(scenario(count: ids.count), baseURL: base, ids: ids, transport: transport) }
        }
        #expect(m.requests == 24 && m.abandoned == 6 && m.detected == 0 && m.errored == 0)
        #expect(m.failures[.badBody] == 8, "truncated JSON and HTML answered 200")
        #expect(m.failures[.malformedResponse] + m.failures[.connectionReset] == 4, "\(m.failures.counts)")
        #expect(m.failures[.http5xx] == 4 && m.responses5xx == 4)
        #expect(m.failures[.otherStatus] == 4 && m.responsesOther4xx == 4)
        #expect(m.failedRequests == 20, "all but the 4 polls of exec_ok failed")
        #expect(m.responses200 == 12 && m.transportErrors == 4)
        #expect(m.timeSeries.failures.values.reduce(0) { $0 + $1.reduce(0, +) } == 20)
    }

    @Test func aDeadPortFailsEveryRequestAsConnectionRefused() async throws {
        let port = ClosedPort.make()
        let m = try await withCurlTransport { transport in
            await run(scenario(count: 5), baseURL: "http://127.0.0.1:\(port)", ids: ["exec_1"], transport: transport)
        }
        #expect(m.requests == 20 && m.abandoned == 5)
        #expect(m.failures[.connectionRefused] == 20 && m.failedRequests == 20 && m.transportErrors == 20)
        #expect(m.detectionLag.isEmpty)
    }
}
