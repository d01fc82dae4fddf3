import PollsterCore
import PollsterReport
import Testing

/// The one line the CLI prints when every request of a run failed.
@Suite struct FailureSummaryTests {
    static let target = "http://127.0.0.1:18099"

    /// A run of strategies that each sent `requests`, answered as given.
    static func run(_ strategies: [(requests: Int, ok200: Int, limited: Int, failures: [FailureKind: Int])]) -> RunResult {
        var result = ReportFixtures.live()
        result.strategies = strategies.enumerated().map { index, spec in
            var m = StrategyMetrics()
            m.executions = 10
            m.requests = spec.requests
            m.responses200 = spec.ok200
            m.responses429 = spec.limited
            for (kind, count) in spec.failures { m.failures.add(kind, count: count) }
            return StrategyResult(name: "s\(index)", description: "", metrics: m)
        }
        return result
    }

    @Test func everyRequestFailedNamesTheCommonestKind() {
        let result = Self.run([
            (150, 0, 0, [.connectionRefused: 140, .timeout: 10]),
            (150, 0, 0, [.connectionRefused: 150]),
        ])
        #expect(FailureSummary.allFailedLine(result, target: Self.target) == "all 300 requests to http://127.0.0.1:18099 failed: connection refused")
    }

    @Test func twoHundredsWithoutAnExecutionAreFailuresToo() {
        let result = Self.run([(12, 12, 0, [.badBody: 12])])
        #expect(FailureSummary.allFailedLine(result, target: "embedded") == "all 12 requests to embedded failed: bad body")
    }

    @Test(arguments: [
        [(requests: 10, ok200: 1, limited: 0, failures: [FailureKind.timeout: 9])],
        [(requests: 10, ok200: 0, limited: 1, failures: [FailureKind.http5xx: 9])],
        [(requests: 10, ok200: 0, limited: 0, failures: [FailureKind.dns: 10]), (requests: 5, ok200: 5, limited: 0, failures: [:])],
        [(requests: 0, ok200: 0, limited: 0, failures: [:])],
    ])
    func noLineWhenARequestSucceededOrNoneWasSent(strategies: [(requests: Int, ok200: Int, limited: Int, failures: [FailureKind: Int])]) {
        #expect(FailureSummary.allFailedLine(Self.run(strategies), target: Self.target) == nil)
    }

    @Test func noLineForTheFixturesThatGotAnswers() async {
        #expect(FailureSummary.allFailedLine(ReportFixtures.live(), target: "embedded") == nil)
        #expect(FailureSummary.allFailedLine(await ReportFixtures.simulated(), target: "embedded") == nil)
    }
}
