/// Why a scenario could not be loaded: every problem found, not only the first.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems in file order; never empty.
    public var problems: [ScenarioProblem]

    /// An error made of `problems`.
    public init(problems: [ScenarioProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
