import Foundation
import Testing

/// `pollster compare`: two runs of one scenario, before and after a change of strategy
/// parameters, with replications: what moved, its interval, and --fail-if on the change.
@Suite struct CompareCommandTests {
    static func scenario(interval: String) -> String {
        """
        name: compared
        seed: 5
        workload:
          executions: 300
          arrival: { kind: poisson, rate: 3/s }
          duration: { kind: lognormal, median: 20s, p95: 60s }
          apiKeys: 3
        server:
          latency: { kind: uniform, min: 20ms, max: 80ms }
          rateLimits:
            - { scope: apiKey, algorithm: tokenBucket, rate: 2/s, burst: 5 }
        strategies:
          - { name: fixed, kind: fixed, interval: \(interval) }
          - { name: expo, kind: exponential, initial: 1s, multiplier: 2, max: 20s, jitter: full }

        """
    }

    func runs(in dir: String) async throws {
        for (name, interval) in [("before", "2s"), ("after", "1s")] {
            try Self.scenario(interval: interval).write(toFile: "\(dir)/\(name).yaml", atomically: true, encoding: .utf8)
            let run = try await CommandLineTests.pollster(["simulate", "\(dir)/\(name).yaml", "--replications", "4", "--out", "\(dir)/\(name)", "--quiet"])
            try #require(run.status == 0, "\(run.stderr)")
        }
    }

    @Test func whatMovedIsPrintedWithItsIntervalAndWritten() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        try await runs(in: dir)
        let compare = try await CommandLineTests.pollster(["compare", "\(dir)/before/results.json", "\(dir)/after/results.json", "--out", "\(dir)/cmp"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let lines = compare.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("strategy  figure") == true, "\(compare.stdout)")
        // Polling twice as often costs more requests per execution, well beyond the noise
        // between seeds; the other strategy did not change at all.
        let fixed = try #require(lines.first { $0.hasPrefix("fixed") && $0.contains("polls_per_execution_mean") })
        #expect(fixed.hasSuffix("yes"), "\(fixed)")
        let expo = try #require(lines.first { $0.hasPrefix("expo") && $0.contains("polls_per_execution_mean") })
        #expect(expo.contains("+0.0000 (+0.0%)") || expo.contains(" 0.0000 (0.0%)") || expo.contains("0.0000"), "\(expo)")
        #expect(expo.hasSuffix("no"), "\(expo)")
        #expect(compare.stdout.contains("Intervals: Welch's t over 4 and 4 replications"))
        let csv = try String(contentsOfFile: "\(dir)/cmp/compare.csv", encoding: .utf8)
        #expect(csv.hasPrefix("strategy,figure,old,new,change,relative_change,interval_low,interval_high,moved\r\n"))
        #expect(csv.split(whereSeparator: \.isNewline).count == 1 + 2 * 8)
        let html = try String(contentsOfFile: "\(dir)/cmp/compare.html", encoding: .utf8)
        #expect(html.contains("<h2>What moved</h2>") && html.contains("class=\"up\"") && !html.contains("http"))
    }

    @Test func thresholdsJudgeTheChange() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        try await runs(in: dir)
        let args = ["compare", "\(dir)/before/results.json", "\(dir)/after/results.json", "--quiet"]
        let breached = try await CommandLineTests.pollster(args + ["--fail-if", "fixed:polls_per_execution_mean>1", "--junit", "\(dir)/j.xml"])
        #expect(breached.status == 99, "\(breached.stderr)")
        #expect(breached.stderr.contains("fixed:polls_per_execution_mean>1"), "\(breached.stderr)")
        let junit = try String(contentsOfFile: "\(dir)/j.xml", encoding: .utf8)
        #expect(junit.contains("failures=\"1\"") && junit.contains("change in polls_per_execution_mean = "))
        let kept = try await CommandLineTests.pollster(args + ["--fail-if", "expo:polls_per_execution_mean>0.01"])
        #expect(kept.status == 0, "\(kept.stderr)")
        let unknown = try await CommandLineTests.pollster(args + ["--fail-if", "fixd:rate_429>0"])
        #expect(unknown.status == 64 && unknown.stderr.contains("did you mean \"fixed\""), "\(unknown.stderr)")
    }

    @Test func singleRunsCompareWithoutIntervals() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        try Self.scenario(interval: "2s").write(toFile: "\(dir)/s.yaml", atomically: true, encoding: .utf8)
        for name in ["a", "b"] {
            let run = try await CommandLineTests.pollster(["simulate", "\(dir)/s.yaml", "--out", "\(dir)/\(name)", "--quiet"])
            try #require(run.status == 0, "\(run.stderr)")
        }
        let compare = try await CommandLineTests.pollster(["compare", "\(dir)/a/results.json", "\(dir)/b/results.json"])
        #expect(compare.status == 0)
        // The same scenario and seed: nothing changed, and there is no interval to give.
        #expect(compare.stdout.contains("No intervals: each run has 1 and 1 replication"), "\(compare.stdout)")
        #expect(!compare.stdout.contains("yes"))
    }
}
