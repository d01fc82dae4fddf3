/// One dimension of a sweep: a path and the values it takes (`--vary PATH=VALUES`).
public struct SweepAxis: Sendable, Hashable {
    public var path: ScenarioPath
    public var values: [ParameterValue]

    /// An axis of `values` at `path`.
    public init(path: ScenarioPath, values: [ParameterValue]) {
        self.path = path
        self.values = values
    }

    /// Parses `PATH=VALUES` (`strategies.expo.multiplier=1.2..3.0/8`).
    public init(argument: String) throws(PlanError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw .invalidValues(argument, "expected PATH=VALUES, such as strategies.expo.multiplier=1.5,2,3 or workload.arrival.rate=10/s..1000/s/log7")
        }
        path = try ScenarioPath(String(argument[..<equals]))
        values = try ParameterValues.parse(String(argument[argument.index(after: equals)...]))
    }

    /// The unit of the values' numbers (`s`, `/s` or empty), for chart axes.
    public var unit: String { values.first?.unit ?? "" }

    /// True when every value has a number (it can be a chart axis).
    public var isNumeric: Bool { values.allSatisfy { $0.number != nil } }
}
