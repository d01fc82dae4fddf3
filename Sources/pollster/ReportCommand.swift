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
        """
    )

    @Argument(help: ArgumentHelp("A results.json written by run or simulate.", valueName: "results.json"))
    var resultsPath: String

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Output directory (default: the directory of results.json).", valueName: "dir"))
    var out: String?

    @Option(
        name: .long,
        parsing: .unconditional,
        help: ArgumentHelp("Comma-separated formats to write: csv, html, json (default: all).", valueName: "formats"),
        transform: ReportCommand.formats
    )
    var format: [ReportFormat]?

    /// Parses `csv,html,json`.
    static func formats(_ text: String) throws -> [ReportFormat] {
        var formats: [ReportFormat] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = ReportFormat(rawValue: trimmed) else {
                throw ValidationError("unknown format \"\(trimmed)\" in --format; use csv, html and/or json, e.g. --format csv,html")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }

    func run() throws {
        let result: RunResult
        do {
            result = try ResultsJSON.read(path: resultsPath)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        let directory = out ?? Self.directory(of: resultsPath)
        let writer = ReportWriter(directory: directory, formats: format ?? [.csv, .json, .html])
        do {
            Terminal.wrote(try writer.write(result))
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// The directory part of `path` ("." for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
