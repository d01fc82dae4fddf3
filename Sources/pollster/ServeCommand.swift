import ArgumentParser
import Foundation
import Logging
import MockServer
import PollsterCore
import ServiceLifecycle
import UnixSignals

/// `pollster serve`: runs the mock execution API on its own until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the mock execution API (GET /v1/executions/{id} and friends) on this machine.",
        discussion: """
            Serves the execution API that pollster polls: executions move pending -> running -> completed | failed | cancelled on the scenario's clock, responses wait the scenario's latency (divided by the time scale), and the scenario's rate limits answer 429 with Retry-After and RateLimit headers. Without --scenario it uses a built-in model: latency lognormal (median 40ms, p99 250ms) and a token bucket of 10/s, burst 20, per API key.

            API keys come from --keys-file FILE (lines `KEY scope1,scope2`) or the environment variable POLLSTER_MOCK_KEYS (the same entries separated by `;`); otherwise a demo key with both scopes (executions:read, executions:write) is made and printed. Keys are never taken from a flag and never logged.

            With --time-scale N the server's clock runs N times faster than the wall clock, and the times in its rate-limit headers (Retry-After, RateLimit's t, RateLimit-Policy's w, X-RateLimit-Reset) are scenario seconds, as pollster's own live clients read them: an ordinary client divides them by N.

            The OpenAPI 3.1 document is at /openapi.json; /healthz answers 200. Stop with Ctrl-C or SIGTERM: in-flight requests finish, then it reports how many requests it served and rejected. It listens on loopback addresses only.

            Example:
              pollster serve --port 8080 --scenario scenarios/quickstart.yaml
              curl -s -X POST -H "Authorization: Bearer $KEY" \\
                http://127.0.0.1:8080/v1/flows/flow_demo/executions
            """
    )

    @Option(parsing: .unconditional, help: "Port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(parsing: .unconditional, help: "Loopback address to listen on.")
    var host: String = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Scenario file (YAML) whose server model, workload, seed and time scale to serve.")
    var scenario: String?

    @Option(parsing: .unconditional, help: "Scenario seconds per wall-clock second (default: the scenario's, else 1).")
    var timeScale: Double?

    @Option(parsing: .unconditional, help: "Log level: trace, debug (one line per request), info, notice, warning, error, critical.")
    var logLevel: String = "info"

    @Option(parsing: .unconditional, help: "File of API keys, one `KEY scope1,scope2` per line.")
    var keysFile: String?

    @Flag(help: .hidden)
    var benchRoutes = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0-65535, got \(port)") }
        if let timeScale, !(timeScale > 0 && timeScale.isFinite) {
            throw ValidationError("--time-scale must be a positive number, got \(timeScale)")
        }
        guard MockServer.isLoopback(host) else {
            throw ValidationError("--host must be a loopback address (127.0.0.1, ::1, localhost); got '\(host)'")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got '\(logLevel)'")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "pollster.serve")
        logger.logLevel = level

        var configuration: MockServerConfiguration
        let description: String
        if let scenario {
            let loaded = try ScenarioFile.load(scenario)
            configuration = MockServerConfiguration(scenario: loaded)
            description = "scenario \(loaded.name): latency \(loaded.server.latency.summary), " + Self.describe(loaded.server.rateLimits)
        } else {
            configuration = MockServerConfiguration(server: MockServerConfiguration.demoServer)
            description = "built-in model: latency \(configuration.server.latency.summary), " + Self.describe(configuration.server.rateLimits)
        }
        if let timeScale { configuration.timeScale = timeScale }
        configuration.host = host
        configuration.port = port
        configuration.benchRoutes = benchRoutes

        let keys = try loadKeys()
        let demoKey: String?
        if keys.isEmpty {
            let key = Self.makeDemoKey()
            configuration.keys = [APIKeyGrant(key: key, scopes: Set(APIScope.allCases), index: 0)]
            demoKey = key
        } else {
            configuration.keys = keys.grants
            demoKey = nil
        }

        let server: MockServer
        do {
            server = try MockServer(configuration: configuration, logger: logger)
        } catch {
            throw Self.failure("\(error)")
        }
        let timeScaleText = Time.trimmed(configuration.timeScale)
        let keyCount = keys.grants.count
        let keySource = keys.source
        let scaled = configuration.timeScale != 1
        let service = MockServerService(server: server) { url in
            var lines = ["pollster mock API listening on \(url)", "  \(description); time scale \(timeScaleText)x"]
            if scaled {
                lines.append("  times in headers (Retry-After, RateLimit t and w, X-RateLimit-Reset) are scenario seconds: divide by \(timeScaleText) for wall seconds")
            }
            if let demoKey {
                lines += [
                    "  demo API key (executions:read, executions:write):",
                    "    export KEY=\(demoKey)",
                    "    curl -s -X POST -H \"Authorization: Bearer $KEY\" \(url)/v1/flows/flow_demo/executions",
                    "    curl -s -H \"Authorization: Bearer $KEY\" \(url)/v1/executions/EXECUTION_ID?include=metrics",
                ]
            } else {
                lines.append("  \(keyCount) API key(s) from \(keySource)")
            }
            lines.append("  OpenAPI document: \(url)/openapi.json; stop with Ctrl-C")
            Self.emit(lines)
        }
        var lifecycleLogger = logger
        lifecycleLogger.logLevel = max(level, .info)
        let group = ServiceGroup(configuration: .init(
            services: [service],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: lifecycleLogger
        ))
        do {
            try await group.run()
        } catch {
            if let error = error as? MockServerError { throw Self.failure(error.description) }
            throw Self.failure("the mock server stopped: \(error)")
        }
        let counts = server.requestCounts
        Self.emit(["served \(counts.total) requests: \(counts.succeeded) succeeded, \(counts.rejected) rejected (\(counts.rateLimited) rate-limited); \(counts.polls) status polls"])
    }

    /// Keys from `--keys-file` or `POLLSTER_MOCK_KEYS`; empty when neither is given.
    private func loadKeys() throws -> (grants: [APIKeyGrant], source: String, isEmpty: Bool) {
        do {
            if let keysFile {
                guard let data = FileManager.default.contents(atPath: keysFile), let text = String(data: data, encoding: .utf8) else {
                    throw Self.failure("cannot read the keys file '\(keysFile)'")
                }
                let grants = try APIKeyGrant.parse(text, separator: "\n", source: keysFile)
                guard !grants.isEmpty else { throw Self.failure("the keys file '\(keysFile)' holds no keys") }
                return (grants, keysFile, false)
            }
            if let text = ProcessInfo.processInfo.environment["POLLSTER_MOCK_KEYS"] {
                let grants = try APIKeyGrant.parse(text, separator: ";", source: "POLLSTER_MOCK_KEYS")
                guard !grants.isEmpty else { throw Self.failure("POLLSTER_MOCK_KEYS holds no keys") }
                return (grants, "POLLSTER_MOCK_KEYS", false)
            }
        } catch let error as APIKeyGrantError {
            throw Self.failure(error.description)
        }
        return ([], "", true)
    }

    /// Reports `message` on stderr as one line; the command then exits with status 1.
    private static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode(1)
    }

    /// Writes lines to stdout at once (unbuffered: a script may be waiting for them).
    private static func emit(_ lines: [String]) {
        FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    private static func describe(_ rules: [RateLimitRule]) -> String {
        if rules.isEmpty { return "no rate limits" }
        return "limits: " + rules.map { "\($0.algorithm.summary) per \($0.scope == .apiKey ? "API key" : "server")" }.joined(separator: "; ")
    }

    /// A random key for this run only: `pk_demo_` and 24 hex digits.
    private static func makeDemoKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let parts = (0..<3).map { _ in String(UInt32.random(in: .min ... .max, using: &generator), radix: 16) }
        return "pk_demo_" + parts.map { String(repeating: "0", count: 8 - $0.count) + $0 }.joined()
    }
}
