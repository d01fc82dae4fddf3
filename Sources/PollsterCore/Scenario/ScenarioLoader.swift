import Yams

/// Loads scenario files: parses the YAML and validates every value, reporting all problems
/// at once, each with its file, line and key path.
public enum ScenarioLoader {
    /// The scenario in the file at `path`; relative `file:` references (empirical
    /// distributions) are resolved against the file's directory.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let (root, baseDirectory) = try compose(path: path)
        return try load(node: root, file: path, baseDirectory: baseDirectory)
    }

    /// The scenario in `yaml`. `file` names it in problems and gives the default scenario
    /// name (its base name without extension); `baseDirectory` resolves relative `file:`
    /// references.
    public static func load(yaml: String, file: String, baseDirectory: String) throws(ScenarioError) -> Scenario {
        try load(node: compose(yaml: yaml, file: file), file: file, baseDirectory: baseDirectory)
    }

    /// Yams' error as one line with the line it points at.
    static func syntaxProblem(_ error: YamlError, file: String) -> ScenarioProblem {
        func problem(_ line: Int?, _ message: String) -> ScenarioProblem {
            ScenarioProblem(file: file, line: line, path: "", message: message)
        }
        switch error {
        case .scanner(let context, let text, let mark, _), .parser(let context, let text, let mark, _),
             .composer(let context, let text, let mark, _):
            var message = "YAML syntax error: " + text
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return problem(mark.line, message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return problem(context.mark.line, "key \(keys) appears more than once in one mapping (first here); each key may appear once")
        case .reader(let text, _, _, _):
            return problem(nil, "cannot read the file as YAML text: \(text)")
        default:
            return problem(nil, "YAML syntax error: \(error)")
        }
    }
}
