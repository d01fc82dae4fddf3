import Foundation
import ArgumentParser
import PollsterCore
import PollsterLive
import PollsterLiveRunner
import PollsterReport
import PollsterSim

/// Runs a loaded scenario in its mode, with progress and Ctrl-C handling, then writes and
/// prints the results.
struct ScenarioRun {
    let scenario: Scenario
    let options: RunOptions
    /// Live-run flags; nil for commands that only simulate.
    var live: LiveOptions? = nil

    func execute() async throws {
        if live?.dryRun == true {
            try await printPlan()
            return
        }
        let thresholds = scenario.thresholds + (try ThresholdOutput.parse(options.failIf, strategies: scenario.strategies.map(\.name)))
        try refuseToOverwrite()
        if !options.quiet {
            for note in scenario.notes { Terminal.error("note: " + note) }
        }
        if let shard = options.keyShard {
            if scenario.mode == .live, case .embedded = scenario.target {
                Terminal.error("error: --shard \(shard): a live run against the embedded server cannot be split (each process would have a server of its own); start one with pollster serve and set the scenario's target to its URL")
                throw ExitCode(64)
            }
            // Live shards share one real server, whose limits see them all: only a
            // simulation needs keys that do not share a limit.
            if scenario.mode == .simulate, !options.splitGlobal, let reason = KeyShard.couplingReason(scenario) {
                Terminal.error("error: --shard \(shard): \(scenario.name) cannot be split by API key: \(reason) (--split-global divides it evenly between the shards, an approximation)")
                throw ExitCode(64)
            }
        }
        var result: RunResult
        // executions.csv is streamed to temporary parts during the run, joined at the end.
        let executionLog = scenario.report.formats.contains(.executions) ? try? ExecutionLog() : nil
        defer { executionLog?.remove() }
        switch scenario.mode {
        case .simulate: result = try await simulate(executionLog: executionLog)
        case .live: result = try await runLive(executionLog: executionLog)
        }
        if options.debugLoseExecution, !result.strategies.isEmpty { result.strategies[0].metrics.executions += 1 }
        try publish(thresholds.isEmpty ? result : ThresholdEvaluator.judged(result, by: thresholds), executionLog: executionLog)
    }

    func simulate(executionLog: ExecutionLog? = nil) async throws -> RunResult {
        let simulator = Simulator(scenario: scenario, replications: options.replications, jobs: options.jobs, only: options.keyShard,
                                  splitGlobal: options.splitGlobal, executionLog: executionLog)
        if options.splitGlobal, !options.quiet, let reason = KeyShard.couplingReason(scenario) {
            Terminal.error("note: --split-global: \(reason); each shard gets an equal share of the global limits and capacity, an approximation")
        }
        let progress = SimulationProgress()
        let line = ProgressLine(enabled: !options.quiet)
        let total = (options.keyShard?.plannedExecutions(scenario.workload) ?? scenario.workload.executions)
            * scenario.runCount * options.replications
        return try await InterruptSignal.cancellingOnInterrupt {
            await withTaskGroup(of: RunResult?.self) { group in
                group.addTask { await simulator.run(progress: progress) }
                group.addTask { await line.follow(progress, totalExecutions: total); return nil }
                var result: RunResult?
                for await value in group where value != nil {
                    result = value
                    group.cancelAll()
                }
                return result!
            }
        }
    }

