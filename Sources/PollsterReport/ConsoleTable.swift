import PollsterCore

/// The summary as an aligned table for a terminal, the best value of each column in bold
/// green when colour is on.
public struct ConsoleTable: Sendable {
    public var colour: Bool

    /// A table renderer; `colour` highlights the best values with ANSI bold green.
    public init(colour: Bool) { self.colour = colour }

    private struct Column {
        var title: String
        /// Lower is better; nil: not ranked.
        var rank: ((StrategySummary) -> Double)?
        var text: (StrategySummary) -> String
    }

    /// The table's text, one line per strategy under a header and a rule.
    public func render(_ result: RunResult) -> String {
        let summaries = result.strategies.map(StrategySummary.init)
        let seconds: (UInt64) -> String = { micros in
            micros >= 10_000_000 ? DecimalFormat.fixed(Double(micros) / 1e6, 1) + "s" : DecimalFormat.fixed(Double(micros) / 1e6, 2) + "s"
        }
        let columns: [Column] = [
            Column(title: "strategy", rank: nil, text: { $0.strategy }),
            Column(title: "requests", rank: { Double($0.requests) }, text: { String($0.requests) }),
            Column(title: "polls/exec", rank: { $0.pollsMean }, text: { DecimalFormat.fixed($0.pollsMean, 2) }),
            Column(title: "429s", rank: { Double($0.requests429) }, text: { String($0.requests429) }),
            Column(title: "429 rate", rank: { $0.rate429 }, text: { DecimalFormat.fixed($0.rate429 * 100, 1) + "%" }),
            Column(title: "lag p50", rank: { Double($0.lagP50) }, text: { seconds($0.lagP50) }),
            Column(title: "lag p99", rank: { Double($0.lagP99) }, text: { seconds($0.lagP99) }),
            Column(title: "lag max", rank: { Double($0.lagMax) }, text: { seconds($0.lagMax) }),
            Column(title: "abandoned", rank: { Double($0.abandoned) }, text: { String($0.abandoned) }),
            Column(title: "errors", rank: nil, text: { String($0.errors) }),
            Column(title: "latency p99", rank: nil, text: { DecimalFormat.fixed(Double($0.latencyP99) / 1000, 1) + "ms" }),
        ]
        let cells = summaries.map { s in columns.map { $0.text(s) } }
        let best: [Double?] = columns.map { column in
            guard let rank = column.rank, summaries.count > 1 else { return nil }
            let values = summaries.map(rank)
            let low = values.min()
            return low == values.max() ? nil : low
        }
        var out = TextTable.render(header: columns.map(\.title), rows: cells, leftAligned: 1) { row, c, padded in
            guard colour, let target = best[c], let rank = columns[c].rank, rank(summaries[row]) == target else { return padded }
            return "\u{1B}[1;32m" + padded + "\u{1B}[0m"
        }
        if result.partial { out += "(partial: the run was interrupted; figures cover what happened until then)\n" }
        return out
    }
}
