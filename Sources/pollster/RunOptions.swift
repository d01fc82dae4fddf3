import ArgumentParser
import PollsterCore

/// Flags shared by the commands that run a scenario; each overrides the scenario file.
struct RunOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Output directory (default: the scenario's report.out).", valueName: "dir"))
    var out: String?

    @Option(name: .long, parsing: .unconditional, help: "Seed for every random choice (default: the scenario's seed).")
    var seed: UInt64?

    @Option(name: .long, parsing: .unconditional, help: "Runs of each strategy, on seeds seed, seed+1, ...; results are merged.")
    var replications: Int = 1

    @Option(name: .long, parsing: .unconditional, help: "Simulations to run at once (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .long, help: "No progress line and no table: only errors.")
    var quiet = false

    func validate() throws {
        if replications < 1 { throw ValidationError("--replications must be at least 1, got \(replications)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    /// The scenario with this command line's overrides applied.
    func apply(to scenario: Scenario) -> Scenario {
        var scenario = scenario
        if let seed { scenario.seed = seed }
        if let out { scenario.report.out = out }
        return scenario
    }
}
