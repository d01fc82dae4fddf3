import ArgumentParser
import PollsterPlan

/// Runs a plan's search with a progress line and Ctrl-C handling (the first Ctrl-C stops
/// the search, which returns what it has), and turns plan errors into one-line messages.
enum PlanRun {
    /// `body` run with a batch of at most `jobs` parallel simulations.
    static func run<T: Sendable>(
        label: String, options: PlanOptions, _ body: @escaping @Sendable (SimulationBatch) async -> T
    ) async throws -> T {
        let progress = PlanProgress()
        let batch = SimulationBatch(jobs: options.jobs, progress: progress)
        let line = PlanProgressLine(enabled: !options.quiet, label: label)
        return try await InterruptSignal.cancellingOnInterrupt {
            await withTaskGroup(of: T?.self) { group in
                group.addTask { await body(batch) }
                group.addTask { await line.follow(progress); return nil }
                var result: T?
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

    /// `build()`, with a ``PlanError`` printed as `error: ...` and exit status 1.
    static func checked<T>(_ build: () throws(PlanError) -> T) throws -> T {
        do {
            return try build()
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// Writes the files with `write`, reporting where (or why not).
    static func writeFiles(quiet: Bool, _ write: () throws -> [String]) throws {
        do {
            let paths = try write()
            if !quiet { Terminal.wrote(paths) }
        } catch {
            Terminal.error("error: cannot write the output: \(error)")
            throw ExitCode(1)
        }
    }

    /// `0.01`, `1%`: a fraction.
    static func fraction(_ text: String, flag: String) throws -> Double {
        let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(trimmed), value.isFinite else {
            throw ValidationError("\(flag) expects a fraction such as 0.01 or a percentage such as 1%, got \"\(text)\"")
        }
        let fraction = text.hasSuffix("%") ? value / 100 : value
        guard (0...1).contains(fraction) else { throw ValidationError("\(flag) must be between 0 and 1 (0% and 100%), got \(text)") }
        return fraction
    }
}
