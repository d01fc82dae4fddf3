import ArgumentParser
import Foundation
import PollsterCore
import PollsterReport

/// What a command says about a run's thresholds once its report is written: the JUnit
/// file (`--junit`), a line per breached threshold on stderr (even with `--quiet`) and the
/// tally.
enum ThresholdOutput {
    /// The exit status of a run that breached a threshold (k6's).
    static let breachedStatus: Int32 = 99

    /// The `--fail-if` expressions, each checked against `strategies`; a bad one is a
    /// one-line error naming it (`error: --fail-if "rate429>1": unknown metric ...`), exit 64.
    static func parse(_ expressions: [String], strategies: [String]) throws -> [Threshold] {
        try expressions.map { text in
            do {
                let threshold = try Threshold(parsing: text)
                try threshold.check(strategies: strategies)
                return threshold
            } catch {
                Terminal.error("error: --fail-if \(error)")
                throw ExitCode(64)
            }
        }
    }

    /// Writes `junit` (when given) and prints the thresholds' lines.
    static func report(_ result: RunResult, junit: String?, quiet: Bool) throws {
        if let junit {
            do {
                try Data(JUnitReport.render(result).utf8).write(to: URL(fileURLWithPath: junit), options: .atomic)
            } catch {
                Terminal.error("error: cannot write \(junit): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            if !quiet { Terminal.wrote([junit]) }
        }
        guard let results = result.thresholds, !results.isEmpty else { return }
        for line in ThresholdLines.breaches(results) { Terminal.error(line) }
        if !quiet { Terminal.error(ThresholdLines.tally(results)) }
    }
}
