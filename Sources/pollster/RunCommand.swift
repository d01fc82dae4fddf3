import ArgumentParser
import PollsterCore
import PollsterReport
import PollsterSim

/// `pollster run`: runs a scenario and writes its report.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: compare its polling strategies and write the report.",
        discussion: """
        Every strategy replays the same executions (same seed: same arrivals, durations and \
        outcomes) against its own fresh server. The flags override the scenario file.
        Ctrl-C stops the run and still writes a partial report (a second Ctrl-C quits at once).

        Examples:
          pollster run scenarios/quickstart.yaml   # live, against the mock API
          pollster run scenarios/quickstart.yaml --dry-run
          pollster run scenarios/tight-limits.yaml
          pollster run scenarios/steady-state.yaml --mode simulate --seed 7 \\
            --out reports/s7
          pollster run scenarios/tight-limits.yaml --replications 5 --quiet
          pollster run scenarios/steady-state.yaml --mode simulate \\
            --server-from reports/probe/probe.json
        """
    )

    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenarioPath: String

    @Option(name: .long, parsing: .unconditional, help: "simulate (virtual time) or live (real HTTP); default: the scenario's mode.")
    var mode: RunMode?

    @Option(name: .customLong("server-from"), parsing: .unconditional, help: ArgumentHelp(
        "Replace the scenario's server rate limits and rejection style with those a probe measured (its probe.json).", valueName: "probe.json"))
    var serverFrom: String?

    @OptionGroup var options: RunOptions

    @OptionGroup(title: "Live runs") var live: LiveOptions

    func run() async throws {
        var scenario = try ScenarioFile.load(scenarioPath)
        scenario = options.apply(to: scenario)
        if let mode { scenario.mode = mode }
        if let serverFrom { scenario.server = try ProbeServer.apply(serverFrom, to: scenario.server) }
        try await ScenarioRun(scenario: scenario, options: options, live: live).execute()
    }
}

extension RunMode: ExpressibleByArgument {}
