import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What a new user meets first: error messages (exact text), `--version`, help examples
/// that survive an 80-column terminal, a simulated scenario that still says `timeScale`.
@Suite(.serialized) struct FirstHourTests {
    static func pollster(_ arguments: [String], _ interruptAfter: Duration?, _ environment: [String: String]) async throws -> CommandLineTests.Outcome {
        try await CommandLineTests.pollster(arguments, interruptAfter: interruptAfter, environment: environment)
    }
    static let commands = ["run", "simulate", "report", "validate", "serve", "sweep", "tune", "capacity", "merge", "probe"]

    @Test func versionIsPrinted() async throws {
        let result = try await Self.pollster(["--version"], nil, [:])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test(arguments: [
        (["simulate", "scenarios/tight-limits.yaml", "--replications", "-1"], "error: --replications must be at least 1, got -1"),
        (["simulate", "scenarios/tight-limits.yaml", "--replications=-3"], "error: --replications must be at least 1, got -3"),
        (["run", "scenarios/quickstart.yaml", "--jobs", "-2"], "error: --jobs must be at least 1, got -2"),
        (["serve", "--port", "-5"], "error: --port must be 0-65535, got -5"),
        (["serve", "--port", "70000"], "error: --port must be 0-65535, got 70000"),
        (["run", "scenarios/quickstart.yaml", "--bogus"], "error: Unknown option '--bogus'. Did you mean '--out'?"),
        (["validate"], "error: give at least one scenario file, e.g. pollster validate scenarios/quickstart.yaml"),
    ])
    func badFlagsGiveOneLowerCaseErrorLine(_ arguments: [String], _ expected: String) async throws {
        let result = try await Self.pollster(arguments, nil, [:])
        #expect(result.status == 64, "\(result.stderr)")
        let first = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
        #expect(first == expected, "\(result.stderr)")
        #expect(!result.stderr.contains("Error:"))
    }

    @Test func serveOnAPortInUseSaysSoAndWhatToDo() async throws {
        let (descriptor, port) = try Self.listeningSocket()
        defer { close(descriptor) }
        let result = try await Self.pollster(["serve", "--port", String(port)], nil, [:])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot listen on 127.0.0.1:\(port): the port is in use; choose another with --port N, or --port 0 for a free one\n")
        #expect(result.stdout.isEmpty, "no banner for a server that never started: \(result.stdout)")
    }

    @Test func serveStartsWithItsBannerAndNoFrameworkLogLine() async throws {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", "--port", "0", "--time-scale", "10"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The banner is written at once, in one write, when the server listens.
        var banner = Data()
        while !String(decoding: banner, as: UTF8.self).contains("stop with Ctrl-C") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner.append(chunk)
        }
        process.interrupt()
        let rest = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = String(decoding: banner + rest, as: UTF8.self).split(separator: "\n")
        #expect(lines.first?.hasPrefix("pollster mock API listening on http://127.0.0.1:") == true, "\(lines)")
        #expect(lines.contains { $0.contains("are scenario seconds: divide by 10 for wall seconds") }, "\(lines)")
        #expect(!stderr.contains("Server started"), "\(stderr)")
        #expect(process.terminationStatus == 0, "\(stderr)")
    }

    @Test(arguments: [nil] + commands)
    func helpExamplesFitEightyColumns(_ command: String?) async throws {
        let arguments = (command.map { [$0] } ?? []) + ["--help"]
        let narrow = try await Self.pollster(arguments, nil, ["COLUMNS": "80"])
        let wide = try await Self.pollster(arguments, nil, ["COLUMNS": "400"])
        #expect(narrow.status == 0 && wide.status == 0)
        let examples = { (help: String) -> [Substring] in
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
            guard let start = lines.firstIndex(where: { $0.hasPrefix("Example") }) else { return [] }
            return Array(lines[start...].prefix { !$0.isEmpty })
        }
        let (shown, unwrapped) = (examples(narrow.stdout), examples(wide.stdout))
        #expect(shown.count > 1, "\(command ?? "pollster") --help has examples")
        // Unwrapped at 80 columns: the same lines as on a wide terminal, none longer than 80.
        #expect(shown == unwrapped, "\(shown)")
        #expect(shown.allSatisfy { $0.count <= 80 }, "\(shown.filter { $0.count > 80 })")
        // Every example is a whole command: a line that goes on ends with a backslash.
        for (line, next) in zip(shown.dropFirst(), shown.dropFirst(2)) where !line.hasSuffix("\\") {
            #expect(next.trimmingCharacters(in: .whitespaces).hasPrefix("pollster") || next.trimmingCharacters(in: .whitespaces).hasPrefix("curl"), "\(line) / \(next)")
        }
    }

