import ArgumentParser
import PollsterCore
import PollsterReport
import PollsterSim

/// Runs a loaded scenario in its mode, with progress and Ctrl-C handling, then writes and
/// prints the results.
struct ScenarioRun {
    let scenario: Scenario
    let options: RunOptions

    func execute() async throws {
        let result: RunResult
        switch scenario.mode {
        case .simulate:
            result = try await simulate()
        case .live:
            Terminal.error("error: live mode is not available in this build yet; run with --mode simulate")
            throw ExitCode(2)
        }
        try publish(result)
    }

    func simulate() async throws -> RunResult {
        let simulator = Simulator(scenario: scenario, replications: options.replications, jobs: options.jobs)
        let progress = SimulationProgress()
        let line = ProgressLine(enabled: !options.quiet, totalExecutions: scenario.workload.executions * scenario.strategies.count * options.replications)
        return try await InterruptSignal.cancellingOnInterrupt {
            await withTaskGroup(of: RunResult?.self) { group in
                group.addTask { await simulator.run(progress: progress) }
                group.addTask { await line.follow(progress); return nil }
                var result: RunResult?
                for await value in group {
                    if let value {
                        result = value
                        group.cancelAll()
                    }
                }
                return result!
            }
        }
    }

    func publish(_ result: RunResult) throws {
        let writer = ReportWriter(directory: scenario.report.out, formats: scenario.report.formats)
        let written: [String]
        do {
            written = try writer.write(result)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        if !options.quiet {
            print(ConsoleTable(colour: Terminal.stdoutWantsColour).render(result), terminator: "")
            for path in written { Terminal.error("wrote \(path)") }
        }
        if result.partial { throw ExitCode(130) }
    }
}
