import ArgumentParser
import PollsterCore
import PollsterPlan
import PollsterReport

/// `pollster tune`: the best parameters of one strategy for given limits.
struct TuneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Search a strategy's parameters for the best objective under constraints.",
        discussion: """
        Searches the strategy's numeric parameters (interval; initial, multiplier, max; base, \
        max; min, max, fallback) within bounds: --param NAME=LOW..HIGH, or by default a quarter \
        to four times each duration and 1 to 4 for a multiplier. The search is derivative-free \
        and copes with noise: a Latin-hypercube sample narrowed by successive halving (1, 3, 9 \
        seeds), a compass search on 3 seeds, then the best few settings compared on 9 seeds, \
        every comparison on common seeds; it spends at most \
        --budget simulations, including a re-check of the winner and of the starting \
        parameters on fresh seeds.

        METRIC is one of rate_429, polls_per_execution_mean, requests, detection_lag_ms_mean, \
        detection_lag_ms_p50, detection_lag_ms_p90, detection_lag_ms_p99, detection_lag_ms_max, \
        time_to_outcome_ms_p99, abandoned (or lag-p99, lag-p50, lag-mean, polls, 429-rate); \
        lower is better.

        Prints the winner as a YAML strategy line ready to paste under strategies:, and how it \
        compares with the starting parameters; when piped, only the YAML line. Writes tune.json.

        Examples:
          pollster tune scenarios/tight-limits.yaml --strategy expo \\
            --objective lag-p99 --max-429-rate 1%
          pollster tune scenarios/tight-limits.yaml --strategy fixed-5s \\
            --objective polls --max-lag-p99 5s --param interval=1s..30s \\
            --budget 80
        """
    )

    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenarioPath: String

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The strategy to tune (its name in the scenario).", valueName: "name"))
    var strategy: String

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The metric to minimise, e.g. lag-p99 or polls.", valueName: "metric"))
    var objective: String

    @OptionGroup var limits: ConstraintOptions

    @Option(name: .long, parsing: .unconditionalSingleValue, help: ArgumentHelp("Search this parameter within bounds (repeatable; default: all, with default bounds).", valueName: "NAME=LOW..HIGH"))
    var param: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "Most simulations to spend, re-checks included.")
    var budget: Int = 150

    @Option(name: .customLong("recheck-seeds"), parsing: .unconditional, help: "Fresh seeds the winner and the start are re-checked on.")
    var recheckSeeds: Int = 5

    @OptionGroup var options: PlanOptions

    func validate() throws {
        if budget < 1 { throw ValidationError("--budget must be positive, got \(budget)") }
        if recheckSeeds < 2 { throw ValidationError("--recheck-seeds must be at least 2, got \(recheckSeeds)") }
    }

    func run() async throws {
        let constraints = try limits.constraints()
        let tuner = try PlanRun.checked { () throws(PlanError) -> Tuner in
            let template = try ScenarioTemplate(path: scenarioPath)
            let metric = try PlanMetric(name: objective)
            var parameters: [TuningParameter]?
            if !param.isEmpty {
                guard let spec = template.scenario.strategies.first(where: { $0.name == strategy }) else {
                    throw .invalidOption("no strategy named \"\(strategy)\"; strategies: " + template.scenario.strategies.map(\.name).joined(separator: ", "))
                }
                var chosen: [TuningParameter] = []
                for argument in param { chosen.append(try TuningParameter.parse(argument, for: spec, template: template)) }
                parameters = chosen
            }
            return try Tuner(template: template, strategy: strategy, objective: metric, constraints: constraints,
                             parameters: parameters, budget: budget, seed: options.seed, recheckSeeds: recheckSeeds)
        }
        let result = try await PlanRun.run(label: "tune", options: options) { batch in await tuner.run(batch: batch) }
        try PlanRun.writeFiles(quiet: options.quiet) {
            let output = PlanOutput(directory: options.directory(reportOut: tuner.template.scenario.report.out, command: "tune"))
            return [try output.write(PlanJSON.tuning(result), as: "tune.json")]
        }
        let report = Self.report(result)
        if Terminal.stdoutIsTerminal {
            if !options.quiet { print(report.before, terminator: "") }
            print("  - " + result.winnerYAML)
            if !options.quiet { print(report.after, terminator: "") }
        } else {
            print("- " + result.winnerYAML)
            if !options.quiet { Terminal.error(report.before + report.after, newline: false) }
        }
        if result.partial {
            Terminal.error("partial: the search was interrupted; this is the best point found until then")
            throw ExitCode(130)
        }
    }

    /// What comes before the YAML line (the search in a sentence) and after it (the
    /// comparison with the start, and which constraint binds).
    static func report(_ result: TuningResult) -> (before: String, after: String) {
        let limits = result.constraints.isEmpty ? "" : " under " + result.constraints.map(\.summary).joined(separator: ", ")
        var before = "tuned \(result.strategy) for the lowest \(result.objective.rawValue)\(limits): "
        before += result.parameters.map(\.rangeDescription).joined(separator: ", ")
        before += "; \(result.evaluated) settings, \(result.simulations) simulations.\n"
        if !result.feasible {
            before += "NO POINT MEETS THE CONSTRAINTS; the closest one is shown.\n"
        }
        before += "winner (paste under strategies:):\n"

        var rows: [[String]] = []
        for (index, parameter) in result.parameters.enumerated() {
            rows.append([parameter.name, result.start.values[index], result.winner.values[index]])
        }
        for (index, metric) in result.metrics.enumerated() {
            let label = index == 0 ? "\(metric.label) (objective)" : metric.label
            func cell(_ interval: ConfidenceInterval) -> String {
                interval.count == 0 ? "-" : metric.describe(interval.mean) + " ±" + metric.describe(interval.halfWidth, digits: 2)
            }
            rows.append([label, cell(result.start.recheck[index]), cell(result.winner.recheck[index])])
        }
        var after = "\ncompared with the starting parameters, on \(result.start.recheck.first?.count ?? 0) fresh seeds (mean ±95%):\n"
        after += TextTable.render(header: ["", "start", "winner"], rows: rows)
        for (index, constraint) in result.constraints.enumerated() {
            let fresh = result.winner.recheck[index + 1]
            if fresh.count > 0, fresh.mean > constraint.limit {
                after += "note: on fresh seeds the winner's \(constraint.metric.label) is \(constraint.metric.describe(fresh.mean)), over \(constraint.summary)\n"
            }
        }
        let binding = result.binding
        if !result.feasible {
            let broken = binding.map { constraint -> String in
                let value = result.winner.search[1 + result.constraints.firstIndex(of: constraint)!]
                return "\(constraint.summary) (best reached \(constraint.metric.describe(value)))"
            }
            after += "no point meets the constraints; binding: " + broken.joined(separator: ", ") + "\n"
            for (constraint, count) in zip(result.constraints, result.violations) {
                after += "  \(constraint.summary) was broken by \(count) of \(result.evaluated) settings\n"
            }
        } else if !binding.isEmpty {
            after += "binding: " + binding.map { constraint in
                let value = result.winner.search[1 + result.constraints.firstIndex(of: constraint)!]
                return "\(constraint.summary) (winner at \(constraint.metric.describe(value)))"
            }.joined(separator: ", ") + "\n"
        } else if !result.constraints.isEmpty {
            after += "no constraint binds: the objective alone decides\n"
        }
        let bounds = result.atBounds
        if !bounds.isEmpty {
            after += "at a bound of its range: " + bounds.joined(separator: ", ") + " (widen it with --param NAME=LOW..HIGH)\n"
        }
        return (before, after)
    }
}
