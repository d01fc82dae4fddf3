import PollsterCore

/// How much of its planned run each strategy covered. A run that stopped early (Ctrl-C,
/// `--max-duration`, `--max-requests`) leaves each strategy finished, stopped part-way or
/// not run at all, and every output says which: report.html's header and summary,
/// summary.csv's `status` column, the console's partial line and the verdict.
struct RunCoverage: Sendable, Equatable {
    /// Where a strategy's run got to.
    enum Status: String, Sendable {
        /// Every planned execution started and its client loop ended.
        case finished
        /// Started, but stopped before every planned execution had started and ended.
        case stopped
        /// Not one execution started: the run stopped before the strategy began.
        case notRun = "not_run"
    }

    /// One strategy's coverage.
    struct Strategy: Sendable, Equatable {
        var name: String
        /// Executions started.
        var started: Int
        /// Of those, the executions whose client loop had not ended when the run stopped.
        var unfinished: Int
        var status: Status
    }

    /// Executions planned per strategy: the workload's, times the replications.
    var planned: Int
    /// True when the run stopped early.
    var partial: Bool
    /// The strategies, in run order.
    var strategies: [Strategy]

    /// The coverage of `result`. In a complete run every strategy that started an execution
    /// finished; in a partial one, a strategy finished when it started every planned
    /// execution and each one's loop ended (detected, abandoned or errored).
    init(_ result: RunResult) {
        let planned = result.scenario.executions * Swift.max(1, result.replications)
        self.planned = planned
        partial = result.partial
        strategies = result.strategies.map { strategy in
            let m = strategy.metrics
            let unfinished = m.stopped
            let status: Status
            if m.executions == 0 && m.requests == 0 {
                status = .notRun
            } else if !result.partial || (m.executions >= planned && unfinished == 0) {
                status = .finished
            } else {
                status = .stopped
            }
            return Strategy(name: strategy.name, started: m.executions, unfinished: unfinished, status: status)
        }
    }

    /// The names of the strategies with `status`, in run order.
    func names(_ status: Status) -> [String] {
        strategies.filter { $0.status == status }.map(\.name)
    }

    /// "1767 of 2000".
    func started(_ strategy: Strategy) -> String {
        "\(strategy.started) of \(planned)"
    }

    /// Executions per strategy for a report's header: the planned number for a complete
    /// run; for a partial one how many started, per strategy when they differ.
    var executionsPerStrategy: String {
        guard partial else { return String(planned) }
        if let first = strategies.first, strategies.allSatisfy({ $0.started == first.started && $0.status == first.status && $0.unfinished == first.unfinished }) {
            let unfinished = first.unfinished > 0 ? ", \(first.unfinished) unfinished" : ""
            return "\(started(first)) started\(unfinished) (the run stopped early)"
        }
        return "started, of \(planned) planned: \(perStrategy); the run stopped early"
    }

    /// Each strategy's executions started and where it got to:
    /// "fixed-2s 2000 (finished), expo 1767 (12 unfinished), docs 0 (did not run)".
    var perStrategy: String {
        strategies.map { strategy in
            switch strategy.status {
            case .finished: return "\(strategy.name) \(strategy.started) (finished)"
            case .notRun: return "\(strategy.name) 0 (did not run)"
            case .stopped: return "\(strategy.name) \(strategy.started)" + (strategy.unfinished > 0 ? " (\(strategy.unfinished) unfinished)" : "")
            }
        }.joined(separator: ", ")
    }

    /// The console's line for a partial run; nil for a complete one.
    var consoleNote: String? {
        guard partial else { return nil }
        return "partial: the run stopped early; executions started of \(planned) per strategy: \(perStrategy)"
    }
}
