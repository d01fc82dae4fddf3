import ArgumentParser
import Foundation
import PollsterCore
import PollsterLive
import PollsterLiveRunner
import PollsterProbe

/// `pollster probe`: learns a live API's rate-limit policy and writes it as a `server:` block.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Learn a live API's rate-limit policy: the limiter, its parameters and a server: block for the simulator.",
        discussion: """
        Sends a bounded series of requests to one execution's status URL: a few spaced ones \
        (their RateLimit, X-RateLimit-*, Retry-After and other headers), then bursts to the \
        first rejection and spaced requests until one is accepted again, at least three times \
        at different window phases; parallel steps when sequential requests are never \
        rejected (a concurrency limit). It stops at once on any status other than 2xx, 429 \
        and 503, on a failed request, and on a Retry-After or a wait beyond --max-wait (a \
        lockout). Then it names the limiter whose replay best reproduces what the API \
        answered, with a confidence, the parameters and a ready-to-paste server: block. \
        Token bucket and GCRA decide alike and are reported as one answer.

        TARGET is a URL or a scenario file. A URL on loopback is probed as given; with a \
        path (.../v1/executions/ID) that path is polled, else --path, else an execution is \
        created with POST /v1/flows/FLOW/executions. Other hosts need --allow-remote, and \
        then at most --max-request-rate requests per second (default 50). The API key comes \
        from the environment variable --api-key-env names. A scenario file is probed on an \
        embedded mock API serving its server: block.

        Examples:
          pollster probe scenarios/tight-limits.yaml
          pollster probe http://127.0.0.1:8080 --flow flow_demo --out reports/probe
          pollster probe https://staging.example.com --allow-remote \\
            --path /v1/executions/exec_123 --max-requests 200
          pollster run scenarios/steady-state.yaml --mode simulate \\
            --server-from reports/probe/probe.json
        """
    )

    @Argument(help: ArgumentHelp("A URL (http or https) or a scenario file (YAML).", valueName: "target"))
    var target: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The path to poll, e.g. /v1/executions/exec_123.", valueName: "path"))
    var path: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Without a path: create an execution of this flow to poll.", valueName: "flow"))
    var flow: String = "flow_probe"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The environment variable holding the API key.", valueName: "name"))
    var apiKeyEnv: String = "POLLSTER_API_KEY"

    @Option(name: .long, parsing: .unconditional, help: "Requests at most, the setup request included.")
    var maxRequests: Int = 300

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Time between the passive requests.", valueName: "duration"))
    var spacing: String = "1s"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Longest wait for a rejected client to be let back in (and longest Retry-After) before calling it a lockout.", valueName: "duration"))
    var maxWait: String = "120s"

    @Option(name: .long, parsing: .unconditional, help: "Client-side ceiling on requests per second (default: none on loopback, 50/s elsewhere).")
    var maxRequestRate: Double?

    @Flag(name: .long, help: "Allow a target that is not on this machine (its limits will be exhausted several times).")
    var allowRemote = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Write probe.json and probe.html into this directory.", valueName: "dir"))
    var out: String?

    @Flag(name: .long, help: "Print only the server: block.")
    var quiet = false

    /// Runs the accuracy table of Benchmarks/probe-accuracy.sh instead of one probe.
    @Flag(name: .customLong("accuracy-table"), help: .hidden)
    var accuracyTable = false

    /// With --accuracy-table: only configurations whose name contains this.
    @Option(name: .customLong("accuracy-filter"), help: .hidden)
    var accuracyFilter: String?

    func validate() throws {
        if maxRequests < 10 { throw ValidationError("--max-requests must be at least 10, got \(maxRequests)") }
        if let maxRequestRate, !(maxRequestRate > 0) { throw ValidationError("--max-request-rate must be positive, got \(maxRequestRate)") }
        _ = try Self.seconds(spacing, flag: "--spacing")
        _ = try Self.seconds(maxWait, flag: "--max-wait")
        if !accuracyTable, target == nil { throw ValidationError("give a target: a URL or a scenario file") }
        if let path, !path.hasPrefix("/") { throw ValidationError("--path must start with /, got \(path)") }
    }

    static func seconds(_ text: String, flag: String) throws -> Double {
        do {
            let nanoseconds = try DurationParser.parse(text)
            guard nanoseconds > 0 else { throw ValidationError("\(flag) must be positive, got \(text)") }
            return Double(nanoseconds) / 1e9
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("\(flag): \(error); use a number with a unit, e.g. 1s or 250ms")
        }
    }

    func settings(url: String, remote: Bool) throws -> ProbeSettings {
        ProbeSettings(url: url, maxRequests: maxRequests, spacing: try Self.seconds(spacing, flag: "--spacing"),
                      maxWait: try Self.seconds(maxWait, flag: "--max-wait"),
                      maxRequestRate: maxRequestRate ?? (remote ? LiveLimits.defaultRemoteRequestRate : nil))
    }

    func run() async throws {
        if accuracyTable {
            try await ProbeAccuracy.run(filter: accuracyFilter)
            return
        }
        guard let target else { throw ExitCode(64) }
        let report: ProbeReport
        let lower = target.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            report = try await probeURL(target)
        } else {
            let scenario = try ScenarioFile.load(target)
            let settings = try self.settings(url: "", remote: false)
            report = try await EmbeddedProbe.run(server: scenario.server, settings: { url in
                var copy = settings
                copy.url = url
                return copy
            }).report
        }
        if quiet { print(report.yaml, terminator: "") } else { print(report.text) }
        if let out { try write(report, to: out) }
        if report.outcome.aborted {
            Terminal.error("error: the probe stopped at once: \(report.outcome.stopReason)")
            throw ExitCode(4)
        }
    }

    func probeURL(_ url: String) async throws -> ProbeReport {
        let remote = !LiveRunner.isLoopback(url)
        if remote, !allowRemote {
            Terminal.error("error: \(url) is not on this machine; a probe exhausts its rate limits several times (up to --max-requests \(maxRequests) requests): pass --allow-remote to probe it, at most --max-request-rate (default 50) requests per second")
            throw ExitCode(64)
        }
        guard let key = ProcessInfo.processInfo.environment[apiKeyEnv], !key.isEmpty else {
            Terminal.error("error: the environment variable \(apiKeyEnv) (--api-key-env) holds no API key")
            throw ExitCode(64)
        }
        let (base, ownPath) = Self.split(url)
        var settings = try self.settings(url: url, remote: remote)
        settings.headers = [("Authorization", "Bearer " + key), ("Accept", "application/json")]
        var transport = TransportConfiguration(threads: 1)
        transport.maxConnections = 64
        let outcome = try await withCurlTransport(configuration: transport) { transport in
            var setupRequest: HTTPRequest?
            if let path {
                settings.url = base + path
            } else if ownPath.isEmpty || ownPath == "/" {
                setupRequest = HTTPRequest(method: .post, url: base + "/v1/flows/\(flow)/executions",
                                           headers: settings.headers + [("Content-Type", "application/json")], body: Array("{}".utf8),
                                           timeout: .seconds(30))
            }
            let session = ProbeSession(settings: settings, transport: transport)
            if let setupRequest {
                guard let response = await session.record(setup: setupRequest), (200..<300).contains(response.status),
                      let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                      let id = object["id"] as? String, !id.isEmpty
                else {
                    Terminal.error("error: POST \(base)/v1/flows/\(flow)/executions (--flow) did not create an execution to poll; give one with --path /v1/executions/ID")
                    throw ExitCode(1)
                }
                await session.poll(base + "/v1/executions/" + id)
            }
            return await session.run()
        }
        return ProbeReport(target: outcome.url, outcome: outcome)
    }

    /// `http://host:port` and the rest of the URL (its path, maybe empty).
    static func split(_ url: String) -> (base: String, path: String) {
        guard let scheme = url.range(of: "://") else { return (url, "") }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return (url, "") }
        return (String(url[..<slash]), String(url[slash...]))
    }

    func write(_ report: ProbeReport, to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let json = directory + "/probe.json"
            let html = directory + "/probe.html"
            try ProbeDocument(report).json().write(to: URL(fileURLWithPath: json))
            try Data(ProbeHTML.page(report).utf8).write(to: URL(fileURLWithPath: html))
            Terminal.wrote([json, html])
        } catch {
            Terminal.error("error: --out \(directory): cannot write the probe files: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
