import ArgumentParser
import PollsterCore
import PollsterPlan

/// The limits tune and capacity respect: 429 rate, polls per execution, detection lag p99.
struct ConstraintOptions: ParsableArguments {
    @Option(name: .customLong("max-429-rate"), parsing: .unconditional, help: ArgumentHelp("Highest allowed 429 rate: a fraction (0.01) or a percentage (1%).", valueName: "rate"))
    var max429Rate: String?

    @Option(name: .customLong("max-polls-per-execution"), parsing: .unconditional, help: ArgumentHelp("Highest allowed mean polls per execution.", valueName: "polls"))
    var maxPolls: Double?

    @Option(name: .customLong("max-lag-p99"), parsing: .unconditional, help: ArgumentHelp("Highest allowed detection lag p99, a duration such as 10s.", valueName: "duration"))
    var maxLagP99: String?

    func validate() throws {
        _ = try constraints()
    }

    /// The limits given, the 429 rate first.
    func constraints() throws -> [TuningConstraint] {
        var constraints: [TuningConstraint] = []
        if let max429Rate {
            constraints.append(TuningConstraint(metric: .rate429, limit: try PlanRun.fraction(max429Rate, flag: "--max-429-rate"), flag: "--max-429-rate"))
        }
        if let maxPolls {
            guard maxPolls > 0, maxPolls.isFinite else { throw ValidationError("--max-polls-per-execution must be positive, got \(maxPolls)") }
            constraints.append(TuningConstraint(metric: .pollsPerExecution, limit: maxPolls, flag: "--max-polls-per-execution"))
        }
        if let maxLagP99 {
            let nanos: Nanoseconds
            do {
                nanos = try DurationParser.parse(maxLagP99)
            } catch {
                throw ValidationError("--max-lag-p99: \(error.message)")
            }
            guard nanos > 0 else { throw ValidationError("--max-lag-p99 must be positive, got \(maxLagP99)") }
            constraints.append(TuningConstraint(metric: .lagP99, limit: Time.toMilliseconds(nanos), flag: "--max-lag-p99"))
        }
        return constraints
    }
}
