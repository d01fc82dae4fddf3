import Foundation

/// The scenario value a capacity search raises, and how its values are written: an
/// arrival rate in the file's unit, a whole number, a plain number or a duration.
public struct LoadAxis: Sendable, Hashable {
    public var path: ScenarioPath
    public var kind: ParameterValue.Kind
    /// The rate unit of the file's value (`s`, `m` or `h`), for rates.
    public var rateUnit: String
    /// True when the value is a whole number (`executions: 300`): searched in whole steps.
    public var whole: Bool
    /// The scenario's own value (seconds, per second or plain).
    public var current: Double

    /// The axis at `path`, from the value the scenario holds there.
    public init(path: ScenarioPath, template: ScenarioTemplate) throws(PlanError) {
        guard let text = try template.value(at: path) else {
            throw .noSuchPath(path.description, "the scenario sets no value there; a capacity search raises a value the file sets, such as workload.arrival.rate")
        }
        let value = ParameterValue(text)
        guard let number = value.number, number > 0, value.kind != .text else {
            throw .invalidOption("\(path) is \"\(text)\"; a capacity search needs a positive rate, number or duration there")
        }
        self.path = path
        kind = value.kind
        current = number
        whole = value.kind == .number && Int(text.filter { $0 != "_" }) != nil
        rateUnit = value.kind == .rate ? String(text[text.index(after: text.lastIndex(of: "/")!)...]).trimmingCharacters(in: .whitespaces) : ""
    }

    /// `value` written as the scenario file would hold it.
    public func text(_ value: Double) -> String {
        switch kind {
        case .rate:
            let scale = rateUnit == "m" ? 60.0 : rateUnit == "h" ? 3600.0 : 1.0
            return ParameterValues.significant(value * scale) + "/" + rateUnit
        case .duration: return ParameterValues.duration(value)
        case .number, .text: return whole ? String(Int(value.rounded())) : ParameterValues.significant(value)
        }
    }

    /// What a value of this axis is, for sentences and axis titles: `executions/s`.
    public var unitName: String {
        switch kind {
        case .rate: return path.description.hasPrefix("workload.arrival") ? "executions/s" : "/s (\(path))"
        case .duration: return "s (\(path))"
        case .number, .text: return path.description
        }
    }

    /// `value` as a short number (4 significant digits, or whole).
    public func number(_ value: Double) -> String {
        whole ? String(Int(value.rounded())) : ParameterValues.significant(value, digits: 4)
    }

    /// `value` in words with its unit: `12.5 executions/s`, `workload.executions = 300`.
    public func describe(_ value: Double) -> String {
        let number = number(value)
        switch kind {
        case .rate, .duration: return number + " " + unitName
        case .number, .text: return "\(path) = \(number)"
        }
    }
}
