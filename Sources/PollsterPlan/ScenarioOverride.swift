/// One value replaced in a scenario before it is validated: `strategies.expo.multiplier`
/// set to `1.7`. The text is what a scenario file would hold (`2s`, `20/s`, `1.7`).
public struct ScenarioOverride: Sendable, Hashable, CustomStringConvertible {
    /// Where the value goes.
    public var path: ScenarioPath
    /// The value, as written in a scenario file.
    public var value: String

    /// Sets `path` to `value`.
    public init(path: ScenarioPath, value: String) {
        self.path = path
        self.value = value
    }

    /// `PATH=VALUE`.
    public var description: String { "\(path)=\(value)" }
}
