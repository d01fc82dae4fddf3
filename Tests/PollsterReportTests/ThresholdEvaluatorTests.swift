import Foundation
import PollsterCore
import PollsterReport
import Testing

/// Thresholds judged on fixed figures: every scope, values equal to the limit, figures that
/// were not measured, and what results.json, JUnit and report.html say about them.
@Suite struct ThresholdEvaluatorTests {
    /// a: 100 requests, 1 429 (rate 0.01), lag 5000 ms; b: 200 requests, 4 429s (0.02), lag
    /// 2000 ms; c: 50 requests, no 429s, nothing detected (no lag).
    static func result() -> RunResult {
        func metrics(requests: Int, rateLimited: Int, lag: UInt64?) -> StrategyMetrics {
            var m = StrategyMetrics()
            m.executions = 10
            m.requests = requests
            m.responses429 = rateLimited
            m.responses200 = requests - rateLimited
            if let lag {
                m.detected = 1
                m.detectionLag.record(lag)
            }
            return m
        }
        var info = ScenarioInfo(ReportFixtures.scenario())
        info.name = "judged"
        return RunResult(scenario: info, strategies: [
            StrategyResult(name: "a", description: "a", metrics: metrics(requests: 100, rateLimited: 1, lag: 5_000_000)),
            StrategyResult(name: "b", description: "b", metrics: metrics(requests: 200, rateLimited: 4, lag: 2_000_000)),
            StrategyResult(name: "c", description: "c", metrics: metrics(requests: 50, rateLimited: 0, lag: nil)),
        ])
    }

    static func evaluate(_ text: String) throws -> ThresholdResult {
        try #require(ThresholdEvaluator.evaluate([Threshold(parsing: text)], on: result()).first)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var text: String
        /// Each covered strategy's figure and whether it is over the limit.
        var checks: [(String, Double?, Bool)]
        var breached: Bool
        var testDescription: String { text }
    }

    static let rows: [Row] = [
        // Equal to the limit is not over it for >, and is for >=.
        Row(text: "rate_429>0.01", checks: [("a", 0.01, false), ("b", 0.02, true), ("c", 0, false)], breached: true),
        Row(text: "rate_429>=0.01", checks: [("a", 0.01, true), ("b", 0.02, true), ("c", 0, false)], breached: true),
        Row(text: "rate_429>0.02", checks: [("a", 0.01, false), ("b", 0.02, false), ("c", 0, false)], breached: false),
        Row(text: "any:requests<50", checks: [("a", 100, false), ("b", 200, false), ("c", 50, false)], breached: false),
        Row(text: "any:requests<=50", checks: [("a", 100, false), ("b", 200, false), ("c", 50, true)], breached: true),
        // all: only when every strategy is over.
        Row(text: "all:rate_429>=0.01", checks: [("a", 0.01, true), ("b", 0.02, true), ("c", 0, false)], breached: false),
        Row(text: "all:requests>=50", checks: [("a", 100, true), ("b", 200, true), ("c", 50, true)], breached: true),
        Row(text: "all:requests!=100", checks: [("a", 100, false), ("b", 200, true), ("c", 50, true)], breached: false),
        // One strategy.
        Row(text: "b:detection_lag_ms_p99<=2000", checks: [("b", 2000, true)], breached: true),
        Row(text: "b:detection_lag_ms_p99<2000", checks: [("b", 2000, false)], breached: false),
        Row(text: "a:detection_lag_ms_p99==5000", checks: [("a", 5000, true)], breached: true),
        Row(text: "a:polls_per_execution_mean>10", checks: [("a", 10, false)], breached: false),
        // Not measured counts as over: a gate that cannot be checked fails.
        Row(text: "detection_lag_ms_p99>5000", checks: [("a", 5000, false), ("b", 2000, false), ("c", nil, true)], breached: true),
        Row(text: "all:detection_lag_ms_p50>1000", checks: [("a", 5000, true), ("b", 2000, true), ("c", nil, true)], breached: true),
    ]

    @Test(arguments: rows)
    func judges(_ row: Row) throws {
        let evaluated = try Self.evaluate(row.text)
        #expect(evaluated.checks.map(\.strategy) == row.checks.map(\.0))
        #expect(evaluated.checks.map(\.actual) == row.checks.map(\.1))
        #expect(evaluated.checks.map(\.exceeds) == row.checks.map(\.2))
        #expect(evaluated.breached == row.breached)
        #expect(evaluated.failures.map(\.strategy) == (row.breached ? row.checks.filter(\.2).map(\.0) : []))
    }

    @Test func resultsJSONKeepsThemAndStaysAsBeforeWithoutThem() throws {
        let plain = Self.result()
        let plainJSON = String(decoding: try ResultsJSON.encode(plain), as: UTF8.self)
        #expect(!plainJSON.contains("\"thresholds\""))
        #expect(try ResultsJSON.decode(Data(plainJSON.utf8)).thresholds == nil)

        let judged = ThresholdEvaluator.judged(plain, by: [try Threshold(parsing: "b:rate_429>0.01")])
        let data = try ResultsJSON.encode(judged)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""thresholds":[{"breached":true,"checks":[{"actual":0.02,"exceeds":true,"strategy":"b"}],"threshold":{"comparison":">","expression":"b:rate_429>0.01","limit":0.01,"metric":"rate_429","scope":"strategy:b"}}]"#), "\(text)")
        #expect(try ResultsJSON.decode(data) == judged)
        #expect(ThresholdEvaluator.judged(plain, by: []).thresholds == nil)
    }

