import ArgumentParser
import PollsterCore

/// `pollster simulate`: `run --mode simulate`.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a scenario in virtual time (the same as run --mode simulate).",
        discussion: """
        A deterministic discrete-event simulation: the same seed gives byte-identical files.

        Example:
          pollster simulate scenarios/steady-state.yaml --seed 42 \\
            --out reports/steady
        """
    )

    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenarioPath: String

    @OptionGroup var options: RunOptions

    func run() async throws {
        var scenario = options.apply(to: try ScenarioFile.load(scenarioPath))
        scenario.mode = .simulate
        try await ScenarioRun(scenario: scenario, options: options).execute()
    }
}
