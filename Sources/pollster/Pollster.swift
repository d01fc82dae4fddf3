import ArgumentParser
import PollsterCore

/// The `pollster` command: parses, builds a configuration, calls the library, prints.
@main
struct Pollster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pollster",
        abstract: "Load testing and rate-limit analysis of job-status APIs.",
        discussion: """
        Compare polling strategies (fixed, exponential, jittered, progress-aware) against a \
        rate-limited job-status API, in virtual time or live over HTTP.

        Examples:
          pollster validate scenarios/quickstart.yaml
          pollster simulate scenarios/tight-limits.yaml
          pollster run scenarios/quickstart.yaml --out reports/quickstart
        """,
        version: PollsterVersion.current,
        subcommands: [
            RunCommand.self,
            ReportCommand.self,
            SimulateCommand.self,
            MergeCommand.self,
            CompareCommand.self,
            ValidateCommand.self,
            ServeCommand.self,
            SweepCommand.self,
            TuneCommand.self,
            CapacityCommand.self,
            ProbeCommand.self,
        ]
    )

    /// Every error of every command starts the same way, lower-case as the commands' own.
    static var _errorPrefix: String { "error: " }
}
