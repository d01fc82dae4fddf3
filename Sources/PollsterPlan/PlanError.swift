import PollsterCore

/// Why a sweep, tuning or capacity search could not start: each case renders as one line a
/// user can act on, naming the path or flag at fault.
public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path that cannot be parsed.
    case invalidPath(String, String)
    /// A path that does not lead to a value of the scenario: the path, and what is there instead.
    case noSuchPath(String, String)
    /// A list of values or a range that cannot be parsed: the text and why.
    case invalidValues(String, String)
    /// The scenario rejects a value set at a path: the assignments and the loader's problems.
    case invalidValue(String, ScenarioError)
    /// The scenario file itself does not load.
    case scenario(ScenarioError)
    /// An option that makes no sense for this scenario (unknown strategy, metric, bound...).
    case invalidOption(String)

    public var description: String {
        switch self {
        case .invalidPath(let path, let why):
            return "invalid path \"\(path)\": \(why)"
        case .noSuchPath(let path, let what):
            return "\(path): no such value in the scenario; \(what)"
        case .invalidValues(let text, let why):
            return "invalid values \"\(text)\": \(why)"
        case .invalidValue(let assignment, let error):
            let problems = error.problems.map { problem in
                var text = problem.path.isEmpty ? "" : problem.path + ": "
                text += problem.message
                if let line = problem.line { text += " (\(problem.file):\(line))" }
                return text
            }
            return "with \(assignment): " + problems.joined(separator: "; ")
        case .scenario(let error):
            return error.description
        case .invalidOption(let message):
            return message
        }
    }
}
