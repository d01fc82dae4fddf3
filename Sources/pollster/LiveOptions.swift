import ArgumentParser
import PollsterCore
import PollsterLive

/// Safety flags of live runs.
struct LiveOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Live: stop after this many requests (the report is marked partial).")
    var maxRequests: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Live: stop after this much wall time, e.g. 90s or 10m.", valueName: "duration"))
    var maxDuration: String?

    @Option(name: .long, parsing: .unconditional, help: "Live: client-side ceiling on requests per second (default: none on loopback, 50/s elsewhere).")
    var maxRequestRate: Double?

    @Flag(name: .long, help: "Print the plan (requests expected per strategy, from a quick simulation) and send nothing.")
    var dryRun = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Live, embedded target: scenario seconds per wall second, or auto (the fastest scale this machine keeps up with); overrides the scenario's timeScale.",
        valueName: "x|auto"))
    var timeScale: String?

    @Option(name: .long, parsing: .unconditional, help: "Live: client loop threads, each with its own connection pool (default: one per core).")
    var clientThreads: Int?

    @Option(name: .long, parsing: .unconditional, help: "Live: connections the client may open (default: 1024 per strategy against the embedded server and loopback, 64 elsewhere).")
    var connections: Int?

    @Option(name: .customLong("metrics-port"), parsing: .unconditional, help: ArgumentHelp(
        "Live: serve the run's figures for Prometheus at http://127.0.0.1:PORT/metrics while it goes (0: a free port, printed).", valueName: "port"))
    var metricsPort: Int?

    @Flag(name: .long, help: "Live: exit with status 3 when the run was saturated (pollster, not the API, was the bottleneck).")
    var strict = false

    func validate() throws {
        if let connections, connections < 1 { throw ValidationError("--connections must be at least 1, got \(connections)") }
        if let clientThreads, clientThreads < 1 { throw ValidationError("--client-threads must be at least 1, got \(clientThreads)") }
        _ = try timeScaleOverride()
        if let maxRequests, maxRequests < 1 { throw ValidationError("--max-requests must be at least 1, got \(maxRequests)") }
        if let maxRequestRate, maxRequestRate <= 0 { throw ValidationError("--max-request-rate must be positive, got \(maxRequestRate)") }
        if let maxDuration { _ = try Self.parseDuration(maxDuration) }
        if let metricsPort, !(0...65535).contains(metricsPort) { throw ValidationError("--metrics-port must be 0-65535, got \(metricsPort)") }
    }

    /// `--time-scale`: nil when absent, `.auto`, or a positive number.
    func timeScaleOverride() throws -> TimeScaleOverride? {
        guard let timeScale else { return nil }
        if timeScale == "auto" { return .auto }
        guard let value = Double(timeScale), value > 0, value.isFinite else {
            throw ValidationError("--time-scale must be a positive number or auto, got \(timeScale)")
        }
        return .fixed(value)
    }

    /// What `--time-scale` says.
    enum TimeScaleOverride: Equatable {
        case auto
        case fixed(Double)
    }

    /// The transport of a live run: `--client-threads`, else one loop thread per core.
    var transport: TransportConfiguration {
        var configuration = TransportConfiguration()
        if let clientThreads {
            configuration.threads = clientThreads
            configuration.maxConnections = Swift.max(configuration.maxConnections, clientThreads)
        }
        return configuration
    }

    /// The caps for a run against `loopback` or a remote target.
    func limits(loopback: Bool) throws -> LiveLimits {
        LiveLimits(
            maxRequestRate: maxRequestRate ?? (loopback ? nil : LiveLimits.defaultRemoteRequestRate),
            maxRequests: maxRequests,
            maxDuration: try maxDuration.map(Self.parseDuration)
        )
    }

    static func parseDuration(_ text: String) throws -> Duration {
        do {
            let nanoseconds = try DurationParser.parse(text)
            guard nanoseconds > 0 else { throw ValidationError("--max-duration must be positive, got \(text)") }
            return .nanoseconds(nanoseconds)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("--max-duration: \(error); use a number with a unit, e.g. 90s or 10m")
        }
    }
}
