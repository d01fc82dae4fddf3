import ArgumentParser
import PollsterCore

/// Loads a scenario for a command, turning problems into the one-error-per-line message
/// and exit status users get from every command.
enum ScenarioFile {
    static func load(_ path: String) throws -> Scenario {
        do {
            return try ScenarioLoader.load(path: path)
        } catch {
            // One line per problem, each as every command's errors start.
            for line in error.description.split(separator: "\n") { Terminal.error("error: \(line)") }
            throw ExitCode(1)
        }
    }
}
