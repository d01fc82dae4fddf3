import Mustache
import PollsterCore

/// report.html: one self-contained page (inline CSS and SVG, no scripts, no fetches) with
/// the run's scenario, verdict, summary table and charts, each chart followed by its data.
/// The same ``RunResult`` always gives the same bytes.
public enum HTMLReport {
    /// The page's text.
    public static func render(_ result: RunResult, budget429: Double = Verdict.defaultBudget429) throws -> String {
        let template = try MustacheTemplate(string: ReportTemplate.text)
        return template.render(page(result, budget429: budget429))
    }

    /// The values the template shows.
    static func page(_ result: RunResult, budget429: Double) -> ReportPage {
        let info = result.scenario
        return ReportPage(
            title: "pollster report: \(info.name)",
            name: info.name,
            summary: info.summary,
            facts: facts(result, budget429: budget429),
            partial: result.partial,
            verdict: Verdict(result, budget429: budget429).sentences,
            summaryTable: summaryTable(result, budget429: budget429),
            strategies: result.strategies.map { ReportPage.Fact(label: $0.name, value: $0.description) },
            charts: ReportCharts.all(result, budget429: budget429)
        )
    }

    /// The mode in plain words.
    static func mode(_ info: ScenarioInfo) -> String {
        switch info.mode {
        case .simulate:
            return "simulated (discrete-event, virtual time)"
        case .live:
            if info.target == "embedded" {
                return "live, against the embedded mock server (time scale \(Time.trimmed(info.timeScale))×)"
            }
            return "live, against \(info.target)"
        }
    }

    static func facts(_ result: RunResult, budget429: Double) -> [ReportPage.Fact] {
        let info = result.scenario
        let seed = result.replications > 1
            ? "\(info.seed) (\(result.replications) replications: seeds \(info.seed) to \(info.seed &+ UInt64(result.replications - 1)), merged)"
            : String(info.seed)
        return [
            ReportPage.Fact(label: "Mode", value: mode(info)),
            ReportPage.Fact(label: "Seed", value: seed),
            ReportPage.Fact(label: "Executions per strategy", value: String(info.executions * result.replications)),
            ReportPage.Fact(label: "Strategies", value: String(result.strategies.count)),
            ReportPage.Fact(label: "Time bucket", value: Time.describe(info.bucket)),
            ReportPage.Fact(label: "429 budget", value: "\(Verdict.percent(budget429)) of requests (default)"),
        ]
    }

    /// The summary: one row per strategy, the lowest value of each ranked column marked best.
    static func summaryTable(_ result: RunResult, budget429: Double) -> ReportPage.Table {
        let summaries = result.strategies.map(StrategySummary.init)
        let seconds: (UInt64) -> String = { DecimalFormat.fixed(Double($0) / 1e6, 2) }
        typealias Column = (title: String, rank: ((StrategySummary) -> Double)?, text: (StrategySummary) -> String)
        let columns: [Column] = [
            ("requests", { Double($0.requests) }, { String($0.requests) }),
            ("requests / execution", { $0.pollsMean }, { DecimalFormat.fixed($0.pollsMean, 2) }),
            ("429 rate", { $0.rate429 }, { Verdict.percent($0.rate429) }),
            ("under budget", nil, { $0.rate429 <= budget429 ? "yes" : "no" }),
            ("lag p50 (s)", { Double($0.lagP50) }, { seconds($0.lagP50) }),
            ("lag p90 (s)", { Double($0.lagP90) }, { seconds($0.lagP90) }),
            ("lag p99 (s)", { Double($0.lagP99) }, { seconds($0.lagP99) }),
            ("lag max (s)", { Double($0.lagMax) }, { seconds($0.lagMax) }),
            ("abandoned", { Double($0.abandoned) }, { String($0.abandoned) }),
            ("errors", { Double($0.errors) }, { String($0.errors) }),
            ("latency p99 (ms)", nil, { DecimalFormat.milliseconds(fromMicros: $0.latencyP99) }),
        ]
        let best: [Double?] = columns.map { column in
            guard let rank = column.rank, summaries.count > 1 else { return nil }
            let values = summaries.map(rank)
            return values.min() == values.max() ? nil : values.min()
        }
        return ReportPage.Table(
            header: [ReportPage.Cell("strategy")] + columns.map { ReportPage.Cell($0.title, numeric: true) },
            rows: summaries.map { summary in
                ReportPage.Row(cells: [ReportPage.Cell(summary.strategy)] + columns.indices.map { c in
                    let isBest = best[c].map { target in columns[c].rank.map { $0(summary) == target } ?? false } ?? false
                    return ReportPage.Cell(columns[c].text(summary), numeric: true, best: isBest)
                })
            }
        )
    }
}
