import PollsterCharts
import PollsterCore

/// `pollster compare`'s console table and its HTML page.
public enum ComparisonText {
    static let header = ["strategy", "figure", "old", "new", "change", "95% interval of the change", "moved"]

    /// One row of cells per change.
    static func cells(_ comparison: RunComparison) -> [[String]] {
        comparison.changes.map { row in
            let metric = row.metric
            let format = { (value: Double?) in value.map { DecimalFormat.fixed($0, metric.decimals) } ?? "-" }
            var change = row.change.map { ($0 > 0 ? "+" : "") + DecimalFormat.fixed($0, metric.decimals) } ?? "-"
            if let relative = row.relative { change += " (" + (relative > 0 ? "+" : "") + DecimalFormat.fixed(relative * 100, 1) + "%)" }
            let interval = row.interval.map { "[\(DecimalFormat.fixed($0.low, metric.decimals)), \(DecimalFormat.fixed($0.high, metric.decimals))]" }
                ?? "-"
            let moved = row.moved.map { $0 ? "yes" : "no" } ?? "-"
            return [row.strategy, metric.rawValue, format(row.old), format(row.new), change, interval, moved]
        }
    }

    /// The console table, then what the interval column is based on and any strategy in
    /// one run only.
    public static func console(_ comparison: RunComparison) -> String {
        var text = TextTable.render(header: header, rows: cells(comparison), leftAligned: 2)
        text += notes(comparison).map { $0 + "\n" }.joined()
        return text
    }

    static func notes(_ comparison: RunComparison) -> [String] {
        var notes: [String] = []
        let (old, new) = comparison.replications
        if old >= 2 && new >= 2 {
            notes.append("Intervals: Welch's t over \(old) and \(new) replications (seeds); \"moved\" when the interval excludes 0.")
        } else {
            notes.append("No intervals: each run has \(old) and \(new) replication\(new == 1 ? "" : "s"); with --replications 2 or more in both, the change gets a 95% interval.")
        }
        if !comparison.onlyInOld.isEmpty { notes.append("Only in the old run: " + comparison.onlyInOld.joined(separator: ", ") + ".") }
        if !comparison.onlyInNew.isEmpty { notes.append("Only in the new run: " + comparison.onlyInNew.joined(separator: ", ") + ".") }
        return notes
    }

    /// A self-contained page (no network): both runs, the table (changes that moved in
    /// colour: red when the figure grew, green when it shrank), the notes and thresholds.
    public static func html(_ comparison: RunComparison, old: (path: String, result: RunResult), new: (path: String, result: RunResult),
                            thresholds: [ThresholdResult]) -> String {
        func e(_ text: String) -> String { SVG.escape(text) }
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>pollster compare: \(e(new.result.scenario.name))</title>
            <style>
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
            table{border-collapse:collapse;margin:1em 0}th,td{padding:.3em .7em;border-bottom:1px solid #ddd;text-align:right}
            th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}.up{color:#b00020;font-weight:600}.down{color:#1b7f3b;font-weight:600}
            .fail{color:#b00020;font-weight:600}.pass{color:#1b7f3b}code{background:#f4f4f4;padding:0 .2em}
            </style></head><body>
            <h1>pollster compare</h1>
            <p>Old: <code>\(e(old.path))</code> (\(e(old.result.scenario.name)), seed \(old.result.scenario.seed), \(old.result.replications) replication(s))<br>
            New: <code>\(e(new.path))</code> (\(e(new.result.scenario.name)), seed \(new.result.scenario.seed), \(new.result.replications) replication(s))</p>

            """
        if !thresholds.isEmpty {
            page += "<h2>Thresholds on the change (NEW &minus; OLD)</h2><table><tr><th>threshold</th><th>strategy</th><th>change</th><th>result</th></tr>\n"
            for result in thresholds {
                for check in result.checks {
                    let failed = result.breached && check.exceeds
                    page += "<tr><td>\(e(result.threshold.expression))</td><td>\(e(check.strategy))</td><td>\(e(result.threshold.metric.formatted(check.actual)))</td>"
                    page += "<td class=\"\(failed ? "fail" : "pass")\">\(failed ? "FAIL" : "pass")</td></tr>\n"
                }
            }
            page += "</table>\n"
        }
        page += "<h2>What moved</h2><table><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for (row, cells) in zip(comparison.changes, cells(comparison)) {
            let direction = row.moved == true ? ((row.change ?? 0) > 0 ? "up" : "down") : ""
            page += "<tr>" + cells.enumerated().map { index, cell in
                index == 4 && !direction.isEmpty ? "<td class=\"\(direction)\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
            }.joined() + "</tr>\n"
        }
        page += "</table>\n"
        page += notes(comparison).map { "<p>\(e($0))</p>\n" }.joined()
        page += "</body></html>\n"
        return page
    }
}

extension ComparisonText {
    /// compare.csv: one row per strategy and figure (full precision, empty when not
    /// measured or without an interval).
    public static func csv(_ comparison: RunComparison) -> String {
        var table = CSVTable(header: ["strategy", "figure", "old", "new", "change", "relative_change", "interval_low", "interval_high", "moved"])
        for row in comparison.changes {
            let number = { (value: Double?) in value.map { DecimalFormat.fixed($0, row.metric.decimals + 3) } ?? "" }
            table.rows.append([row.strategy, row.metric.rawValue, number(row.old), number(row.new), number(row.change),
                               row.relative.map { DecimalFormat.fixed($0, 6) } ?? "", number(row.interval?.low), number(row.interval?.high),
                               row.moved.map { $0 ? "yes" : "no" } ?? ""])
        }
        return table.text
    }
}
