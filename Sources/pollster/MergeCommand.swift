import ArgumentParser
import Foundation
import PollsterCore
import PollsterReport

/// `pollster merge`: the shards of a `--shard I/N` simulation, merged into one report.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the results of --shard runs into the report of the whole run.",
        discussion: """
        Counters add, histograms merge losslessly and time series add bucket by bucket: \
        summary.csv is byte-identical to the unsharded run's. Refuses files that are not \
        the complete set of shards of one scenario and seed.

        Example (three shards, on one machine or three):
          pollster simulate s.yaml --shard 0/3 --out shards/0
          pollster simulate s.yaml --shard 1/3 --out shards/1
          pollster simulate s.yaml --shard 2/3 --out shards/2
          pollster merge shards/*/results.json --out reports/s
        """
    )

    @Argument(help: ArgumentHelp("The results.json of every shard.", valueName: "results.json"))
    var resultsPaths: [String]

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Output directory for the merged report.", valueName: "dir"))
    var out: String

    @Flag(name: .long, help: "Replace the report already in the output directory.")
    var force = false

    func validate() throws {
        if resultsPaths.isEmpty { throw ValidationError("give the results.json of every shard") }
    }

    func run() throws {
        var shards: [(path: String, result: RunResult)] = []
        for path in resultsPaths {
            do {
                shards.append((path, try ResultsJSON.read(path: path)))
            } catch {
                Terminal.error("error: \(error)")
                throw ExitCode(1)
            }
        }
        let merged: RunResult
        do {
            merged = try ShardMerge.merge(shards)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        let earlier = (out.hasSuffix("/") ? out : out + "/") + "results.json"
        if !force, FileManager.default.fileExists(atPath: earlier) {
            Terminal.error("error: \(out) already holds a report (\(earlier)); add --force to replace it, or choose another folder with --out")
            throw ExitCode(1)
        }
        let written: [String]
        do {
            written = try ReportWriter(directory: out, formats: [.csv, .json, .html]).write(merged)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        Terminal.wrote(written)
        Terminal.output(ConsoleTable(colour: Terminal.stdoutWantsColour).render(merged) + Verdict(merged).headline + "\n")
        let violations = Conservation.violations(merged)
        if !violations.isEmpty {
            Terminal.error("error: the merged figures do not add up (a bug in pollster):")
            for violation in violations { Terminal.error("  \(violation)") }
            throw ExitCode(70)
        }
    }
}
