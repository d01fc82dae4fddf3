import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C handling for long runs: the first SIGINT (or SIGTERM) cancels the work, which
/// then returns what it has so that a partial report is written; a second one exits at once.
enum InterruptSignal {
    private enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case interrupted
    }

    /// Runs `body`; on the first signal `body`'s task is cancelled (it is expected to return
    /// its partial result promptly), on the second the process exits with status 130.
    static func cancellingOnInterrupt<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let (signals, continuation) = AsyncStream<Void>.makeStream()
        return try await watching(onFirst: { continuation.yield() }) {
            try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
                group.addTask { .finished(try await body()) }
                group.addTask {
                    for await _ in signals { return .interrupted }
                    return .interrupted
                }
                while let next = try await group.next() {
                    switch next {
                    case .finished(let value):
                        continuation.finish()
                        group.cancelAll()
                        return value
                    case .interrupted:
                        group.cancelAll()
                    }
                }
                // Unreachable: the work's child always finishes with a value or throws.
                throw CancellationError()
            }
        }
    }

    /// Runs `body`; the first signal calls `onInterrupt` (which asks the work to stop in
    /// its own way), the second calls `onQuit` (which may write what it has, quickly) and
    /// exits with status 130, unless `onQuit` returns false (the work is writing its own
    /// report and ends by itself); a third exits at once.
    static func notifyingOnInterrupt<T: Sendable>(
        _ onInterrupt: @escaping @Sendable () -> Void, onQuit: @escaping @Sendable () -> Bool = { true },
        _ body: () async throws -> T
    ) async throws -> T {
        try await watching(onFirst: onInterrupt, onSecond: onQuit, body)
    }

    /// Holds Ctrl-C off while `body` runs: for writing a report's files, a few milliseconds
    /// that an interruption would leave half done.
    static func deferring<T>(_ body: () throws -> T) rethrows -> T {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        defer {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        return try body()
    }

    /// Installs the handlers for the duration of `body`.
    private static func watching<T>(
        onFirst: @escaping @Sendable () -> Void, onSecond: @escaping @Sendable () -> Bool = { true },
        _ body: () async throws -> T
    ) async throws -> T {
        let received = Atomic<Int>(0)
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        defer {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        let sources = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                switch received.add(1, ordering: .relaxed).newValue {
                case 1:
                    Terminal.error("\ninterrupted: stopping and writing a partial report (press Ctrl-C again to quit at once)")
                    onFirst()
                case 2:
                    if onSecond() { exit(130) }
                default:
                    exit(130)
                }
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        return try await body()
    }
}