    @Test func consoleLines() throws {
        let results = ThresholdEvaluator.evaluate(try ["rate_429>=0.01", "all:rate_429>=0.01", "detection_lag_ms_p99>5000"].map(Threshold.init(parsing:)), on: Self.result())
        #expect(ThresholdLines.breaches(results) == [
            "threshold breached: rate_429>=0.01 (any strategy): a rate_429 = 0.010000, b rate_429 = 0.020000",
            "threshold breached: detection_lag_ms_p99>5000 (any strategy): c detection_lag_ms_p99 = not measured",
        ])
        #expect(ThresholdLines.tally(results) == "thresholds: 2 of 3 breached")
        #expect(ThresholdLines.tally(Array(results[1...1])) == "thresholds: the 1 passed")
    }

    @Test func junitHasATestcasePerThresholdAndStrategy() throws {
        let judged = ThresholdEvaluator.judged(Self.result(), by: try ["rate_429>0.01", "all:requests>=100"].map(Threshold.init(parsing:)))
        #expect(JUnitReport.render(judged) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="pollster" tests="6" failures="1" errors="0" skipped="0" time="0">
            <testsuite name="pollster thresholds" tests="6" failures="1" errors="0" skipped="0" time="0">
              <testcase name="rate_429&gt;0.01 [a]" classname="pollster.judged" time="0">
                <system-out>strategy a: rate_429 = 0.010000</system-out>
              </testcase>
              <testcase name="rate_429&gt;0.01 [b]" classname="pollster.judged" time="0">
                <failure message="rate_429 = 0.020000; breaches rate_429&gt;0.01 (any strategy)" type="threshold">rate_429 = 0.020000; breaches rate_429&gt;0.01 (any strategy)</failure>
                <system-out>strategy b: rate_429 = 0.020000</system-out>
              </testcase>
              <testcase name="rate_429&gt;0.01 [c]" classname="pollster.judged" time="0">
                <system-out>strategy c: rate_429 = 0.000000</system-out>
              </testcase>
              <testcase name="all:requests&gt;=100 [a]" classname="pollster.judged" time="0">
                <system-out>strategy a: requests = 100; over the limit, but all:requests&gt;=100 fails the run only when every strategy is</system-out>
              </testcase>
              <testcase name="all:requests&gt;=100 [b]" classname="pollster.judged" time="0">
                <system-out>strategy b: requests = 200; over the limit, but all:requests&gt;=100 fails the run only when every strategy is</system-out>
              </testcase>
              <testcase name="all:requests&gt;=100 [c]" classname="pollster.judged" time="0">
                <system-out>strategy c: requests = 50</system-out>
              </testcase>
            </testsuite>
            </testsuites>

            """)
    }

    @Test func reportHTMLShowsTheBoxOnlyWhenJudged() throws {
        let plain = try HTMLReport.render(Self.result())
        #expect(!plain.contains("Thresholds"))
        let judged = try HTMLReport.render(ThresholdEvaluator.judged(Self.result(), by: [try Threshold(parsing: "b:rate_429>0.01")]))
        #expect(judged.contains(#"<section class="thresholds breached" aria-label="Thresholds" role="alert">"#))
        #expect(judged.contains("<p><strong>thresholds: 1 of 1 breached</strong>: the run fails (exit status 99)."))
        #expect(judged.contains(#"<tr><td><code>b:rate_429&gt;0.01</code></td><td>strategy b</td><td>b</td><td class="num">0.020000</td><td class="fail">FAIL</td></tr>"#))
        // Without thresholds the page is what it was: the box and its style are absent.
        #expect(!plain.contains(".thresholds"))
    }

    @Test func hgrmIsHdrHistogramsPercentileDistribution() {
        var histogram = MetricHistogram()
        for value in 1...4 { histogram.record(UInt64(value) * 1000) }
        // 3000 and 4000 us fall in buckets 2 us wide (past 2048 us at 3 digits), whose highest
        // equivalent values HdrHistogram prints: 3.001 and 4.001 ms.
        #expect(HgrmFile.render(histogram) == """
                   Value     Percentile TotalCount 1/(1-Percentile)

                   1.000 0.000000000000          1           1.00
                   1.000 0.100000000000          1           1.11
                   1.000 0.200000000000          1           1.25
                   2.000 0.300000000000          2           1.43
                   2.000 0.400000000000          2           1.67
                   2.000 0.500000000000          2           2.00
                   3.001 0.550000000000          3           2.22
                   3.001 0.600000000000          3           2.50
                   3.001 0.650000000000          3           2.86
                   3.001 0.700000000000          3           3.33
                   3.001 0.750000000000          3           4.00
                   4.001 0.775000000000          4           4.44
                   4.001 1.000000000000          4
            #[Mean    =        2.501, StdDeviation   =        1.118]
            #[Max     =        4.001, Total count    =            4]
            #[Buckets =            2, SubBuckets     =         2048]

            """)
    }
}
