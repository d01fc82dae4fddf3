import Foundation
import Testing

/// `--fail-if`, `thresholds:`, `--junit` and the hgrm format, end to end: exit 0 when every
/// threshold holds, 99 when one is breached (after every file is written), 64 for a bad
/// expression.
@Suite(.serialized) struct ThresholdCommandTests {
    static let scenario = """
        name: judged
        seed: 7
        workload:
          executions: 20
          arrival: { kind: poisson, rate: 2/s }
          duration: 20s
        strategies:
          - { name: fixed-1s, kind: fixed, interval: 1s }
          - { name: fixed-5s, kind: fixed, interval: 5s }
        report:
          formats: [csv, json, html, hgrm]
        thresholds:
          - fixed-5s:polls_per_execution_mean>1000

        """

    /// A folder with the scenario in it, as `s.yaml`.
    static func folder() throws -> String {
        let dir = CommandLineTests.temporaryDirectory()
        try scenario.write(toFile: "\(dir)/s.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    /// summary.csv's `column` for each strategy, by name.
    static func summary(_ dir: String, _ column: String) throws -> [String: String] {
        let lines = try String(contentsOfFile: "\(dir)/summary.csv", encoding: .utf8).split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let index = try #require(lines[0].firstIndex(of: column))
        return Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[0], $0[index]) })
    }

    @Test func passingThresholdsExitZeroAndAreRecorded() async throws {
        let dir = try Self.folder()
        let run = try await CommandLineTests.pollster(["simulate", "\(dir)/s.yaml", "--out", "\(dir)/out", "--fail-if", "rate_429>0.5", "--junit", "\(dir)/junit.xml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasSuffix("thresholds: all 2 passed\n"), "\(run.stderr)")
        #expect(!run.stderr.contains("breached"))
        let results = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/out/results.json"))) as? [String: Any]
        let thresholds = try #require(results?["thresholds"] as? [[String: Any]])
        #expect(thresholds.map { $0["breached"] as? Bool } == [false, false])
        #expect(thresholds.compactMap { ($0["threshold"] as? [String: Any])?["expression"] as? String } == ["fixed-5s:polls_per_execution_mean>1000", "rate_429>0.5"])
        let junit = try String(contentsOfFile: "\(dir)/junit.xml", encoding: .utf8)
        #expect(junit.contains(#"<testsuite name="pollster thresholds" tests="3" failures="0" errors="0" skipped="0" time="0">"#), "\(junit)")
        let html = try String(contentsOfFile: "\(dir)/out/report.html", encoding: .utf8)
        #expect(html.contains("<p><strong>thresholds: all 2 passed</strong>. "))
        // The hgrm format: latency and lag per strategy, HdrHistogram's header first.
        for name in ["latency-fixed-1s", "lag-fixed-1s", "latency-fixed-5s", "lag-fixed-5s"] {
            let text = try String(contentsOfFile: "\(dir)/out/\(name).hgrm", encoding: .utf8)
            #expect(text.hasPrefix("       Value     Percentile TotalCount 1/(1-Percentile)\n\n"), "\(name)")
            #expect(text.contains("#[Buckets = "), "\(name)")
        }
    }

    @Test func aBreachedThresholdExits99AfterWritingEverything() async throws {
        let dir = try Self.folder()
        let first = try await CommandLineTests.pollster(["simulate", "\(dir)/s.yaml", "--out", "\(dir)/first", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let requests = try Self.summary("\(dir)/first", "requests")
        let fast = try #require(requests["fixed-1s"]), slow = try #require(requests["fixed-5s"])
        #expect(try #require(Int(fast)) > Int(slow)!)

        // Equal to the limit breaches >=; all: holds while fixed-5s stays under the limit.
        let run = try await CommandLineTests.pollster([
            "simulate", "\(dir)/s.yaml", "--out", "\(dir)/out", "--quiet", "--junit", "\(dir)/junit.xml",
            "--fail-if", "fixed-1s:requests>=\(fast)", "--fail-if", "all:requests>\(slow)",
        ])
        #expect(run.status == 99, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "threshold breached: fixed-1s:requests>=\(fast) (strategy fixed-1s): fixed-1s requests = \(fast)\n")
        for file in ["summary.csv", "results.json", "report.html", "lag-fixed-5s.hgrm"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/out/\(file)"), "\(file)")
        }
        let junit = try String(contentsOfFile: "\(dir)/junit.xml", encoding: .utf8)
        #expect(junit == """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="pollster" tests="4" failures="1" errors="0" skipped="0" time="0">
            <testsuite name="pollster thresholds" tests="4" failures="1" errors="0" skipped="0" time="0">
              <testcase name="fixed-5s:polls_per_execution_mean&gt;1000 [fixed-5s]" classname="pollster.judged" time="0">
                <system-out>strategy fixed-5s: polls_per_execution_mean = \(try Self.summary("\(dir)/out", "polls_per_execution_mean")["fixed-5s"]!)</system-out>
              </testcase>
              <testcase name="fixed-1s:requests&gt;=\(fast) [fixed-1s]" classname="pollster.judged" time="0">
                <failure message="requests = \(fast); breaches fixed-1s:requests&gt;=\(fast) (strategy fixed-1s)" type="threshold">requests = \(fast); breaches fixed-1s:requests&gt;=\(fast) (strategy fixed-1s)</failure>
                <system-out>strategy fixed-1s: requests = \(fast)</system-out>
              </testcase>
              <testcase name="all:requests&gt;\(slow) [fixed-1s]" classname="pollster.judged" time="0">
                <system-out>strategy fixed-1s: requests = \(fast); over the limit, but all:requests&gt;\(slow) fails the run only when every strategy is</system-out>
              </testcase>
              <testcase name="all:requests&gt;\(slow) [fixed-5s]" classname="pollster.judged" time="0">
                <system-out>strategy fixed-5s: requests = \(slow)</system-out>
              </testcase>
            </testsuite>
            </testsuites>

            """)
        // The written file is valid JUnit XML by the schema in Tests/Schemas (xmlschema).
        try Self.validate(junit: "\(dir)/junit.xml")

        // pollster report judges a saved run anew, with the same exit status.
        let report = try await CommandLineTests.pollster(["report", "\(dir)/first/results.json", "--out", "\(dir)/again", "--fail-if", "requests>0"])
        #expect(report.status == 99, "\(report.stderr)")
        #expect(report.stderr.contains("threshold breached: requests>0 (any strategy): fixed-1s requests = \(fast), fixed-5s requests = \(slow)\n"))
        let same = try await CommandLineTests.pollster(["report", "\(dir)/first/results.json", "--out", "\(dir)/same"])
        #expect(same.status == 0, "\(same.stderr)")
    }

    @Test func aBadExpressionIsOneLineAndExit64() async throws {
        let dir = try Self.folder()
        let metric = try await CommandLineTests.pollster(["simulate", "\(dir)/s.yaml", "--out", "\(dir)/out", "--fail-if", "rate429>0.01"])
        #expect(metric.status == 64)
        #expect(metric.stderr.hasPrefix("error: --fail-if \"rate429>0.01\": unknown metric \"rate429\" (did you mean \"rate_429\"?); known: executions, detected, requests, "))
        #expect(metric.stderr.filter { $0 == "\n" }.count == 1)
        let strategy = try await CommandLineTests.pollster(["simulate", "\(dir)/s.yaml", "--out", "\(dir)/out", "--fail-if", "fixed-2s:rate_429>0.01"])
        #expect(strategy.status == 64)
        #expect(strategy.stderr == "error: --fail-if \"fixed-2s:rate_429>0.01\": unknown strategy \"fixed-2s\" (did you mean \"fixed-1s\"?); the scenario's strategies: fixed-1s, fixed-5s (or any:, all:)\n")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out"))
    }

    @Test func aBadScenarioThresholdNamesFileLineAndIndex() async throws {
        let dir = try Self.folder()
        let bad = Self.scenario.replacingOccurrences(of: "  - fixed-5s:polls_per_execution_mean>1000\n", with: "  - rate_429>0.01\n  - fixed-5s:polls>1\n  - expo: rate_429>1\n")
        try bad.write(toFile: "\(dir)/bad.yaml", atomically: true, encoding: .utf8)
        let result = try await CommandLineTests.pollster(["simulate", "\(dir)/bad.yaml", "--out", "\(dir)/out"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: \(dir)/bad.yaml:14: thresholds[1]: \"fixed-5s:polls>1\": unknown metric \"polls\"; known: "), "\(result.stderr)")
        #expect(result.stderr.contains("error: \(dir)/bad.yaml:15: thresholds[2]: expected a threshold such as rate_429>0.01, got a mapping (write STRATEGY:METRIC with no space after the colon, or quote the whole threshold)\n"), "\(result.stderr)")
    }

    /// Runs scripts/validate-junit.sh on `junit`; where xmlschema cannot be installed, only
    /// CI fails (CI=true), elsewhere the check is skipped with a note.
    static func validate(junit: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CommandLineTests.root.appendingPathComponent("scripts/validate-junit.sh").path, junit]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 2 && ProcessInfo.processInfo.environment["CI"] != "true" {
            print("note: JUnit schema check skipped: \(message)")
            return
        }
        #expect(process.terminationStatus == 0, "scripts/validate-junit.sh \(junit): \(message)")
    }
}
