import ArgumentParser

/// The `pollster` command: parses, builds a configuration, calls the library, prints.
@main
struct Pollster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pollster",
        abstract: "Load testing and rate-limit analysis of job-status APIs.",
        subcommands: [
            ValidateCommand.self,
            ServeCommand.self,
        ]
    )
}
