import ArgumentParser
import Foundation
import PollsterCore
import PollsterReport

/// `pollster compare OLD NEW`: what moved between two runs, per strategy, with a 95%
/// interval where both ran replications; `--fail-if` judges the changes (exit 99).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs' results: what moved, per strategy, and whether it is beyond the noise.",
        discussion: """
        Strategies are matched by name. For the 429 rate, requests per execution, detection \
        lag p50/p99, time to outcome p50, latency p99, abandoned and errored executions it \
        prints old, new, the change and, when both runs have --replications 2 or more, a \
        95% interval of the change (Welch's t over the seeds) and whether it excludes 0. \
        --fail-if judges the change NEW - OLD: rate_429>0.01 fails when the 429 rate rose \
        by more than a point, any:detection_lag_ms_p99>500 when any strategy's p99 lag grew \
        by more than 500 ms. Exit status 99 when a threshold is breached.

        Examples:
          pollster simulate s.yaml --replications 5 --out before
          pollster simulate s.yaml --replications 5 --out after
          pollster compare before/results.json after/results.json --out compare
          pollster compare before/results.json after/results.json \\
            --fail-if "rate_429>0.01" --fail-if "polls_per_execution_mean>0.5"
        """
    )

    @Argument(help: ArgumentHelp("The old run's results.json.", valueName: "old"))
    var oldPath: String

    @Argument(help: ArgumentHelp("The new run's results.json.", valueName: "new"))
    var newPath: String

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Also write compare.html and compare.csv into this directory.", valueName: "dir"))
    var out: String?

    @Option(name: .customLong("fail-if"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Fail (exit 99) when the change NEW - OLD of [SCOPE:]METRIC OP NUMBER holds, e.g. rate_429>0.01; repeatable.", valueName: "expr"))
    var failIf: [String] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Write the thresholds' results as JUnit XML to this file.", valueName: "file"))
    var junit: String?

    @Flag(name: .long, help: "Print only errors and breached thresholds.")
    var quiet = false

    func run() throws {
        let old: RunResult, new: RunResult
        do {
            old = try ResultsJSON.read(path: oldPath)
            new = try ResultsJSON.read(path: newPath)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        let comparison = RunComparison(old: old, new: new)
        let shared = new.strategies.map(\.name).filter { name in old.strategies.contains { $0.name == name } }
        if shared.isEmpty {
            Terminal.error("error: \(oldPath) and \(newPath) have no strategy in common (old: \(old.strategies.map(\.name).joined(separator: ", ")); new: \(new.strategies.map(\.name).joined(separator: ", ")))")
            throw ExitCode(1)
        }
        let thresholds = try ThresholdOutput.parse(failIf, strategies: shared)
        let judged = comparison.judge(thresholds)
        if !quiet {
            if old.scenario.name != new.scenario.name || old.scenario.scenarioHash != new.scenario.scenarioHash && old.scenario.scenarioHash != nil {
                Terminal.error("note: the runs are of different scenarios or versions of one (\(old.scenario.name), \(new.scenario.name)); the figures are compared as they are")
            }
            Terminal.output(ComparisonText.console(comparison))
        }
        if let out {
            let directory = out.hasSuffix("/") ? out : out + "/"
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                let html = ComparisonText.html(comparison, old: (oldPath, old), new: (newPath, new), thresholds: judged)
                try Data(html.utf8).write(to: URL(fileURLWithPath: directory + "compare.html"), options: .atomic)
                try Data(ComparisonText.csv(comparison).utf8).write(to: URL(fileURLWithPath: directory + "compare.csv"), options: .atomic)
            } catch {
                Terminal.error("error: cannot write into \(out): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            if !quiet { Terminal.wrote([directory + "compare.html", directory + "compare.csv"]) }
        }
        if let junit {
            do {
                let xml = JUnitReport.render(judged, classname: "pollster.compare.\(new.scenario.name)", measure: "change in ")
                try Data(xml.utf8).write(to: URL(fileURLWithPath: junit), options: .atomic)
            } catch {
                Terminal.error("error: cannot write \(junit): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        guard !judged.isEmpty else { return }
        for line in ThresholdLines.breaches(judged) { Terminal.error(line) }
        if !quiet { Terminal.error(ThresholdLines.tally(judged)) }
        if judged.contains(where: \.breached) { throw ExitCode(ThresholdOutput.breachedStatus) }
    }
}
