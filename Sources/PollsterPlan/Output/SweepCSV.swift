import PollsterCore
import PollsterReport

/// sweep.csv: one row per point and strategy: the point, the varied values, summary.csv's
/// columns, then the mean and 95% interval across replications of the charted metrics,
/// whether the row is on the cost-versus-freshness Pareto frontier, and whether it is a
/// reference (a strategy run once on the scenario as written: point and values empty).
public enum SweepCSV {
    /// The table of `result`.
    public static func table(_ result: SweepResult) -> CSVTable {
        var header = ["point"] + result.axes.map(\.path.description) + StrategySummary.columns + ["replications"]
        for metric in SweepChart.metrics {
            header += [metric.rawValue + "_mean", metric.rawValue + "_ci95_low", metric.rawValue + "_ci95_high"]
        }
        header += ["pareto", "reference"]
        let frontier = Set(result.frontier)
        let rows = result.rows.enumerated().map { index, row -> [String] in
            var fields = [row.point.map(String.init) ?? ""]
            fields += row.isReference ? result.axes.map { _ in "" } : row.values.map(\.text)
            fields += row.summary.fields
            fields.append(String(result.replications))
            for metric in SweepChart.metrics {
                let interval = row.interval(metric)
                let digits = metric == .rate429 ? 6 : 3
                fields += [interval.mean, interval.low, interval.high].map { DecimalFormat.fixed($0, digits) }
            }
            fields.append(frontier.contains(index) ? "true" : "false")
            fields.append(row.isReference ? "true" : "false")
            return fields
        }
        return CSVTable(header: header, rows: rows)
    }
}
