import ArgumentParser
import PollsterCore

/// Loads a scenario for a command, turning problems into the one-error-per-line message
/// and exit status users get from every command.
enum ScenarioFile {
    static func load(_ path: String) throws -> Scenario {
        do {
            return try ScenarioLoader.load(path: path)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
    }
}
