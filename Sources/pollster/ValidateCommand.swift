import ArgumentParser
import Foundation
import PollsterCore

/// `pollster validate FILE...`: checks scenario files and describes the valid ones.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and describe what each one runs.",
        discussion: """
            Loads each scenario file and reports every problem at once, one per line, as
            FILE:LINE: KEY.PATH: what is wrong; what is allowed. For a valid file it prints
            "ok: FILE" and a paragraph describing the workload, server, strategies and mode.

            Problems go to standard error; the exit status is 1 when any file has one.

            Example:
              pollster validate scenarios/quickstart.yaml \\
                scenarios/tight-limits.yaml
            """
    )

    @Argument(help: "Scenario files (YAML) to check.")
    var files: [String] = []

    func validate() throws {
        if files.isEmpty {
            throw ValidationError("give at least one scenario file, e.g. pollster validate scenarios/quickstart.yaml")
        }
    }

    func run() throws {
        var failed = false
        var printedAny = false
        for file in files {
            do {
                let scenario = try ScenarioLoader.load(path: file)
                if printedAny { print() }
                printedAny = true
                print("ok: \(file)")
                print(scenario.summary)
                for note in scenario.notes { FileHandle.standardError.write(Data("note: \(file): \(note)\n".utf8)) }
            } catch {
                failed = true
                FileHandle.standardError.write(Data("\(error)\n".utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }
}
