import PollsterCore
import PollsterReport

/// capacity.csv: one row per strategy: its capacity (mean over seeds) with the 95%
/// interval, how the search ended, and the capacity found on each seed.
public enum CapacityCSV {
    /// The table of `result`.
    public static func table(_ result: CapacityResult) -> CSVTable {
        let header = ["strategy", "path", "unit", "capacity", "ci95_low", "ci95_high", "status", "bound", "seeds", "max_429_rate"]
            + result.constraints.dropFirst().map { "max_" + $0.metric.rawValue } + ["per_seed"]
        let rows = result.estimates.map { estimate -> [String] in
            let i = estimate.interval
            let number = { (value: Double) in i.count == 0 ? "" : DecimalFormat.fixed(value, 6) }
            var bound = ""
            switch estimate.status {
            case .found, .unfinished: break
            case .belowRange(let value), .aboveRange(let value): bound = DecimalFormat.fixed(value, 6)
            }
            return [estimate.strategy, result.axis.path.description, result.axis.unitName, number(i.mean), number(i.low), number(i.high),
                    status(estimate.status), bound, String(i.count), DecimalFormat.fixed(result.constraints[0].limit, 6)]
                + result.constraints.dropFirst().map { DecimalFormat.fixed($0.limit, 6) }
                + [estimate.perSeed.map { $0.map { DecimalFormat.fixed($0, 6) } ?? "" }.joined(separator: " ")]
        }
        return CSVTable(header: header, rows: rows)
    }

    /// `found`, `below_range`, `above_range` or `unfinished`.
    static func status(_ status: CapacityEstimate.Status) -> String {
        switch status {
        case .found: return "found"
        case .belowRange: return "below_range"
        case .aboveRange: return "above_range"
        case .unfinished: return "unfinished"
        }
    }
}
