import ArgumentParser
import PollsterCore
import PollsterPlan
import PollsterReport

/// `pollster capacity`: how much load the limits carry with each strategy.
struct CapacityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Find, for each strategy, the highest load at which the 429 rate stays under a limit.",
        discussion: """
        For every strategy and seed, the load (the arrival rate by default, or any PATH where \
        a higher value means more load) is bracketed by doubling or halving from the \
        scenario's value, then bisected until the bracket is within --tolerance. The seeds' \
        capacities give the mean and its 95% interval. Other limits (--max-lag-p99, \
        --max-polls-per-execution) must hold too.

        Writes capacity.csv, capacity.json and capacity.svg (the 429 rate against load per \
        strategy, the limit and each knee marked). On a terminal it prints one sentence per \
        strategy; when piped, capacity.csv.

        Examples:
          pollster capacity scenarios/tight-limits.yaml --max-429-rate 1%
          pollster capacity scenarios/steady-state.yaml --max-429-rate 0.05 \\
            --max-lag-p99 20s --replications 10
          pollster capacity scenarios/thundering-herd.yaml --max-429-rate 1% \\
            --vary workload.executions
        """
    )

    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenarioPath: String

    @OptionGroup var limits: ConstraintOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The load to raise (default: workload.arrival.rate).", valueName: "path"))
    var vary: String?

    @Option(name: .long, parsing: .unconditionalSingleValue, help: ArgumentHelp("Only this strategy (repeatable; default: all).", valueName: "name"))
    var strategy: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "Seeds each capacity is found on (the 95% interval is across them).")
    var replications: Int = 5

    @Option(name: .long, parsing: .unconditional, help: "Stop bisecting when the bracket is this narrow, relative to its low end.")
    var tolerance: Double = 0.01

    @Option(name: .customLong("curve-points"), parsing: .unconditional, help: "Loads on each strategy's chart curve (0: no chart).")
    var curvePoints: Int = 12

    @OptionGroup var options: PlanOptions

    func validate() throws {
        if limits.max429Rate == nil { throw ValidationError("give --max-429-rate, e.g. --max-429-rate 1%") }
        if replications < 1 { throw ValidationError("--replications must be at least 1, got \(replications)") }
        if curvePoints < 0 { throw ValidationError("--curve-points must be 0 or more, got \(curvePoints)") }
    }

    func run() async throws {
        let constraints = try limits.constraints()
        let search = try PlanRun.checked { () throws(PlanError) -> CapacitySearch in
            let template = try ScenarioTemplate(path: scenarioPath)
            let path = try vary.map { text throws(PlanError) in try ScenarioPath(text) }
            return try CapacitySearch(template: template, path: path, constraints: constraints, replications: replications,
                                      seed: options.seed, tolerance: tolerance, curvePoints: curvePoints, strategyNames: strategy)
        }
        let result = try await PlanRun.run(label: "capacity", options: options) { batch in await search.run(batch: batch) }
        let csv = CapacityCSV.table(result).text
        try PlanRun.writeFiles(quiet: options.quiet) {
            let output = PlanOutput(directory: options.directory(reportOut: search.template.scenario.report.out, command: "capacity"))
            var paths = [try output.write(csv, as: "capacity.csv"), try output.write(PlanJSON.capacity(result), as: "capacity.json")]
            if curvePoints > 0 { paths.append(try output.write(CapacityChart.render(result), as: "capacity.svg")) }
            return paths
        }
        if !options.quiet {
            if Terminal.stdoutIsTerminal {
                let limits = result.constraints.map(\.summary).joined(separator: ", ")
                print("capacity of \(result.scenarioName) under \(limits), \(result.replications) seeds, \(result.simulations) simulations:")
                for estimate in result.estimates { print("  " + result.sentence(estimate)) }
            } else {
                print(csv, terminator: "")
            }
        }
        if result.partial {
            Terminal.error("partial: the search was interrupted; the figures cover what was found until then")
            throw ExitCode(130)
        }
    }
}
