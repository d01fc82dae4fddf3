import Foundation
import Testing

/// executions.csv (`report.formats: [..., executions]`): one row per execution and
/// strategy, streamed during the run; the rows add up to summary.csv and the file does not
/// depend on how many jobs ran.
@Suite struct ExecutionsCSVTests {
    static func scenario(mode: String = "simulate", executions: Int = 400) -> String {
        """
        name: rows
        seed: 12
        mode: \(mode)
        timeScale: 20
        workload:
          executions: \(executions)
          arrival: { kind: poisson, rate: 8/s }
          duration: { kind: lognormal, median: 10s, p95: 40s }
          apiKeys: 4
        server:
          latency: { kind: uniform, min: 10ms, max: 40ms }
          rateLimits:
            - { scope: apiKey, algorithm: tokenBucket, rate: 2/s, burst: 4 }
        strategies:
          - { name: "fixed, 1s", kind: fixed, interval: 1s }
          - { name: expo, kind: exponential, initial: 1s, multiplier: 2, max: 20s, jitter: full }
          - { name: hook, kind: webhook, delivery: 200ms }
        client: { timeout: 30s }
        report: { formats: [csv, executions] }

        """
    }

    static func table(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        func fields(_ line: String) -> [String] {
            // Only the strategy name may be quoted here ("fixed, 1s").
            if line.hasPrefix("\"") {
                let end = line.dropFirst().firstIndex(of: "\"")!
                return [String(line[line.index(after: line.startIndex)..<end])] + line[line.index(end, offsetBy: 2)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = fields(lines[0])
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, fields($0))) }
    }

    @Test func rowsAddUpToTheSummaryAndDoNotDependOnJobs() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        try Self.scenario().write(toFile: "\(dir)/s.yaml", atomically: true, encoding: .utf8)
        for jobs in [1, 2] {
            let run = try await CommandLineTests.pollster(["simulate", "\(dir)/s.yaml", "--jobs", "\(jobs)", "--out", "\(dir)/j\(jobs)", "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let one = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/j1/executions.csv"))
        let two = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/j2/executions.csv"))
        #expect(one == two, "executions.csv depends on --jobs")
        let rows = try Self.table("\(dir)/j1/executions.csv")
        #expect(rows.count == 3 * 400)
        let summary = try Self.table("\(dir)/j1/summary.csv")
        for strategy in summary {
            let mine = rows.filter { $0["strategy"] == strategy["strategy"] }
            #expect(mine.count == 400 && Set(mine.map { $0["execution"]! }).count == 400)
            #expect(mine.reduce(0) { $0 + Int($1["polls"]!)! } == Int(strategy["requests"]!)!, "\(strategy["strategy"]!)")
            #expect(mine.reduce(0) { $0 + Int($1["requests_429"]!)! } == Int(strategy["requests_429"]!)!)
            #expect(mine.filter { $0["end"] == "detected" }.count == Int(strategy["detected"]!)!)
            #expect(mine.filter { $0["end"] == "abandoned" }.count == Int(strategy["abandoned"]!)!)
            #expect(mine.allSatisfy { $0["partial"] == "false" })
            // A detected row's lag is its detection minus its end, in ms.
            for row in mine where row["end"] == "detected" {
                let lag = (Double(row["detected_s"]!)! - Double(row["finished_s"]!)!) * 1000
                #expect(abs(lag - Double(row["detection_lag_ms"]!)!) < 0.01)
            }
        }
    }

    @Test func aLiveRunWritesItsRowsToo() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        try Self.scenario(mode: "live", executions: 60).write(toFile: "\(dir)/s.yaml", atomically: true, encoding: .utf8)
        let run = try await CommandLineTests.pollster(["run", "\(dir)/s.yaml", "--out", "\(dir)/out", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try Self.table("\(dir)/out/executions.csv")
        let summary = try Self.table("\(dir)/out/summary.csv")
        #expect(rows.count == 3 * 60)
        for strategy in summary {
            let mine = rows.filter { $0["strategy"] == strategy["strategy"] }
            #expect(mine.reduce(0) { $0 + Int($1["polls"]!)! } == Int(strategy["requests"]!)!, "\(strategy["strategy"]!)")
        }
    }
}
