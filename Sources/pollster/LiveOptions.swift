import ArgumentParser
import PollsterCore
import PollsterLive

/// Safety flags of live runs.
struct LiveOptions: ParsableArguments {
    @Option(name: .long, help: "Live: stop after this many requests (the report is marked partial).")
    var maxRequests: Int?

    @Option(name: .long, help: ArgumentHelp("Live: stop after this much wall time, e.g. 90s or 10m.", valueName: "duration"))
    var maxDuration: String?

    @Option(name: .long, help: "Live: client-side ceiling on requests per second (default: none on loopback, 50/s elsewhere).")
    var maxRequestRate: Double?

    @Flag(name: .long, help: "Print the plan (requests expected per strategy, from a quick simulation) and send nothing.")
    var dryRun = false

    func validate() throws {
        if let maxRequests, maxRequests < 1 { throw ValidationError("--max-requests must be at least 1, got \(maxRequests)") }
        if let maxRequestRate, maxRequestRate <= 0 { throw ValidationError("--max-request-rate must be positive, got \(maxRequestRate)") }
        if let maxDuration { _ = try Self.parseDuration(maxDuration) }
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
