import Foundation
import PollsterCore

/// One numeric strategy parameter a tuner searches, with its bounds: durations on a log
/// scale (milliseconds matter at the low end, seconds at the high end), multipliers linear.
public struct TuningParameter: Sendable, Hashable {
    /// The parameter's key in the strategy (`initial`, `multiplier`).
    public var name: String
    /// `strategies.NAME.KEY`.
    public var path: ScenarioPath
    /// Duration (seconds) or plain number.
    public var kind: ParameterValue.Kind
    /// Bounds, in seconds for durations.
    public var low: Double
    public var high: Double
    /// The starting value, in seconds for durations.
    public var start: Double

    /// A parameter searched between `low` and `high`.
    public init(name: String, path: ScenarioPath, kind: ParameterValue.Kind, low: Double, high: Double, start: Double) {
        self.name = name
        self.path = path
        self.kind = kind
        self.low = low
        self.high = high
        self.start = start
    }

    /// Searched on a log scale (durations and positive bounds).
    public var logarithmic: Bool { kind == .duration && low > 0 }

    /// The value at `u` in [0, 1] of the range, as a scenario writes it (three significant
    /// digits: `1.25s`, `37.6s`, `1.85`), so the value simulated is the value printed.
    public func text(at u: Double) -> String {
        let clamped = Swift.min(1, Swift.max(0, u))
        let value = logarithmic ? low * pow(high / low, clamped) : low + (high - low) * clamped
        let rounded = Double(ParameterValues.significant(value, digits: 3)) ?? value
        switch kind {
        case .duration: return ParameterValues.duration(Swift.max(0.001, rounded))
        default: return ParameterValues.significant(rounded, digits: 3)
        }
    }

    /// The position of `value` (seconds for durations) in [0, 1] of the range.
    public func unit(of value: Double) -> Double {
        guard high > low else { return 0 }
        let u = logarithmic ? log(value / low) / log(high / low) : (value - low) / (high - low)
        return Swift.min(1, Swift.max(0, u))
    }

    /// `name` in [low, high].
    public var rangeDescription: String {
        switch kind {
        case .duration: return "\(name) in \(ParameterValues.duration(low))..\(ParameterValues.duration(high))"
        default: return "\(name) in \(ParameterValues.significant(low))..\(ParameterValues.significant(high))"
        }
    }

    /// The numeric parameters of `spec` with default bounds around their current values
    /// (durations from a quarter to four times, multipliers from 1 to 4); empty for kinds
    /// without numeric parameters (recommended, webhook).
    public static func defaults(for spec: StrategySpec) -> [TuningParameter] {
        func duration(_ key: String, _ value: Nanoseconds) -> TuningParameter {
            let seconds = Swift.max(0.001, Time.toSeconds(value))
            return TuningParameter(name: key, path: .strategy(spec.name, key), kind: .duration,
                                   low: seconds / 4, high: seconds * 4, start: seconds)
        }
        // Wrapped kinds (adaptive, budgeted, headerPaced) and presets keep their numbers
        // elsewhere than the strategy's own keys.
        if spec.label != nil { return [] }
        switch spec.kind {
        case .fixed(let interval):
            return [duration("interval", interval)]
        case .exponential(let initial, let multiplier, let max, _):
            return [
                duration("initial", initial),
                TuningParameter(name: "multiplier", path: .strategy(spec.name, "multiplier"), kind: .number,
                                low: 1, high: Swift.max(4, multiplier), start: multiplier),
                duration("max", max),
            ]
        case .decorrelatedJitter(let base, let max):
            return [duration("base", base), duration("max", max)]
        case .progressAware(let min, let max, let fallback):
            return [duration("min", min), duration("max", max), duration("fallback", fallback)]
        case .recommended, .webhook, .pollyJitter:
            return []
        }
    }

    /// `NAME=LOW..HIGH` (`initial=500ms..10s`, `multiplier=1.1..3`): the parameter `name`
    /// of `spec` with these bounds; its start is its current value (clamped into them).
    public static func parse(_ argument: String, for spec: StrategySpec, template: ScenarioTemplate) throws(PlanError) -> TuningParameter {
        let syntax = "expected NAME=LOW..HIGH such as initial=500ms..10s or multiplier=1.1..3"
        guard let equals = argument.firstIndex(of: "="), argument.contains("..") else {
            throw .invalidValues(argument, syntax)
        }
        let name = String(argument[..<equals])
        let ends = String(argument[argument.index(after: equals)...]).components(separatedBy: "..")
        guard ends.count == 2 else { throw .invalidValues(argument, syntax) }
        let low = ParameterValue(ends[0]), high = ParameterValue(ends[1])
        guard let lowNumber = low.number, let highNumber = high.number, low.kind == high.kind,
              low.kind == .duration || low.kind == .number
        else {
            throw .invalidValues(argument, "the bounds must be two durations or two numbers; " + syntax)
        }
        guard lowNumber < highNumber else { throw .invalidValues(argument, "the low bound must be below the high bound") }
        let path = ScenarioPath.strategy(spec.name, name)
        let current = try template.value(at: path).map(ParameterValue.init)
        let known = defaults(for: spec).map(\.name)
        guard let current, let start = current.number else {
            let list = known.isEmpty ? "it has none to tune" : "tunable: " + known.joined(separator: ", ")
            throw .noSuchPath(path.description, "strategy \(spec.name) (\(spec.kindName)) sets no numeric \(name); \(list)")
        }
        guard current.kind == low.kind else {
            throw .invalidValues(argument, "\(name) is a \(current.kind.rawValue) (\(current.text)), the bounds are \(low.kind.rawValue)s")
        }
        return TuningParameter(name: name, path: path, kind: low.kind, low: lowNumber, high: highNumber,
                               start: Swift.min(highNumber, Swift.max(lowNumber, start)))
    }
}
