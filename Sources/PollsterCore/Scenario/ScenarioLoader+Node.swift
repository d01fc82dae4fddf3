import Yams

extension ScenarioLoader {
    /// The YAML tree of the scenario file at `path` and the directory its relative `file:`
    /// references resolve against, without validating it (see ``load(node:file:baseDirectory:)``).
    public static func compose(path: String) throws(ScenarioError) -> (root: Node?, baseDirectory: String) {
        let text: String
        do {
            text = try TextFile.read(path)
        } catch {
            throw ScenarioError(problems: [
                ScenarioProblem(file: path, line: nil, path: "", message: "cannot read the scenario file: \(error.reason)")
            ])
        }
        return (try compose(yaml: text, file: path), TextFile.directory(of: path))
    }

    /// The YAML tree of `yaml` without validating it, for callers that edit values before
    /// loading (sweeps and tuning override one value at a path); nil for an empty document.
    public static func compose(yaml: String, file: String) throws(ScenarioError) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ScenarioError(problems: [syntaxProblem(error, file: file)])
        } catch {
            throw ScenarioError(problems: [ScenarioProblem(file: file, line: nil, path: "", message: "YAML syntax error: \(error)")])
        }
    }

    /// The scenario a YAML tree (from ``compose(yaml:file:)``, possibly edited) describes,
    /// validated exactly as a file is; `file` names it in problems and gives the default name.
    public static func load(node root: Node?, file: String, baseDirectory: String) throws(ScenarioError) -> Scenario {
        var decoder = ScenarioDecoder(file: file, baseDirectory: baseDirectory)
        let scenario = decoder.scenario(root, defaultName: TextFile.baseName(of: file))
        guard let scenario, decoder.problems.isEmpty else {
            throw ScenarioError(problems: decoder.problems)
        }
        return scenario
    }
}
