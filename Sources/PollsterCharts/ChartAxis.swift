import PollsterCore
import Foundation

/// An axis of a chart: its label (with units), scale, range and labelled ticks.
struct ChartAxis: Sendable {
    /// How data values map to positions.
    enum Scale: Sendable {
        case linear
        /// Base-10 logarithmic; the range must be positive.
        case logarithmic
    }

    /// A labelled tick.
    struct Tick: Sendable {
        var value: Double
        var label: String
    }

    var label: String
    var scale: Scale
    var lower: Double
    var upper: Double
    var ticks: [Tick]
    /// Draw grid lines at the ticks.
    var grid = true
    /// Ticks name categories at the middle of equal slots (bar charts).
    var isCategorical = false

    /// Where `value` lies between `lower` (0) and `upper` (1), clamped.
    func fraction(_ value: Double) -> Double {
        let position: Double
        switch scale {
        case .linear:
            position = upper > lower ? (value - lower) / (upper - lower) : 0
        case .logarithmic:
            let low = log10(Swift.max(lower, 1e-12)), high = log10(Swift.max(upper, 1e-12))
            position = high > low ? (log10(Swift.max(value, 1e-12)) - low) / (high - low) : 0
        }
        return Swift.min(1, Swift.max(0, position.isFinite ? position : 0))
    }

    /// A linear axis from `lower` to a round number at or above `maximum`, with about five
    /// ticks at round steps (1, 2 or 5 times a power of ten).
    static func linear(_ label: String, lower: Double = 0, maximum: Double) -> ChartAxis {
        let top = maximum > lower ? maximum : lower + 1
        let step = niceStep((top - lower) / 5)
        let upper = (top / step).rounded(.up) * step
        let decimals = Swift.max(0, Int(-log10(step).rounded(.down)))
        var ticks: [Tick] = []
        var index = (lower / step).rounded(.up)
        while index * step <= upper + step / 1000 {
            let value = index * step
            ticks.append(Tick(value: value, label: DecimalFormat.fixed(value, decimals)))
            index += 1
        }
        return ChartAxis(label: label, scale: .linear, lower: lower, upper: upper, ticks: ticks)
    }

    /// A linear axis over [`minimum`, `maximum`], a little wider so that no point sits on
    /// the frame, from and to round numbers (a swept parameter's values).
    static func linear(_ label: String, minimum: Double, maximum: Double) -> ChartAxis {
        var low = minimum, high = maximum
        if high <= low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let padding = (high - low) * 0.04
        low -= padding
        high += padding
        let step = niceStep((high - low) / 5)
        // Not below zero for values that are not.
        let lower = minimum >= 0 ? Swift.max(0, (low / step).rounded(.down) * step) : (low / step).rounded(.down) * step
        return linear(label, lower: lower, maximum: high)
    }

    /// A base-10 logarithmic axis over [`minimum`, `maximum`] (both positive), padded by a
    /// tenth at each end, with ticks at 1, 2 and 5 times the powers of ten inside it (only
    /// the powers of ten when it spans more than 30 times).
    static func logarithmic(_ label: String, minimum: Double, maximum: Double) -> ChartAxis {
        let low = Swift.max(minimum, 1e-12), high = Swift.max(maximum, low)
        let lower = low / 1.1, upper = high * 1.1
        let steps: [Double] = high / low > 30 ? [1] : [1, 2, 5]
        var values: [Double] = []
        var decade = pow(10, log10(lower).rounded(.down))
        while decade <= upper {
            for step in steps where decade * step >= lower && decade * step <= upper { values.append(decade * step) }
            decade *= 10
        }
        if values.count < 2 { values = [low, high] }
        let ticks = values.map { Tick(value: $0, label: Self.label(of: $0)) }
        return ChartAxis(label: label, scale: .logarithmic, lower: lower, upper: upper, ticks: ticks)
    }

    /// A tick value with as many decimals as its size needs (0.05, 0.5, 5, 500).
    static func label(of value: Double) -> String {
        for decimals in 0...6 {
            let text = DecimalFormat.fixed(value, decimals)
            if abs((Double(text) ?? .nan) - value) <= abs(value) * 1e-9 { return text }
        }
        return DecimalFormat.fixed(value, 6)
    }

    /// The percentile axis of HdrHistogram plots: 1/(1-p) on a log scale from 1 (0%) to a
    /// power of ten at or above `maximumInverseTail` (at least 100, the 99th percentile),
    /// ticks labelled 0%, 90%, 99%, 99.9%, ...
    static func percentile(_ label: String, maximumInverseTail: Double) -> ChartAxis {
        let decades = Swift.max(2, Int(log10(Swift.max(maximumInverseTail, 1)).rounded(.up)))
        let ticks = (0...decades).map { k in Tick(value: pow(10, Double(k)), label: percentileLabel(decade: k)) }
        return ChartAxis(label: label, scale: .logarithmic, lower: 1, upper: pow(10, Double(decades)), ticks: ticks)
    }

    /// Categories at the middle of equal slots (bar charts, heatmaps), named in full; no grid.
    static func categories(_ label: String, names: [String]) -> ChartAxis {
        let ticks = names.enumerated().map { Tick(value: Double($0.offset) + 0.5, label: $0.element) }
        return ChartAxis(label: label, scale: .linear, lower: 0, upper: Double(Swift.max(1, names.count)), ticks: ticks, grid: false, isCategorical: true)
    }

    /// The percentile at 1/(1-p) = 10^k: 0%, 90%, 99%, 99.9%, ...
    static func percentileLabel(decade k: Int) -> String {
        switch k {
        case 0: return "0%"
        case 1: return "90%"
        default: return "99" + (k > 2 ? "." + String(repeating: "9", count: k - 2) : "") + "%"
        }
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, log10(raw).rounded(.down))
        let normalized = raw / magnitude
        let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
        return nice * magnitude
    }
}
