import ArgumentParser

/// Flags shared by sweep, tune and capacity.
struct PlanOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Output directory (default: the scenario's report.out plus /sweep, /tune or /capacity).", valueName: "dir"))
    var out: String?

    @Option(name: .long, parsing: .unconditional, help: "Base seed: replication i uses seed+i at every point (default: the scenario's seed).")
    var seed: UInt64?

    @Option(name: .long, parsing: .unconditional, help: "Simulations to run at once (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .long, help: "No progress line and no table: only errors (and the files).")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    /// The output directory: `--out`, or `<report.out>/<command>`.
    func directory(reportOut: String, command: String) -> String {
        out ?? reportOut + "/" + command
    }
}
