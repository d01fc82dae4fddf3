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

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Run only shard I of N (0-based) of the API keys (a simulation, or a live run against a shared --target); merge the shards with pollster merge.", valueName: "I/N"))
    var shard: String?

    @Flag(name: .customLong("split-global"), help: "Split a simulation by API key even when global limits or the server's capacity couple the keys, giving each shard an equal share of them (an approximation, marked in the report).")
    var splitGlobal = false

    @Option(name: .customLong("fail-if"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Fail the run (exit 99) when [SCOPE:]METRIC OP NUMBER holds, e.g. rate_429>0.01; repeatable; adds to the scenario's thresholds.",
        valueName: "expr"))
    var failIf: [String] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Write the thresholds' results as JUnit XML to this file.", valueName: "file"))
    var junit: String?

    @Flag(name: .long, help: "No progress line and no table: only errors.")
    var quiet = false

    @Flag(name: .long, help: "Replace the report already in the output directory (without it, a run refuses to overwrite one).")
    var force = false

    /// Tests only: the result loses one execution before it is checked, as a buggy engine
    /// would, so that the conservation check's exit 70 can be seen end to end.
    @Flag(name: .customLong("debug-lose-execution"), help: .hidden)
    var debugLoseExecution = false

    func validate() throws {
        if replications < 1 { throw ValidationError("--replications must be at least 1, got \(replications)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let shard, KeyShard(parsing: shard) == nil {
            throw ValidationError("--shard takes I/N with 0 <= I < N (for example 0/3), got \"\(shard)\"")
        }
    }

    /// The shard of `--shard`, once validated.
    var keyShard: KeyShard? { shard.flatMap(KeyShard.init(parsing:)) }

    /// The scenario with this command line's overrides applied.
    func apply(to scenario: Scenario) -> Scenario {
        var scenario = scenario
        if let seed { scenario.seed = seed }
        if let out { scenario.report.out = out }
        return scenario
    }
}
