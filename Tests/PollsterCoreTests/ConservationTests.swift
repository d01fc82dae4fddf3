import PollsterCore
import Testing

/// The accounting every run must balance: each law, kept and broken.
@Suite struct ConservationTests {
    /// Two executions: one detected after 3 polls (a 429 among them), one stopped after 1.
    static func balanced() -> StrategyMetrics {
        var m = StrategyMetrics(bucket: Time.seconds(1))
        m.executions = 2
        m.detected = 1
        m.stopped = 1
        m.requests = 4
        m.responses200 = 3
        m.responses429 = 1
        m.pollsPerExecution.record(3)
        m.pollsPerExecution.record(1)
        m.timeSeries.addRequest(at: 0, rateLimited: true)
        m.timeSeries.addRequest(at: Time.seconds(1), rateLimited: false)
        m.timeSeries.addRequest(at: Time.seconds(2), rateLimited: false)
        m.timeSeries.addRequest(at: Time.seconds(2), rateLimited: false)
        m.timeSeries.addDetection(at: Time.seconds(3))
        return m
    }

    @Test func balancedFiguresBreakNoLaw() {
        #expect(Conservation.violations(Self.balanced(), strategy: "s", partial: true).isEmpty)
    }

    @Test func aStoppedExecutionInACompleteRunIsAViolation() {
        #expect(Conservation.violations(Self.balanced(), strategy: "s", partial: false)
            == [Conservation.Violation(strategy: "s", law: "stopped executions in a complete run", expected: 0, found: 1)])
    }

    /// The balanced figures with one mistake of the kind `label` names.
    static func broken(_ label: String) -> StrategyMetrics {
        var m = balanced()
        switch label {
        case "an execution that never ended":
            m.executions += 1
        case "a request with no status class":
            m.responses200 -= 1
        case "a poll counted twice":
            m.pollsPerExecution.record(1)
        case "a request missing from the time series":
            m.requests += 1
            m.responses5xx += 1
            m.pollsPerExecution.record(1)
            m.executions += 1
            m.abandoned += 1
        case "a detection missing from the time series":
            m.detected += 1
            m.stopped -= 1
        default: // "a failure of one kind in the series as another"
            m.failures.add(.timeout)
            m.timeSeries.addFailure(.connectionRefused, at: 0)
        }
        return m
    }

    @Test(arguments: [
        ("an execution that never ended",
         ["s: executions = detected + abandoned + errored + stopped: expected 3, found 2",
          "s: executions = executions with a poll count: expected 3, found 2"]),
        ("a request with no status class",
         ["s: requests = 200s + 429s + other 4xx + 5xx + transport errors: expected 4, found 3"]),
        ("a poll counted twice",
         ["s: executions = executions with a poll count: expected 2, found 3",
          "s: requests = the sum of polls over executions: expected 4, found 5"]),
        ("a request missing from the time series",
         ["s: requests = the time series' requests: expected 5, found 4"]),
        ("a detection missing from the time series",
         ["s: detected = the time series' detections: expected 2, found 1"]),
        ("a failure of one kind in the series as another",
         ["s: connection_refused failures = the time series' connection_refused failures: expected 0, found 1",
          "s: timeout failures = the time series' timeout failures: expected 1, found 0"]),
    ])
    func eachBrokenLawIsNamedWithBothSides(_ label: String, _ expected: [String]) {
        #expect(Conservation.violations(Self.broken(label), strategy: "s", partial: true).map(\.description) == expected, "\(label)")
    }

    @Test func pollSumsAreCheckedOnlyWhereTheHistogramIsExact() {
        // 3000 polls of one execution: HdrHistogram's three digits round it, so the sum is
        // not checked (the count still is).
        var m = StrategyMetrics()
        m.executions = 1
        m.detected = 1
        m.requests = 3000
        m.responses200 = 3000
        m.pollsPerExecution.record(3000)
        for _ in 0..<3000 { m.timeSeries.addRequest(at: 0, rateLimited: false) }
        m.timeSeries.addDetection(at: 0)
        #expect(Conservation.violations(m, strategy: "s", partial: false).isEmpty)
    }
}
