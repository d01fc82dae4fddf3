import Foundation
import Testing

/// The `pollster` executable as a user runs it: exit codes, files, signals.
@Suite(.serialized) struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built executable (SwiftPM builds it before the tests run).
    static var executable: URL {
        let candidates = [".build/debug/pollster", ".build/release/pollster"].map { root.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs pollster with `arguments` from the package root; `interruptAfter` sends SIGINT.
    static func pollster(_ arguments: [String], interruptAfter: Duration? = nil) async throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let interruptAfter {
            try await Task.sleep(for: interruptAfter)
            process.interrupt()
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
        // A live run of the quickstart takes far longer than the 3 s before Ctrl-C.
        let run = try await Self.pollster(["run", "scenarios/quickstart.yaml", "--out", dir, "--quiet"], interruptAfter: .seconds(3))
        #expect(run.status == 130, "\(run.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/results.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["partial"] as? Bool == true)
        let strategies = try #require(json["strategies"] as? [[String: Any]])
        #expect(strategies.count == 5)
        let requests = strategies.compactMap { ($0["metrics"] as? [String: Any])?["requests"] as? Int }
        #expect(requests.reduce(0, +) > 0, "the partial report holds what was measured")
        let summary = try String(contentsOfFile: "\(dir)/summary.csv", encoding: .utf8)
        #expect(summary.split(separator: "\r\n").count == 6)
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
    }
}