    @Test func aSimulatedQuickstartRunsAndNotesItsTimeScale() async throws {
        // The quickstart's comment invites changing `mode: live` to `simulate`.
        let dir = CommandLineTests.temporaryDirectory()
        let text = try String(contentsOfFile: CommandLineTests.root.appendingPathComponent("scenarios/quickstart.yaml").path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "mode: live ", with: "mode: simulate ")
        #expect(edited != text)
        try edited.write(toFile: "\(dir)/quickstart.yaml", atomically: true, encoding: .utf8)
        let result = try await Self.pollster(["run", "\(dir)/quickstart.yaml", "--out", "\(dir)/out"], nil, [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("note: timeScale auto applies to live runs only; a simulation runs in virtual time and ignores it\n"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(dir)/out/report.html"))
        // Where the files went comes first, in one line; the console ends with the answer.
        #expect(result.stderr.hasSuffix("wrote \(dir)/out/: summary.csv, timeseries.csv, latency.csv, lag.csv, report.html, results.json\n"), "\(result.stderr)")
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("No strategy stays under a 429 budget of 5.0% of requests (pollster's default budget); the lowest 429 rate is "), "\(result.stdout)")
        let validated = try await Self.pollster(["validate", "\(dir)/quickstart.yaml"], nil, [:])
        #expect(validated.status == 0)
        #expect(validated.stderr == "note: \(dir)/quickstart.yaml: timeScale auto applies to live runs only; a simulation runs in virtual time and ignores it\n")
    }

    @Test func aRunRefusesToReplaceAnEarlierReportWithoutForce() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let first = try await Self.pollster(["simulate", "scenarios/tight-limits.yaml", "--out", dir, "--quiet"], nil, [:])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/results.json"))
        let again = try await Self.pollster(["simulate", "scenarios/tight-limits.yaml", "--out", dir, "--quiet", "--seed", "9"], nil, [:])
        #expect(again.status == 1)
        #expect(again.stderr == "error: \(dir) already holds a report (\(dir)/results.json); add --force to replace it, or choose another folder with --out\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/results.json")) == before, "the earlier report is untouched")
        let forced = try await Self.pollster(["simulate", "scenarios/tight-limits.yaml", "--out", dir, "--quiet", "--seed", "9", "--force"], nil, [:])
        #expect(forced.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/results.json")) != before)
        // Files are written whole (to a temporary name, then renamed): none is left over.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names == ["lag.csv", "latency.csv", "report.html", "results.json", "summary.csv", "timeseries.csv"], "\(names)")
    }

    @Test func figuresThatDoNotAddUpExitSeventyAfterWritingTheReport() async throws {
        // A hidden test flag makes the result lose an execution, as a buggy engine would.
        let dir = CommandLineTests.temporaryDirectory()
        let run = try await Self.pollster(["simulate", "scenarios/tight-limits.yaml", "--out", dir, "--quiet", "--debug-lose-execution"], nil, [:])
        #expect(run.status == 70, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "error: the run's figures do not add up (a bug in pollster; the report was written as measured):")
        #expect(lines.dropFirst().first?.hasPrefix("  fixed-1s: executions = detected + abandoned + errored + stopped: expected ") == true, "\(lines)")
        #expect(FileManager.default.fileExists(atPath: "\(dir)/report.html") && FileManager.default.fileExists(atPath: "\(dir)/results.json"))
    }

    /// A TCP socket listening on 127.0.0.1 on a free port, and that port.
    static func listeningSocket() throws -> (Int32, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        #expect(bound == 0 && listen(descriptor, 1) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