    func runLive(executionLog: ExecutionLog? = nil) async throws -> RunResult {
        if options.replications > 1 {
            Terminal.error("note: --replications applies to simulations; a live run replays each strategy once")
        }
        var scenario = self.scenario
        if case .embedded = scenario.target {
            switch try live?.timeScaleOverride() {
            case .fixed(let value)?:
                scenario.timeScale = value
                scenario.timeScaleIsAuto = false
            case .auto?:
                scenario.timeScaleIsAuto = true
            case nil:
                break
            }
        } else {
            scenario.timeScaleIsAuto = false
            if live?.timeScale != nil {
                Terminal.error("note: --time-scale applies to the embedded target; a real API runs in real time")
            }
        }
        let transport = live?.transport ?? TransportConfiguration()
        var limits = try live?.limits(loopback: scenario.target.isLoopback) ?? LiveLimits()
        if live?.maxRequestRate == nil, let rate = scenario.live.maxRequestRate { limits.maxRequestRate = rate.perSecond }
        let stop = StopSignal()
        let tally = LiveRunTally()
        let claim = ReportClaim()
        do {
            // One Ctrl-C scope for the whole run, calibration included. A second Ctrl-C
            // writes what has been measured so far and quits, unless the run is already
            // writing its own report.
            return try await InterruptSignal.notifyingOnInterrupt({ stop.request() }, onQuit: { quit(tally, claim) }) {
                var advice: TimeScaleAdvisor.Advice?
                if scenario.timeScaleIsAuto {
                    if !options.quiet { Terminal.error("timeScale auto: measuring this machine and simulating the run's demand...") }
                    let quick = scenario
                    guard let chosen = try await Self.untilStopped(stop, { try await AutoTimeScale.advise(quick, transport: transport) }) else {
                        Terminal.error("interrupted before the live run started: nothing was measured")
                        throw ExitCode(130)
                    }
                    scenario.timeScale = chosen.scale
                    advice = chosen
                    if !options.quiet { Terminal.error(chosen.reason) }
                }
                var runner = LiveRunner(scenario: scenario, limits: limits, transport: transport, connections: live?.connections,
                                        keyShard: options.keyShard, executionLog: executionLog)
                var result: RunResult
                if let port = live?.metricsPort {
                    let exporter = LiveMetricsExporter(strategies: scenario.strategies.map(\.name) + (scenario.population?.resultNames ?? []))
                    runner.exporter = exporter
                    let live = runner
                    do {
                        result = try await MetricsEndpoint.withServing(exporter, port: port) { url in
                            if !options.quiet { Terminal.error("metrics: \(url) (Prometheus text format), while the run goes") }
                            return try await run(live, stop: stop, tally: tally)
                        }
                    } catch let error as MetricsEndpointError {
                        Terminal.error("error: --metrics-port \(port): \(error) (choose another port, or 0 for a free one)")
                        throw ExitCode(1)
                    }
                } else {
                    result = try await run(runner, stop: stop, tally: tally)
                }
                if case .embedded = scenario.target, result.strategies.contains(where: { $0.metrics.live?.saturation?.isSaturated == true }) {
                    // The remedy: the scale auto picks, when one keeps clear of saturation and
                    // it is lower than this run's (herds of simultaneous requests stay herds at
                    // any scale: then the remedy is less load).
                    if advice == nil, !result.partial {
                        let run = scenario
                        advice = try? await Self.untilStopped(stop, { try await AutoTimeScale.advise(run, transport: transport) })
                    }
                    if let advice, advice.isClear, advice.scale < scenario.timeScale {
                        for index in result.strategies.indices where result.strategies[index].metrics.live?.saturation?.isSaturated == true {
                            result.strategies[index].metrics.live?.saturation?.suggestedTimeScale = advice.scale
                        }
                    }
                }
                guard claim.claim(.run) else {
                    // A second Ctrl-C is writing the report from what it saw, then exits.
                    try await Task.sleep(for: .seconds(60))
                    throw ExitCode(130)
                }
                return result
            }
        } catch let error as LiveRunError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// The second Ctrl-C: writes the figures so far (executions being polled end as stopped)
    /// and returns true to quit; false when the run is writing its own report already.
    private func quit(_ tally: LiveRunTally, _ claim: ReportClaim) -> Bool {
        guard claim.claim(.quit) else {
            Terminal.error("\nthe report is being written; it will be done in a moment (Ctrl-C again quits without it)")
            return false
        }
        guard let snapshot = tally.snapshot() else {
            Terminal.error("\nquit before the live run started: nothing was measured, no report written")
            return true
        }
        let writer = ReportWriter(directory: scenario.report.out, formats: scenario.report.formats)
        do {
            let written = try writer.write(snapshot.result)
            Terminal.wrote(written)
            Terminal.error("quit: the report holds what had ended; \(snapshot.cutOff) executions being polled were cut off "
                + "(counted as stopped; the requests they had sent are not in it)")
        } catch {
            Terminal.error("error: quit, and the partial report could not be written: \(error)")
        }
        return true
    }

    /// The live run itself, with its progress line.
    private func run(_ runner: LiveRunner, stop: StopSignal, tally: LiveRunTally) async throws -> RunResult {
        let progress = LiveProgress()
        let line = ProgressLine(enabled: !options.quiet)
        let label = "\(runner.scenario.strategies.count) strategies" + (runner.scenario.population.map { " and the mix \($0.name)" } ?? "")
        let total = (runner.keyShard?.plannedExecutions(runner.scenario.workload) ?? runner.scenario.workload.executions)
            * runner.scenario.runCount
        return try await withThrowingTaskGroup(of: RunResult?.self) { group in
            group.addTask { try await runner.run(progress: progress, stop: stop, tally: tally) }
            group.addTask {
                await line.follow(progress, strategy: { label }, totalExecutions: total)
                return nil
            }
            var result: RunResult?
            for try await value in group where value != nil {
                result = value
                group.cancelAll()
            }
            return result!
        }
    }

    /// `body`'s value, or nil when `stop` is requested first (then `body` is cancelled).
    static func untilStopped<T: Sendable>(_ stop: StopSignal, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                await stop.wait()
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// `--dry-run`: what the run would send, per strategy, from a quick simulation.
    func printPlan() async throws {
        var quick = scenario
        quick.mode = .simulate
        let result = await Simulator(scenario: quick).run()
        let total = result.strategies.reduce(0) { $0 + $1.metrics.requests }
        Terminal.output("plan for \(scenario.name) (\(scenario.mode.rawValue) against \(scenario.target.description)); nothing was sent\n"
            + ConsoleTable(colour: Terminal.stdoutWantsColour).render(result)
            + "expected requests in all: \(total)\n")
    }

    /// A run never replaces an earlier report (a folder holding results.json) unless
    /// `--force`: checked before the run, so a long run does not fail at its end.
    func refuseToOverwrite() throws {
        let folder = scenario.report.out
        let earlier = folder.hasSuffix("/") ? folder + "results.json" : folder + "/results.json"
        guard !options.force, FileManager.default.fileExists(atPath: earlier) else { return }
        Terminal.error("error: \(folder) already holds a report (\(earlier)); add --force to replace it, or choose another folder with --out")
        throw ExitCode(1)
    }

    func publish(_ result: RunResult, executionLog: ExecutionLog? = nil) throws {
        let writer = ReportWriter(directory: scenario.report.out, formats: scenario.report.formats)
        let written: [String]
        do {
            written = try InterruptSignal.deferring { try writer.write(result, executionLog: executionLog) }
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        if !options.quiet {
            // Where the files are first, so that the console ends with the answer: the
            // table and the verdict's first sentence (only a warning about the run follows).
            Terminal.wrote(written)
            Terminal.output(ConsoleTable(colour: Terminal.stdoutWantsColour).render(result) + Verdict(result).headline + "\n")
        }
        try ThresholdOutput.report(result, junit: options.junit, quiet: options.quiet)
        // What went wrong with the run itself, after the report is safely written. Figures
        // that do not add up are a bug in pollster, whatever else happened: exit 70.
        let violations = Conservation.violations(result)
        if !violations.isEmpty {
            Terminal.error("error: the run's figures do not add up (a bug in pollster; the report was written as measured):")
            for violation in violations { Terminal.error("  \(violation)") }
            throw ExitCode(70)
        }
        if let warning = SaturationWarning.line(result) { Terminal.error(warning) }
        if result.partial { throw ExitCode(130) }
        if scenario.mode == .live, let failed = FailureSummary.allFailedLine(result, target: result.scenario.target) {
            Terminal.error("error: " + failed)
            throw ExitCode(1)
        }
        if live?.strict == true, result.strategies.contains(where: { $0.metrics.live?.saturation?.isSaturated == true }) {
            throw ExitCode(3)
        }
        if result.thresholds?.contains(where: \.breached) == true { throw ExitCode(ThresholdOutput.breachedStatus) }
    }
}

extension Target {
    /// True for the embedded mock and for loopback URLs.
    var isLoopback: Bool {
        switch self {
        case .embedded: return true
        case .url(let url):
            return LiveRunner.isLoopback(url)
        }
    }
}
