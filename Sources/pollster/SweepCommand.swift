import ArgumentParser
import PollsterCore
import PollsterPlan
import PollsterReport

/// `pollster sweep`: how the results move as scenario values change.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Simulate a scenario over a grid of values and chart how the results move.",
        discussion: """
        Each --vary PATH=VALUES is one axis; several make a grid. PATH names any value of \
        the scenario file: workload.arrival.rate, server.rateLimits[0].rate, \
        strategies.NAME.PARAM (a strategy by name). VALUES is a list (1s,2s,4s), a linear \
        range of N points (1.2..3.0/8) or a logarithmic one (10/s..1000/s/log7). Every \
        point runs on the same seeds (replication i on seed+i), so differences between \
        points are real, not noise.

        When every PATH is inside one strategy, only that strategy runs at every point; \
        the other strategies (those --strategy names, or all) run once on the scenario as \
        written, as references: dashed lines on the charts, rows marked reference. \
        Otherwise every strategy runs at every point.

        Writes sweep.html (a page like the run report: the axes, a chart per metric, the \
        cost-vs-freshness Pareto frontier and every row), sweep.csv (one row per point and \
        strategy: the varied values, the summary columns, pareto and reference), \
        sweep.json (the same with the replication intervals) and sweep.svg (the charts in \
        one image). On a terminal it prints a table; when piped, sweep.csv.

        Examples:
          pollster sweep scenarios/tight-limits.yaml \\
            --vary strategies.expo.multiplier=1.2..3.0/8
          pollster sweep scenarios/tight-limits.yaml \\
            --vary server.rateLimits[0].rate=2/s..20/s/log5 \\
            --vary strategies.fixed-5s.interval=1s,2s,5s,10s --replications 3
          pollster sweep scenarios/steady-state.yaml \\
            --vary workload.arrival.rate=10/s..1000/s/log7 --jobs 1
        """
    )

    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenarioPath: String

    @Option(name: .long, parsing: .unconditionalSingleValue, help: ArgumentHelp("An axis: PATH=VALUES (repeat for a grid).", valueName: "PATH=VALUES"))
    var vary: [String] = []

    @Option(name: .long, parsing: .unconditionalSingleValue, help: ArgumentHelp("Only this strategy (repeatable; default: all); when the axes vary one strategy, name it too.", valueName: "name"))
    var strategy: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "Seeds per point and strategy; more than 1 gives means with 95% intervals.")
    var replications: Int = 1

    @OptionGroup var options: PlanOptions

    func validate() throws {
        if vary.isEmpty { throw ValidationError("give at least one --vary PATH=VALUES, e.g. --vary strategies.expo.multiplier=1.2..3.0/8") }
        if replications < 1 { throw ValidationError("--replications must be at least 1, got \(replications)") }
    }

    func run() async throws {
        let sweep = try PlanRun.checked { () throws(PlanError) -> Sweep in
            let template = try ScenarioTemplate(path: scenarioPath)
            var axes: [SweepAxis] = []
            for argument in vary { axes.append(try SweepAxis(argument: argument)) }
            return try Sweep(template: template, axes: axes, replications: replications, seed: options.seed, strategyNames: strategy)
        }
        let result = try await PlanRun.run(label: "sweep", options: options) { batch in await sweep.run(batch: batch) }
        let directory = options.directory(reportOut: sweep.template.scenario.report.out, command: "sweep")
        let csv = SweepCSV.table(result).text
        try PlanRun.writeFiles(quiet: options.quiet) {
            let output = PlanOutput(directory: directory)
            return [
                try output.write(SweepHTML.render(result), as: "sweep.html"),
                try output.write(csv, as: "sweep.csv"),
                try output.write(PlanJSON.sweep(result), as: "sweep.json"),
                try output.write(SweepChart.render(result), as: "sweep.svg"),
            ]
        }
        if !options.quiet {
            print(Terminal.stdoutIsTerminal ? Self.table(result) : csv, terminator: "")
        }
        if result.partial {
            Terminal.error("partial: the sweep was interrupted; the files cover the points finished")
            throw ExitCode(130)
        }
    }

    /// The results for people: one line per point and strategy, then the Pareto frontier.
    static func table(_ result: SweepResult) -> String {
        let metrics: [PlanMetric] = [.rate429, .pollsPerExecution, .lagP50, .lagP99]
        let withIntervals = result.replications > 1
        let header = result.axes.map(\.path.description) + ["strategy"] + metrics.map(\.title)
        var rows: [[String]] = []
        for row in result.rows {
            let values = row.isReference ? result.axes.indices.map { $0 == 0 ? "reference" : "" } : row.values.map(\.text)
            var cells = values + [row.strategy]
            for metric in metrics {
                var cell = metric.describe(row.value(metric))
                if withIntervals { cell += " ±" + metric.describe(row.interval(metric).halfWidth, digits: 2) }
                cells.append(cell)
            }
            rows.append(cells)
        }
        var out = TextTable.render(header: header, rows: rows, leftAligned: result.axes.count + 1)
        out += "\nPareto frontier, cost (polls per execution) vs freshness (detection lag p99), cheapest first:\n"
        for index in result.frontier {
            let row = result.rows[index]
            let point = row.isReference ? "the scenario as written (reference)"
                : zip(result.axes, row.values).map { "\($0.path)=\($1.text)" }.joined(separator: ", ")
            out += "  \(row.strategy) at \(point): \(PlanMetric.pollsPerExecution.describe(row.value(.pollsPerExecution))) polls, "
            out += "lag p99 \(PlanMetric.lagP99.describe(row.value(.lagP99))), 429 rate \(PlanMetric.rate429.describe(row.value(.rate429)))\n"
        }
        return out
    }
}
