import Foundation

/// Maps data values onto a chart axis, linearly or logarithmically, and picks round ticks.
public struct ChartScale: Sendable {
    public var low: Double
    public var high: Double
    public var logarithmic: Bool

    /// A scale covering `values` (padded when they are all equal); log only when every
    /// value is positive.
    public init(values: [Double], logarithmic: Bool = false, includeZero: Bool = false) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        self.logarithmic = logarithmic && low > 0
        if includeZero && !self.logarithmic { low = Swift.min(0, low) }
        if high <= low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= self.logarithmic ? low / 2 : pad
            high += pad
        }
        self.low = low
        self.high = high
    }

    /// The position of `value` in [0, 1].
    public func fraction(_ value: Double) -> Double {
        if logarithmic { return (log10(Swift.max(value, low)) - log10(low)) / (log10(high) - log10(low)) }
        return (value - low) / (high - low)
    }

    /// About `count` round tick values inside the scale.
    public func ticks(count: Int = 5) -> [Double] {
        if logarithmic {
            var ticks: [Double] = []
            var decade = pow(10, floor(log10(low)))
            let steps: [Double] = high / low > 30 ? [1] : [1, 2, 5]
            while decade <= high * 1.0001 {
                for step in steps where decade * step >= low * 0.9999 && decade * step <= high * 1.0001 {
                    ticks.append(decade * step)
                }
                decade *= 10
            }
            return ticks.count >= 2 ? ticks : [low, high]
        }
        let raw = (high - low) / Double(Swift.max(1, count))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var tick = ceil(low / step - 1e-9) * step
        var ticks: [Double] = []
        while tick <= high + step * 1e-6 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    /// A tick label: up to 4 significant digits, no trailing zeros.
    public static func label(_ value: Double) -> String {
        ParameterValues.significant(value, digits: 4)
    }
}
