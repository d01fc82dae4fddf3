import PollsterCore
import Synchronization

/// What a live run has measured so far, readable at any moment from outside the run: for
/// a report written when the user quits at once (a second Ctrl-C), without waiting for the
/// run to wind down. Each strategy's run registers its accumulator; reading merges them.
public final class LiveRunTally: Sendable {
    private struct Entry {
        var name: String
        var description: String
        var accumulator: LiveMetricsAccumulator
    }

    private struct State {
        var scenario: Scenario?
        var entries: [Int: Entry] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The scenario as run (its time scale chosen), set when the run starts.
    package func begin(_ scenario: Scenario) {
        state.withLock { $0.scenario = scenario }
    }

    /// Strategy `index` of the scenario collects into `accumulator`.
    func register(_ index: Int, strategy: StrategySpec, accumulator: LiveMetricsAccumulator) {
        state.withLock { $0.entries[index] = Entry(name: strategy.name, description: strategy.summary, accumulator: accumulator) }
    }

    /// Everything measured so far, marked partial, or nil before any strategy started.
    /// Executions still being polled end here as stopped, with no polls: the requests they
    /// had sent are not in the figures (``Snapshot/cutOff`` says how many executions).
    public func snapshot() -> Snapshot? {
        let (scenario, entries) = state.withLock { ($0.scenario, $0.entries) }
        guard let scenario, !entries.isEmpty else { return nil }
        var cutOff = 0
        let strategies = entries.sorted { $0.key < $1.key }.map { _, entry -> StrategyResult in
            var metrics = entry.accumulator.metrics()
            let inFlight = Swift.max(0, entry.accumulator.started - metrics.executions)
            metrics.executions += inFlight
            metrics.stopped += inFlight
            for _ in 0..<inFlight { metrics.pollsPerExecution.record(0) }
            cutOff += inFlight
            return StrategyResult(name: entry.name, description: entry.description, metrics: metrics)
        }
        return Snapshot(result: RunResult(scenario: ScenarioInfo(scenario), partial: true, replications: 1, strategies: strategies),
                        cutOff: cutOff)
    }

    /// A live run's figures at one moment.
    public struct Snapshot: Sendable {
        public var result: RunResult
        /// Executions that were being polled: counted as stopped, their requests missing.
        public var cutOff: Int
    }
}
