import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// An API key given to pollster appears in nothing it writes or shows: not in the files of
/// the output directory, not on stdout or stderr, not in its own argument list (read from
/// /proc while it runs) nor in the arguments the test passes.
@Suite(.serialized) struct SecretsTests {
    /// Recognisable, so a leak anywhere is found by a plain search.
    static let canary = "pk_secret_canary_7f3a9c"

    /// What a pollster process showed: its output, and every argument list seen in /proc.
    struct Observed {
        var status: Int32 = 0
        var stdout = ""
        var stderr = ""
        var commandLines: [String] = []
    }

    /// A running pollster whose /proc/PID/cmdline is sampled until it exits.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let out = Pipe(), err = Pipe()
        private let lock = NSLock()
        private var samples: Set<String> = []
        private var stdoutData = Data()

        init(_ arguments: [String], environment: [String: String]) throws {
            process.executableURL = CommandLineTests.executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.currentDirectoryURL = CommandLineTests.root
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let pid = process.processIdentifier
            Thread.detachNewThread { [self] in
                while process.isRunning {
                    if let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty {
                        let line = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
                        lock.withLock { _ = samples.insert(line) }
                    }
                    Thread.sleep(forTimeInterval: 0.01)
                }
            }
        }

        /// Stdout read so far, up to the first line containing `marker` (waits up to 30 s).
        func stdout(through marker: String) throws -> String {
            let handle = out.fileHandleForReading
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let text = String(decoding: stdoutData, as: UTF8.self)
                if text.contains(marker) { return text }
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                stdoutData.append(chunk)
            }
            return String(decoding: stdoutData, as: UTF8.self)
        }

        /// Waits for the end (after SIGINT when `interrupt`) and collects everything shown.
        func finish(interrupt: Bool = false) -> Observed {
            if interrupt { process.interrupt() }
            stdoutData.append(out.fileHandleForReading.readDataToEndOfFile())
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            var observed = Observed(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                                    stderr: String(decoding: stderr, as: UTF8.self))
            observed.commandLines = lock.withLock { Array(samples) }
            return observed
        }
    }

    /// Where the canary was found: output, sampled command lines, the arguments passed.
    static func leaks(_ observed: Observed, arguments: [String]) -> [String] {
        var places: [String] = []
        if observed.stdout.contains(canary) { places.append("stdout: \(observed.stdout)") }
        if observed.stderr.contains(canary) { places.append("stderr: \(observed.stderr)") }
        for line in observed.commandLines where line.contains(canary) { places.append("/proc cmdline: \(line)") }
        if arguments.contains(where: { $0.contains(canary) }) { places.append("arguments: \(arguments)") }
        return places
    }

    /// Files under `directory` (recursively) whose bytes contain the canary, except `allowed`.
    static func filesHolding(_ directory: String, except allowed: Set<String> = []) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            guard !allowed.contains(path), let data = FileManager.default.contents(atPath: path) else { continue }
            if data.range(of: Data(canary.utf8)) != nil { found.append(relative) }
        }
        return found
    }

    /// Starts `pollster serve --port 0 ...` and returns it with its base URL.
    static func serve(_ extra: [String], environment: [String: String] = [:]) throws -> (Running, URL, [String]) {
        let arguments = ["serve", "--port", "0", "--log-level", "trace"] + extra
        let server = try Running(arguments, environment: environment)
        let banner = try server.stdout(through: "OpenAPI document")
        let prefix = "pollster mock API listening on "
        guard let line = banner.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }),
            let url = URL(string: String(line.dropFirst(prefix.count)))
        else {
            let observed = server.finish(interrupt: true)
            throw TestFailure("no listening line from serve: \(banner) \(observed.stderr)")
        }
        return (server, url, arguments)
    }

    struct TestFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// One request to the server with `key`; the status code (0 when it failed).
    static func request(_ url: URL, key: String, method: String = "GET") async -> Int {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        return ((try? await URLSession.shared.data(for: request))?.1 as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test func theKeyLeaksNowhereThroughServeWithAKeysFileAndALiveRunAgainstIt() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let keysFile = "\(dir)/keys.txt"
        try "\(Self.canary) executions:read,executions:write\n".write(toFile: keysFile, atomically: true, encoding: .utf8)
        let (server, url, serveArguments) = try Self.serve(["--keys-file", keysFile])

        // A live run against it: creates its executions with the key and polls them.
        let out = "\(dir)/out"
        try """
            name: canary
            mode: live
            target: \(url.absoluteString)
            apiKeyEnv: POLLSTER_CANARY_KEY
            live: { createPath: /v1/flows/flow_demo/executions }
            workload: { executions: 6, arrival: { kind: burst, at: 0s }, duration: 1h }
            strategies: [{ name: every-200ms, kind: fixed, interval: 200ms }]
            client: { timeout: 1500ms }
            """.write(toFile: "\(dir)/canary.yaml", atomically: true, encoding: .utf8)
        let runArguments = ["run", "\(dir)/canary.yaml", "--out", out]
        let run = try Running(runArguments, environment: ["POLLSTER_CANARY_KEY": Self.canary]).finish()
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        #expect(Self.leaks(run, arguments: runArguments).isEmpty, "\(Self.leaks(run, arguments: runArguments))")
        #expect(FileManager.default.fileExists(atPath: "\(out)/results.json"), "\(run.stderr)")
        #expect(Self.filesHolding(out).isEmpty, "the key is in \(Self.filesHolding(out))")

        // A wrong key next to the right one: the server's answers and logs name neither.
        #expect(await Self.request(url.appendingPathComponent("v1/executions/exec_nope"), key: Self.canary + "x") == 401)
        #expect(await Self.request(url.appendingPathComponent("v1/executions/exec_nope"), key: Self.canary) == 404)
        let served = server.finish(interrupt: true)
        #expect(served.stdout.contains("served "), "\(served.stdout) \(served.stderr)")
        #expect(Self.leaks(served, arguments: serveArguments).isEmpty, "\(Self.leaks(served, arguments: serveArguments))")
        // The keys file is the one place the key belongs.
        #expect(Self.filesHolding(dir, except: [keysFile]).isEmpty, "the key is in \(Self.filesHolding(dir, except: [keysFile]))")
    }

    @Test func theKeyLeaksNowhereThroughServeWithTheEnvironment() async throws {
        let (server, url, arguments) = try Self.serve([], environment: ["POLLSTER_MOCK_KEYS": "\(Self.canary) executions:read,executions:write"])
        #expect(await Self.request(url.appendingPathComponent("v1/flows/flow_demo/executions"), key: Self.canary, method: "POST") / 100 == 2)
        #expect(await Self.request(url.appendingPathComponent("v1/executions/exec_1"), key: Self.canary + "0") == 401)
        let served = server.finish(interrupt: true)
        #expect(served.stdout.contains("1 API key(s) from POLLSTER_MOCK_KEYS"), "\(served.stdout)")
        #expect(Self.leaks(served, arguments: arguments).isEmpty, "\(Self.leaks(served, arguments: arguments))")
    }

    @Test func aBadKeyEntryIsReportedWithoutTheKey() throws {
        // A malformed entry (an unknown scope) must be named by its line, not echoed.
        let arguments = ["serve", "--port", "0"]
        let failed = try Running(arguments, environment: ["POLLSTER_MOCK_KEYS": "\(Self.canary) executions:rule"]).finish()
        #expect(failed.status == 1, "\(failed.stdout) \(failed.stderr)")
        #expect(Self.leaks(failed, arguments: arguments).isEmpty, "\(Self.leaks(failed, arguments: arguments))")
    }

    @Test func theKeyLeaksNowhereThroughADryRun() throws {
        let dir = CommandLineTests.temporaryDirectory()
        try """
            name: canary-dry
            mode: live
            target: http://127.0.0.1:1
            apiKeyEnv: POLLSTER_CANARY_KEY
            live: { createPath: /v1/flows/flow_demo/executions }
            workload: { executions: 20, arrival: { kind: poisson, rate: 2/s }, duration: 10s }
            strategies: [{ name: every-1s, kind: fixed, interval: 1s }]
            """.write(toFile: "\(dir)/canary.yaml", atomically: true, encoding: .utf8)
        let arguments = ["run", "\(dir)/canary.yaml", "--dry-run", "--out", "\(dir)/out"]
        let run = try Running(arguments, environment: ["POLLSTER_CANARY_KEY": Self.canary]).finish()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.isEmpty)
        #expect(Self.leaks(run, arguments: arguments).isEmpty, "\(Self.leaks(run, arguments: arguments))")
        #expect(Self.filesHolding(dir).isEmpty, "the key is in \(Self.filesHolding(dir))")
    }

    @Test func theSearchFindsAKeyThatIsThere() throws {
        // The checks above can fail: the same search finds the key where it is.
        let dir = CommandLineTests.temporaryDirectory()
        try "x\(Self.canary)y".write(toFile: "\(dir)/leak.txt", atomically: true, encoding: .utf8)
        #expect(Self.filesHolding(dir) == ["leak.txt"])
        let observed = Observed(stderr: "Authorization: Bearer \(Self.canary)", commandLines: ["pollster run --key \(Self.canary)"])
        #expect(Self.leaks(observed, arguments: []).count == 2)
    }
}
