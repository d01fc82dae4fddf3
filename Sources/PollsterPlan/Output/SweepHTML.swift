import Mustache
import PollsterCharts
import PollsterReport

/// sweep.html: one self-contained page (inline CSS, SVG and the charts' legend script, no
/// fetches) with what was swept, a chart per metric (the varied strategy as lines, the
/// reference strategies as dashed horizontal lines), the cost-versus-freshness frontier and
/// every row. Its charts are report.html's (PollsterCharts): the same stylesheet, the same
/// legend that hides or shows a series on a click, the same titles on hover. The same
/// ``SweepResult`` always gives the same bytes.
public enum SweepHTML {
    /// The columns of the page's table, after the axes and the strategy.
    static let metrics: [PlanMetric] = [.rate429, .pollsPerExecution, .lagP50, .lagP99]

    /// The page's text.
    public static func render(_ result: SweepResult) throws -> String {
        let template = try MustacheTemplate(string: SweepPageTemplate.text)
        return template.render(page(result))
    }

    /// The values the template shows.
    static func page(_ result: SweepResult) -> SweepPage {
        SweepPage(
            title: "pollster sweep: \(result.scenarioName)",
            lead: lead(result),
            facts: facts(result),
            partial: result.partial,
            charts: SweepChart.panels(result).map { SweepPage.Chart(id: $0.id, heading: $0.heading, caption: $0.caption, svg: $0.svg) },
            table: table(result),
            tableNote: "The lowest value of each column is in bold green (lower is better everywhere). "
                + "Pareto: no other row has both fewer polls per execution and a shorter detection lag p99."
                + (result.referenceRows.isEmpty ? "" : " Reference rows ran once, on the scenario as written."),
            strategies: strategyFacts(result)
        )
    }

    /// What was swept, in one sentence.
    static func lead(_ result: SweepResult) -> String {
        let axes = result.axes.map { "\($0.values.count) value\($0.values.count == 1 ? "" : "s") of \($0.path)" }.joined(separator: " × ")
        let references = result.referenceRows.count
        if let varied = result.variedStrategy {
            var text = "\(varied) simulated at \(axes)"
            if references > 0 {
                text += "; the \(references == 1 ? "other strategy" : "\(references) other strategies") once, on the scenario as written, as reference\(references == 1 ? "" : "s")"
            }
            return text + "."
        }
        let strategies = SweepChart.sweptStrategies(result).count
        return "\(strategies == 1 ? "One strategy" : "\(strategies) strategies") simulated at every point of \(axes)."
    }

    static func facts(_ result: SweepResult) -> [SweepPage.Fact] {
        var facts = [SweepPage.Fact(label: "Scenario", value: result.scenarioSummary)]
        for (axis, written) in zip(result.axes, result.scenarioValues) {
            let values = axis.values.map(\.text).joined(separator: ", ")
            facts.append(SweepPage.Fact(label: axis.path.description, value: values + (written.map { " (scenario file: \($0))" } ?? "")))
        }
        if let varied = result.variedStrategy { facts.append(SweepPage.Fact(label: "Varied strategy", value: varied)) }
        let references = result.referenceRows.map(\.strategy)
        if !references.isEmpty { facts.append(SweepPage.Fact(label: "References", value: references.joined(separator: ", "))) }
        let seed = result.replications > 1
            ? "\(result.seed) (\(result.replications) replications: seeds \(result.seed) to \(result.seed &+ UInt64(result.replications - 1)), merged; ± is the 95% interval of the mean)"
            : String(result.seed)
        facts.append(SweepPage.Fact(label: "Seed", value: seed))
        let points = result.axes.reduce(1) { $0 * $1.values.count }
        let swept = SweepChart.sweptStrategies(result).count
        var count = "\(points) point\(points == 1 ? "" : "s") × \(swept) strateg\(swept == 1 ? "y" : "ies")"
        if !references.isEmpty { count += " + \(references.count) reference\(references.count == 1 ? "" : "s")" }
        if result.replications > 1 { count = (references.isEmpty ? count : "(\(count))") + " × \(result.replications) seeds" }
        facts.append(SweepPage.Fact(label: "Simulations", value: "\(result.simulations): \(count)"))
        return facts
    }

    /// Every row: the axis values (or "scenario as written" for a reference), the
    /// strategy, the charted metrics and whether the row is on the frontier.
    static func table(_ result: SweepResult) -> SweepPage.Table {
        let withIntervals = result.replications > 1
        let header = result.axes.map { SweepPage.Cell($0.path.description) } + [SweepPage.Cell("strategy")]
            + metrics.map { SweepPage.Cell($0.label, numeric: true) } + [SweepPage.Cell("Pareto")]
        let best = metrics.map { metric in result.rows.map { $0.value(metric) }.filter(\.isFinite).min() }
        let frontier = Set(result.frontier)
        let rows = result.rows.enumerated().map { index, row in
            var cells: [SweepPage.Cell]
            if row.isReference {
                cells = result.axes.indices.map { $0 == 0 ? SweepPage.Cell("reference: scenario as written") : SweepPage.Cell("") }
            } else {
                cells = row.values.map { SweepPage.Cell($0.text, numeric: $0.number != nil) }
            }
            cells.append(SweepPage.Cell(row.strategy))
            for (metric, lowest) in zip(metrics, best) {
                let value = row.value(metric)
                var text = metric.describe(value)
                if withIntervals { text += " ±" + metric.describe(row.interval(metric).halfWidth, digits: 2) }
                cells.append(SweepPage.Cell(text, numeric: true, best: value == lowest))
            }
            cells.append(SweepPage.Cell(frontier.contains(index) ? "yes" : ""))
            return SweepPage.Row(cells: cells, cssClass: row.isReference ? "reference" : nil)
        }
        return SweepPage.Table(header: header, rows: rows)
    }

    /// Each strategy once, in row order, with what it is (the varied one at the first point).
    static func strategyFacts(_ result: SweepResult) -> [SweepPage.Fact] {
        var seen: Set<String> = []
        var facts: [SweepPage.Fact] = []
        for row in result.rows where seen.insert(row.strategy).inserted {
            let paths = result.axes.map(\.path.description).joined(separator: ", ")
            let value = row.strategy == result.variedStrategy ? "varied over \(paths); at the first point: \(row.description)" : row.description
            facts.append(SweepPage.Fact(label: row.strategy, value: value))
        }
        return facts
    }
}
