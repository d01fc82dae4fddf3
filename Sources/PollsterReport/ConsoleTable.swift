import PollsterCore

/// The summary as an aligned table for a terminal, the best value of each column in bold
/// green when colour is on (among the strategies the verdict ranks), and for a partial run
/// a line saying how many executions each strategy started. The CLI prints the verdict's
/// ``Verdict/headline`` under it; saturation and all-failed runs are told in their own
/// lines (``SaturationWarning``, ``FailureSummary``).
public struct ConsoleTable: Sendable {
    public var colour: Bool

    /// A table renderer; `colour` highlights the best values with ANSI bold green.
    public init(colour: Bool) { self.colour = colour }

    /// What a cell shows for a figure that was not measured (nothing detected, no response).
    public static let notMeasured = "-"

    private struct Column {
        var title: String
        /// Lower is better; nil: not ranked (or no value for this strategy).
        var rank: ((StrategySummary) -> Double?)?
        var text: (StrategySummary) -> String
    }

    /// The table's text, one line per strategy under a header and a rule.
    public func render(_ result: RunResult) -> String {
        let summaries = result.strategies.map(StrategySummary.init)
        let seconds: (UInt64?) -> String = { micros in
            guard let micros else { return Self.notMeasured }
            return DecimalFormat.fixed(Double(micros) / 1e6, 2) + "s"
        }
        let lag: (UInt64?) -> Double? = { $0.map(Double.init) }
        let columns: [Column] = [
            Column(title: "strategy", rank: nil, text: { $0.strategy }),
            Column(title: "requests", rank: { Double($0.requests) }, text: { String($0.requests) }),
            // A mean over no executions, a rate over no requests: not measured, not zero.
            Column(title: "polls/exec", rank: { $0.pollsMean }, text: { $0.executions == 0 ? Self.notMeasured : DecimalFormat.fixed($0.pollsMean, 2) }),
            Column(title: "429s", rank: { Double($0.requests429) }, text: { String($0.requests429) }),
            Column(title: "429 rate", rank: { $0.rate429 }, text: { $0.requests == 0 ? Self.notMeasured : DecimalFormat.fixed($0.rate429 * 100, 1) + "%" }),
            Column(title: "lag p50", rank: { lag($0.lagP50) }, text: { seconds($0.lagP50) }),
            Column(title: "lag p99", rank: { lag($0.lagP99) }, text: { seconds($0.lagP99) }),
            Column(title: "lag max", rank: { lag($0.lagMax) }, text: { seconds($0.lagMax) }),
            Column(title: "abandoned", rank: { Double($0.abandoned) }, text: { String($0.abandoned) }),
            Column(title: "errors", rank: nil, text: { String($0.failedRequests) }),
            Column(title: "latency p99", rank: nil, text: {
                $0.latencyMeasured ? DecimalFormat.milliseconds(fromMicros: $0.latencyP99, digits: 2) + "ms" : Self.notMeasured
            }),
        ]
        let cells = summaries.map { s in columns.map { $0.text(s) } }
        // Only what the verdict ranks can be best: not a strategy whose every request failed
        // (cheap and 429-free only because it learnt nothing), nor one that did not run.
        let ranked = Verdict.ranked(result)
        func value(_ column: Column, _ row: Int) -> Double? {
            guard ranked[row] else { return nil }
            return column.rank?(summaries[row])
        }
        let best: [Double?] = columns.map { column in
            guard column.rank != nil else { return nil }
            let values = summaries.indices.compactMap { value(column, $0) }
            guard values.count > 1, let low = values.min(), low != values.max() else { return nil }
            return low
        }
        var out = TextTable.render(header: columns.map(\.title), rows: cells, leftAligned: 1) { row, c, padded in
            guard colour, let target = best[c], value(columns[c], row) == target else { return padded }
            return "\u{1B}[1;32m" + padded + "\u{1B}[0m"
        }
        if let note = RunCoverage(result).consoleNote { out += note + "\n" }
        return out
    }
}
