import Foundation
import Testing

/// The `pollster` executable as a user runs it: exit codes, files, signals.
@Suite(.serialized) struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built executable: SwiftPM builds it beside the test bundle before the tests run,
    /// in whatever configuration and scratch folder the tests were built in.
    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("pollster")
        let candidates = [beside] + [".build/debug/pollster", ".build/release/pollster"].map { root.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs pollster with `arguments` from the package root; `interruptAfter` sends SIGINT,
    /// and `againAfter` a second one that much later; `environment` adds variables to the
    /// inherited ones.
    static func pollster(
        _ arguments: [String], interruptAfter: Duration? = nil, againAfter: Duration? = nil, environment: [String: String] = [:]
    ) async throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let interruptAfter {
            try await Task.sleep(for: interruptAfter)
            process.interrupt()
            if let againAfter {
                try await Task.sleep(for: againAfter)
                process.interrupt()
            }
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "pollster-cli-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentBytes() async throws {
        let dir = Self.temporaryDirectory()
        for (name, seed) in [("a", "5"), ("b", "5"), ("c", "6")] {
            let run = try await Self.pollster(["run", "scenarios/tight-limits.yaml", "--mode", "simulate", "--seed", seed, "--out", "\(dir)/\(name)", "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        func read(_ run: String, _ file: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(run)/\(file)")) }
        for file in ["summary.csv", "results.json"] {
            #expect(try read("a", file) == read("b", file), "\(file) differs between two runs with the same seed")
            #expect(try read("a", file) != read("c", file), "\(file) is the same for different seeds")
        }
    }

    @Test func validateReportsEveryProblemAndExitsNonZero() async throws {
        let good = try await Self.pollster(["validate", "scenarios/quickstart.yaml"])
        #expect(good.status == 0 && good.stdout.hasPrefix("ok: scenarios/quickstart.yaml"))
        let dir = Self.temporaryDirectory()
        let bad = "\(dir)/bad.yaml"
        try "name: bad\nworkload:\n  executions: 0\n  arival: { kind: poisson, rate: 1/s }\n  duration: 2x\nstrategies: []\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try await Self.pollster(["validate", bad])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 4, "\(result.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix(bad + ":") })
        #expect(result.stderr.contains("workload.arival") && result.stderr.contains("workload.duration") && result.stderr.contains("strategies"))
    }

    @Test func interruptedRunWritesAPartialReport() async throws {
        let dir = Self.temporaryDirectory()
        // A live run of the quickstart takes far longer than the 3 s before Ctrl-C (a fixed
        // time scale: no calibration before the run).
        let run = try await Self.pollster(["run", "scenarios/quickstart.yaml", "--out", dir, "--quiet", "--time-scale", "6"], interruptAfter: .seconds(3))
        #expect(run.status == 130, "\(run.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/results.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["partial"] as? Bool == true)
        let strategies = try #require(json["strategies"] as? [[String: Any]])
        #expect(strategies.count == 5)
        let requests = strategies.compactMap { ($0["metrics"] as? [String: Any])?["requests"] as? Int }
        #expect(requests.reduce(0, +) > 0, "the partial report holds what was measured")
        let summary = try String(contentsOfFile: "\(dir)/summary.csv", encoding: .utf8)
        let rows = summary.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 6)
        // The executions cut off by Ctrl-C are counted: the endings add up to the executions.
        let column = { (row: [String], name: String) in Int(row[rows[0].firstIndex(of: name)!]) ?? -1 }
        for row in rows.dropFirst() {
            #expect(column(row, "executions") == column(row, "detected") + column(row, "abandoned") + column(row, "errors") + column(row, "stopped"), "\(row)")
        }
        #expect(rows.dropFirst().contains { column($0, "stopped") > 0 }, "a run stopped after 3 s cuts executions off")
    }

    @Test func aSecondCtrlCQuitsAtOnceAndStillLeavesAValidPartialReport() async throws {
        let dir = Self.temporaryDirectory()
        // The second Ctrl-C comes 50 ms after the first, inside the second the first gives
        // requests in flight to finish: the run is quit and the report holds what had ended.
        let run = try await Self.pollster(["run", "scenarios/quickstart.yaml", "--out", dir, "--time-scale", "6"],
                                          interruptAfter: .seconds(3), againAfter: .milliseconds(50))
        #expect(run.status == 130, "\(run.stderr)")
        #expect(run.stderr.contains("quit: the report holds what had ended;"), "\(run.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/results.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["partial"] as? Bool == true)
        #expect(FileManager.default.fileExists(atPath: "\(dir)/report.html"))
        let summary = try String(contentsOfFile: "\(dir)/summary.csv", encoding: .utf8)
        let rows = summary.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 6)
        let column = { (row: [String], name: String) in Int(row[rows[0].firstIndex(of: name)!]) ?? -1 }
        for row in rows.dropFirst() {
            #expect(column(row, "executions") == column(row, "detected") + column(row, "abandoned") + column(row, "errors") + column(row, "stopped"), "\(row)")
            #expect(column(row, "requests") == column(row, "requests_200") + column(row, "requests_429")
                    + column(row, "requests_other_4xx") + column(row, "requests_5xx") + column(row, "transport_errors"), "\(row)")
        }
        #expect(rows.dropFirst().contains { column($0, "stopped") > 0 })
    }

    @Test(arguments: ["run", "simulate", "validate", "serve"])
    func everyCommandHasHelpWithAnExample(_ command: String) async throws {
        let help = try await Self.pollster([command, "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("pollster \(command)"), "\(help.stdout)")
    }

    @Test func badFlagsGiveAClearErrorAndUsageExitCode() async throws {
        let result = try await Self.pollster(["run", "scenarios/quickstart.yaml", "--replications", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--replications"))
        let missing = try await Self.pollster(["run", "scenarios/nope.yaml"])
        #expect(missing.status == 1 && missing.stderr.contains("scenarios/nope.yaml"))
        let threads = try await Self.pollster(["run", "scenarios/quickstart.yaml", "--client-threads", "0"])
        #expect(threads.status == 64 && threads.stderr.contains("--client-threads must be at least 1, got 0"), "\(threads.stderr)")
        let scale = try await Self.pollster(["run", "scenarios/quickstart.yaml", "--time-scale", "fast"])
        #expect(scale.status == 64 && scale.stderr.contains("--time-scale must be a positive number or auto, got fast"), "\(scale.stderr)")
    }

    @Test func aLiveRunWhoseEveryRequestFailsWritesItsReportAndSaysWhy() async throws {
        // Port 1 of loopback: nothing listens there, so every connection is refused. Ten
        // executions poll at 1 s and 2 s and give up at 2.5 s: 20 requests, all failed.
        let dir = Self.temporaryDirectory()
        try "exec_1\n".write(toFile: "\(dir)/ids.txt", atomically: true, encoding: .utf8)
        try """
            name: dead-port
            mode: live
            target: http://127.0.0.1:1
            apiKeyEnv: POLLSTER_CLI_TEST_KEY
            live: { executionIds: ids.txt }
            workload: { executions: 10, arrival: { kind: burst, at: 0s }, duration: 1h }
            strategies: [{ name: every-1s, kind: fixed, interval: 1s }]
            client: { timeout: 2500ms }
            """.write(toFile: "\(dir)/dead.yaml", atomically: true, encoding: .utf8)
        let run = try await Self.pollster(["run", "\(dir)/dead.yaml", "--out", "\(dir)/out", "--quiet"],
                                          environment: ["POLLSTER_CLI_TEST_KEY": "pk_cli_test_not_a_secret"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("error: all 20 requests to http://127.0.0.1:1 failed: connection refused"), "\(run.stderr)")
        let summary = try String(contentsOfFile: "\(dir)/out/summary.csv", encoding: .utf8)
        let rows = summary.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let column = { (name: String) in rows[1][rows[0].firstIndex(of: name)!] }
        #expect(column("failures_connection_refused") == "20" && column("failed_requests") == "20")
        #expect(column("detection_lag_ms_p50") == "" && column("detection_lag_ms_p99") == "", "no lag when nothing was detected")
        #expect(FileManager.default.fileExists(atPath: "\(dir)/out/report.html"))
    }

    @Test func aRemoteRunStoppedBeforeAStrategyNamesItAsNotRun() async throws {
        // Against a real API the strategies run one after another; a cap of 5 requests is
        // spent by the first, so the second never starts, and every file says so.
        let dir = Self.temporaryDirectory()
        try "exec_1\n".write(toFile: "\(dir)/ids.txt", atomically: true, encoding: .utf8)
        try """
            name: capped
            mode: live
            target: http://127.0.0.1:1
            apiKeyEnv: POLLSTER_CLI_TEST_KEY
            live: { executionIds: ids.txt }
            workload: { executions: 10, arrival: { kind: burst, at: 0s }, duration: 1h }
            strategies: [{ name: first, kind: fixed, interval: 1s }, { name: second, kind: fixed, interval: 1s }]
            client: { timeout: 2500ms }
            """.write(toFile: "\(dir)/capped.yaml", atomically: true, encoding: .utf8)
        let run = try await Self.pollster(["run", "\(dir)/capped.yaml", "--out", "\(dir)/out", "--quiet", "--max-requests", "5"],
                                          environment: ["POLLSTER_CLI_TEST_KEY": "pk_cli_test_not_a_secret"])
        #expect(run.status != 0, "\(run.stderr)")
        let summary = try String(contentsOfFile: "\(dir)/out/summary.csv", encoding: .utf8)
        let rows = summary.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        try #require(rows.count == 3, "\(summary)")
        let column = { (row: Int, name: String) in rows[row][rows[0].firstIndex(of: name)!] }
        #expect(column(1, "strategy") == "first" && column(1, "status") == "stopped" && column(1, "partial") == "true")
        #expect(column(2, "strategy") == "second" && column(2, "status") == "not_run" && column(2, "executions") == "0")
    }

    @Test func aSaturatedRunWarnsAndFailsOnlyWithStrict() async throws {
        // 3000 executions polling at once every 100 ms of scenario time at scale 200:
        // herds no machine serves without queueing.
        let dir = Self.temporaryDirectory()
        try """
            name: herd
            mode: live
            timeScale: 200
            workload: { executions: 3000, arrival: { kind: burst, at: 0s }, duration: 2s }
            server: { latency: 10ms }
            strategies: [{ name: herd, kind: fixed, interval: 100ms, initialDelay: 0s }]
            """.write(toFile: "\(dir)/herd.yaml", atomically: true, encoding: .utf8)
        let lenient = try await Self.pollster(["run", "\(dir)/herd.yaml", "--out", "\(dir)/a", "--quiet"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("warning: saturated: herd: "), "\(lenient.stderr)")
        // Simultaneous requests stay simultaneous at any scale: the remedy is less load.
        #expect(lenient.stderr.contains("remedy: lower the load"), "\(lenient.stderr)")
        let strict = try await Self.pollster(["run", "\(dir)/herd.yaml", "--out", "\(dir)/b", "--quiet", "--strict"])
        #expect(strict.status == 3, "\(strict.stderr)")
        let summary = try String(contentsOfFile: "\(dir)/b/summary.csv", encoding: .utf8)
        #expect(summary.contains(",true,"), "summary.csv marks the run saturated")
    }
}
