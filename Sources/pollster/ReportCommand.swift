import ArgumentParser
import Foundation
import PollsterCore
import PollsterReport

/// `pollster report`: renders a saved results.json's files again.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a run's report files again from its saved results.json.",
        discussion: """
        Renders summary.csv, timeseries.csv, latency.csv, lag.csv (and executions.csv when \
        the run kept per-execution detail), results.json and report.html from results.json \
        alone. The files are byte-identical to the ones the run wrote.

        Examples:
          pollster report reports/quickstart/results.json
          pollster report reports/quickstart/results.json --format html \\
            --out /tmp/q
          pollster report results.json --format csv,json
          pollster report results.json --fail-if 'rate_429>0.01' \\
            --junit thresholds.xml
        """
    )

    @Argument(help: ArgumentHelp("A results.json written by run or simulate.", valueName: "results.json"))
    var resultsPath: String

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Output directory (default: the directory of results.json).", valueName: "dir"))
    var out: String?

    @Option(
        name: .long,
        parsing: .unconditional,
        help: ArgumentHelp("Comma-separated formats to write: csv, html, json, hgrm (default: csv,html,json).", valueName: "formats"),
        transform: ReportCommand.formats
    )
    var format: [ReportFormat]?

    /// Parses `csv,html,json`.
    static func formats(_ text: String) throws -> [ReportFormat] {
        var formats: [ReportFormat] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = ReportFormat(rawValue: trimmed) else {
                throw ValidationError("unknown format \"\(trimmed)\" in --format; use csv, html, json and/or hgrm, e.g. --format csv,html")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }

    @Option(name: .customLong("fail-if"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Judge the run anew by [SCOPE:]METRIC OP NUMBER (replacing the thresholds it recorded); exit 99 when one holds. Repeatable.",
        valueName: "expr"))
    var failIf: [String] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Write the thresholds' results as JUnit XML to this file.", valueName: "file"))
    var junit: String?

    func run() throws {
        var result: RunResult
        do {
            result = try ResultsJSON.read(path: resultsPath)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        if !failIf.isEmpty {
            result = ThresholdEvaluator.judged(result, by: try ThresholdOutput.parse(failIf, strategies: result.strategies.map(\.name)))
        }
        let directory = out ?? Self.directory(of: resultsPath)
        let writer = ReportWriter(directory: directory, formats: format ?? [.csv, .json, .html])
        do {
            Terminal.wrote(try writer.write(result))
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        try ThresholdOutput.report(result, junit: junit, quiet: false)
        if !failIf.isEmpty, result.thresholds?.contains(where: \.breached) == true { throw ExitCode(ThresholdOutput.breachedStatus) }
    }

    /// The directory part of `path` ("." for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
