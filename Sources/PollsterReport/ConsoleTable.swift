import PollsterCore

/// The summary as an aligned table for a terminal, the best value of each column in bold
/// green when colour is on.
public struct ConsoleTable: Sendable {
    public var colour: Bool

    /// A table renderer; `colour` highlights the best values with ANSI bold green.
    public init(colour: Bool) { self.colour = colour }

    private struct Column {
        var title: String
        var rightAligned: Bool
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
            Column(title: "strategy", rightAligned: false, rank: nil, text: { $0.strategy }),
            Column(title: "requests", rightAligned: true, rank: { Double($0.requests) }, text: { String($0.requests) }),
            Column(title: "polls/exec", rightAligned: true, rank: { $0.pollsMean }, text: { DecimalFormat.fixed($0.pollsMean, 2) }),
            Column(title: "429s", rightAligned: true, rank: { Double($0.requests429) }, text: { String($0.requests429) }),
            Column(title: "429 rate", rightAligned: true, rank: { $0.rate429 }, text: { DecimalFormat.fixed($0.rate429 * 100, 1) + "%" }),
            Column(title: "lag p50", rightAligned: true, rank: { Double($0.lagP50) }, text: { seconds($0.lagP50) }),
            Column(title: "lag p99", rightAligned: true, rank: { Double($0.lagP99) }, text: { seconds($0.lagP99) }),
            Column(title: "lag max", rightAligned: true, rank: { Double($0.lagMax) }, text: { seconds($0.lagMax) }),
            Column(title: "abandoned", rightAligned: true, rank: { Double($0.abandoned) }, text: { String($0.abandoned) }),
            Column(title: "errors", rightAligned: true, rank: nil, text: { String($0.errors) }),
            Column(title: "latency p99", rightAligned: true, rank: nil, text: { DecimalFormat.fixed(Double($0.latencyP99) / 1000, 1) + "ms" }),
        ]
        let cells = summaries.map { s in columns.map { $0.text(s) } }
        let widths = columns.indices.map { c in
            ([columns[c].title.count] + cells.map { $0[c].count }).max() ?? 0
        }
        let best: [Double?] = columns.map { column in
            guard let rank = column.rank, summaries.count > 1 else { return nil }
            let values = summaries.map(rank)
            let low = values.min()
            return low == values.max() ? nil : low
        }
        func pad(_ text: String, _ width: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: Swift.max(0, width - text.count))
            return right ? fill + text : text + fill
        }
        var out = columns.indices.map { pad(columns[$0].title, widths[$0], right: columns[$0].rightAligned) }.joined(separator: "  ")
        out += "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for (row, summary) in summaries.enumerated() {
            let line = columns.indices.map { c -> String in
                let text = pad(cells[row][c], widths[c], right: columns[c].rightAligned)
                if colour, let target = best[c], let rank = columns[c].rank, rank(summary) == target {
                    return "\u{1B}[1;32m" + text + "\u{1B}[0m"
                }
                return text
            }
            out += line.joined(separator: "  ") + "\n"
        }
        if result.partial { out += "(partial: the run was interrupted; figures cover what happened until then)\n" }
        return out
    }
}
